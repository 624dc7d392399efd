"""The records a school's main list pages show, in proportion to its roster.

`populate` gives an organisation whose roster is already imported what a year of Cadre
leaves behind, through the product's own services (so every row is one the product could
have made, audit entries included): a campaign whose registration has closed with one
applicant in APPLICANTS_PER, an evaluation with a code per voter and one ballot in
BALLOTS_PER cast, and a reserve programme with one nominee in NOMINEES_PER. The list pages
then have work in proportion to the school: `pages` names them.
"""

from datetime import date, timedelta

APPLICANTS_PER = 20  # one applicant in 20 staff: 500 at 10,000
BALLOTS_PER = 10  # one ballot in 10 staff, at most MAX_CODES
NOMINEES_PER = 20
CANDIDATES = 6


def populate(org, user) -> dict:
    """Fill `org` (its roster imported, `user` its admin) and return the ids the pages need."""
    from django.utils import timezone

    from cadre.people.models import Person
    from cadre.people.vocab import ACTIVE_STATUSES

    now = timezone.now()
    people = list(
        Person.objects.filter(organisation=org, status__in=ACTIVE_STATUSES).order_by("staff_no")
    )
    campaign = bench_campaign(org, people[:5], now=now)
    _applications(campaign, people[5::APPLICANTS_PER], now=now)
    evaluation = _evaluation(org, user, people[-CANDIDATES:], voters=len(people))
    programme = _programme(org, people[:5], people[7::NOMINEES_PER])
    return {"campaign": campaign.pk, "evaluation": evaluation, "programme": programme.pk}


def pages(org, ids: dict) -> dict[str, tuple[str, str]]:
    """{label: (url, title)} of the main list pages of `org`, by the ids `populate` gave."""
    from django.urls import reverse

    from cadre.ballots.models import Evaluation

    code, campaign, programme = org.code, ids["campaign"], ids["programme"]
    public_id = Evaluation.objects.get(pk=ids["evaluation"]).public_id
    evaluation = ids["evaluation"]
    return {
        "home": (reverse("orgs:home", args=[code]), "Overview (概况)"),
        "audit": (reverse("audit:org", args=[code]), "Audit trail (审计记录), first page"),
        "campaigns": (reverse("campaigns:list", args=[code]), "Campaigns (竞聘上岗)"),
        "campaign": (reverse("campaigns:detail", args=[code, campaign]), "A campaign's page"),
        "prospects": (
            reverse("campaigns:prospects", args=[code, campaign]),
            "Who could apply (符合条件人员), every position over the roster",
        ),
        "review": (
            reverse("campaigns:review", args=[code, campaign]),
            "Qualification review (资格审查): every applicant with the rules' verdicts",
        ),
        "ballots": (reverse("ballots:list", args=[code]), "Evaluations (民主测评)"),
        "evaluation": (
            reverse("ballots:detail", args=[code, evaluation]),
            "An evaluation's page, closed, with its results",
        ),
        "check_in": (
            reverse("ballots:check_in", args=[code, evaluation]),
            "Check-in (签到) list of the staff",
        ),
        "board": (
            reverse("board", args=[public_id]),
            "Bulletin board (公告板): every ballot, public",
        ),
        "reserve": (reverse("reserve:list", args=[code]), "Reserve programmes (后备干部)"),
        "recommendations": (
            reverse("reserve:recommendations", args=[code, programme]),
            "A programme's recommendations (推荐情况)",
        ),
        "sheets": (
            reverse("reserve:sheets", args=[code, programme]),
            "Comprehensive evaluation (综合考评): a sheet per nominee",
        ),
    }


def bench_campaign(org, leaders, *, now):
    """The Changzhou plan's positions and conditions, filed, published and open: its window
    ran from ten days ago to yesterday, so applications can be dated inside it and it can be
    closed today."""
    from cadre.campaigns.models import Campaign, CampaignPosition, Rule, Stage
    from cadre.campaigns.services import plan
    from cadre.decisions.models import BodyMember
    from cadre.orgs.models import Department

    dept, _ = Department.objects.get_or_create(organisation=org, name="党政办公室")
    campaign = plan.campaign_save(
        actor="bench",
        campaign=Campaign(
            organisation=org,
            title="基准测试方案",
            reference_date=date(2025, 6, 22),
            registration_opens=now - timedelta(days=10),
            registration_deadline=now - timedelta(days=1),
        ),
    )
    for order, level in enumerate(("head", "deputy", "acting_head", "officer")):
        plan.position_save(
            actor="bench",
            campaign=campaign,
            position=CampaignPosition(
                department=dept, title=f"岗位{order}", level=level, order=order
            ),
        )
    for order, (kind, params, levels) in enumerate(
        [
            (Rule.Kind.MANUAL, {"text": "政治素质"}, []),
            (Rule.Kind.MIN_EDUCATION, {"level": "大学本科"}, []),
            (Rule.Kind.MIN_EXPERIENCE, {"role_kinds": ["中层副职"], "years": 2}, ["head"]),
            (
                Rule.Kind.MIN_EXPERIENCE,
                {"role_kinds": ["班主任", "年级组长", "教研组长", "其他管理工作"], "years": 3},
                ["deputy", "acting_head"],
            ),
            (Rule.Kind.BIRTH_CUTOFF, {"cutoff": "1980-01-01", "inclusive": True}, []),
        ]
    ):
        plan.rule_save(
            actor="bench",
            campaign=campaign,
            rule=Rule(label=f"条件{order}", kind=kind, params=params, levels=levels, order=order),
        )
    if leaders:
        today = now.date()
        plan.stage_save(
            actor="bench",
            campaign=campaign,
            stage=Stage(name="报名", planned_start=today - timedelta(days=10), order=0),
        )
        plan.leading_group_set(
            actor="bench",
            campaign=campaign,
            members=[
                (p, BodyMember.Role.HEAD if i == 0 else BodyMember.Role.MEMBER)
                for i, p in enumerate(leaders)
            ],
        )
        campaign = plan.campaign_file(
            actor="bench",
            campaign=campaign,
            approved_on=today - timedelta(days=12),
            approval_note="",
            filed_on=today - timedelta(days=11),
            filing_reference="基准〔2026〕1号",
        )
        campaign = plan.campaign_publish(
            actor="bench", campaign=campaign, now=now - timedelta(days=10)
        )
    return campaign


def _applications(campaign, people, *, now) -> None:
    from cadre.campaigns.services import plan, registration

    positions = list(campaign.positions.all())
    applied = now - timedelta(days=5)
    for i, person in enumerate(people):
        application = registration.application_save(
            actor="bench",
            campaign=campaign,
            person=person,
            positions=[positions[i % len(positions)], positions[(i + 1) % len(positions)]],
            accepts_reassignment=bool(i % 2),
            achievements="近三年主要工作业绩",
            strengths="组织协调能力较强",
            work_plan="履职设想",
            now=applied,
        )
        registration.application_submit(
            actor="bench", application=application, pledge=True, now=applied
        )
    plan.campaign_close_registration(actor="bench", campaign=campaign, now=now)


def _evaluation(org, user, candidates, *, voters: int) -> int:
    """A closed evaluation: a code per voter (at most MAX_CODES), one ballot in BALLOTS_PER."""
    from cadre.ballots import services
    from cadre.ballots.models import Evaluation

    voters = min(voters, services.MAX_CODES)
    evaluation = services.evaluation_create(
        actor="bench",
        evaluation=Evaluation(organisation=org, title="基准测试民主测评", entitled=voters),
        candidates=[(p, "中层副职") for p in candidates],
    )
    codes = services.codes_issue(actor="bench", evaluation=evaluation, count=voters)
    evaluation = services.evaluation_open(actor="bench", evaluation=evaluation)
    keys = [c.key for c in evaluation.candidates.all()]
    options = [o["code"] for o in evaluation.options]
    for i, code in enumerate(codes[::BALLOTS_PER]):
        marks = {key: options[(i + j) % len(options)] for j, key in enumerate(keys)}
        services.ballot_cast(evaluation=evaluation, code=code, marks=marks)
    for person in candidates:
        services.check_in(actor=user, evaluation=evaluation, person=person)
    services.evaluation_close(actor="bench", evaluation=evaluation)
    return evaluation.pk


def _programme(org, committee, nominees):
    from cadre.decisions.models import BodyMember
    from cadre.reserve.models import Programme, Recommendation
    from cadre.reserve.services import plan, recommendation

    today = date.today()
    opens = today - timedelta(days=4)
    programme = plan.programme_create(
        actor="bench",
        programme=Programme(
            organisation=org,
            title="基准测试后备干部培养计划",
            guiding_idea="坚持公道正派、德才兼备的选人标准",
            reference_date=opens,
            recommendation_opens=opens,
            recommendation_closes=today,
        ),
    )
    members = [
        (p, BodyMember.Role.HEAD if i == 0 else BodyMember.Role.MEMBER)
        for i, p in enumerate(committee)
    ]
    plan.leading_group_set(actor="bench", programme=programme, members=members)
    plan.committee_set(actor="bench", programme=programme, members=members)
    programme = plan.programme_publish(actor="bench", programme=programme)
    tiers = list(programme.tiers.all())
    for i, person in enumerate(nominees):
        recommendation.recommend(
            actor="bench",
            programme=programme,
            person=person,
            tier=tiers[i % len(tiers)],
            channel=Recommendation.Channel.SELF,
            reason="工作认真，群众认可",
            on=opens + timedelta(days=i % 4),
        )
    return recommendation.recommendation_close(actor="bench", programme=programme, on=today)
