"""The Changzhou campaign carried past registration: the party branch's review, the leading
group's list of candidates (with one exemption), and the staff meeting's secret ballot of
6月30日 — codes, check-in, electronic and paper ballots, closed, with its bulletin board —
then next year's plan copied from it and open for registration."""

import random
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from cadre.ballots import services as ballots
from cadre.ballots.models import Evaluation, PaperBatch
from cadre.campaigns.models import Application, Candidacy, Rule
from cadre.campaigns.services import plan, registration, review
from cadre.decisions.services import Vote, decision_record
from cadre.people.models import Person
from cadre.people.vocab import ACTIVE_STATUSES

from .clock import at

ACTOR = "cadre demo"
User = get_user_model()


def complete_review(campaign, closed: datetime | None = None) -> None:
    """Registration closed at `closed`; the review two to four days later."""
    closed = closed or at(date(2025, 6, 22), 18)
    day = closed.date()
    party = User.objects.get(username="cz-party")
    plan.campaign_close_registration(actor=ACTOR, campaign=campaign, now=closed)
    members = list(campaign.leading_group.members.all())
    manual = {
        str(r.pk): {"met": True, "note": "经党总支审查，符合"}
        for r in campaign.rules.filter(kind=Rule.Kind.MANUAL)
    }
    age = campaign.rules.get(kind=Rule.Kind.BIRTH_CUTOFF)
    candidacies = Candidacy.objects.filter(
        application__campaign=campaign, application__status=Application.Status.SUBMITTED
    ).select_related("application__person", "position")
    for c in candidacies:
        rows = review.candidacy_verdicts(c)
        blocking = review.blocking(
            [{**r, "outcome": "pass" if r["kind"] == "manual" else r["outcome"]} for r in rows]
        )
        if [r["rule"] for r in blocking] == [age.pk] and c.rank == 1:
            # One day past the age limit, with an outstanding record: relaxed collectively.
            decision = decision_record(
                actor=ACTOR,
                body=campaign.leading_group,
                subject=f"{c.application.person.name}年龄条件放宽",
                kind="exemption",
                on=day + timedelta(days=2),
                present=members[:4],
                recused=[],
                vote=Vote(4),
                note="三重一大集体研究",
            )
            review.exemption_grant(
                actor=ACTOR,
                candidacy=c,
                rule=age,
                reason="近三年年度考核均为优秀，教育教学业绩特别突出",
                decision=decision,
            )
            blocking = []
        review.candidacy_review(
            actor=party,
            candidacy=c,
            attestations=manual,
            result="not_qualified" if blocking else "qualified",
            reason="；".join(r["message"] for r in blocking),
            now=at(day, 15) + timedelta(days=3),
        )
    decision = decision_record(
        actor=ACTOR,
        body=campaign.leading_group,
        subject=f"{campaign.title}竞聘人员名单",
        kind="candidate_list",
        on=day + timedelta(days=4),
        present=members,
        vote=Vote(len(members)),
    )
    review.campaign_confirm_candidates(actor=ACTOR, campaign=campaign, decision=decision)


def hold_evaluation(campaign, org, title="2025年中层干部竞聘民主测评") -> Evaluation:
    admin = User.objects.get(username="cz-admin")
    staff = list(Person.objects.filter(organisation=org, status__in=ACTIVE_STATUSES))
    evaluation = ballots.evaluation_create(
        actor=admin,
        evaluation=Evaluation(
            organisation=org,
            campaign=campaign,
            title=title,
            entitled=len(staff),
            speech_minutes=campaign.speech_minutes,
        ),
        candidates=ballots.campaign_candidates(campaign),
    )
    codes = ballots.codes_issue(actor=admin, evaluation=evaluation, count=len(staff) - 10)
    ballots.evaluation_open(actor=admin, evaluation=evaluation)
    evaluation.refresh_from_db()
    rng = random.Random(630)
    present = rng.sample(staff, len(staff) - 12)
    for person in present:
        ballots.check_in(actor=admin, evaluation=evaluation, person=person)
    candidates = list(evaluation.candidates.all())
    # Most colleagues are satisfied with most candidates; one is less well regarded.
    liking = {
        c.key: 0.55 if i == len(candidates) - 1 else rng.uniform(0.75, 0.95)
        for i, c in enumerate(candidates)
    }
    voters = len(present) - 6  # six vote on paper
    for code in codes[:voters]:
        ballots.ballot_cast(evaluation=evaluation, code=code, marks=_marks(rng, liking))
    batch = PaperBatch.objects.create(
        evaluation=evaluation, kind="ballots", label="纸质票（票箱1）"
    )
    paper = [_marks(rng, liking) for _ in range(6)]
    paper[0][candidates[0].key] = "*"  # marked twice: spoiled for him only
    entrant = User.objects.get(username="cz-leader")
    for user in (admin, entrant):
        ballots.paper_enter(actor=user, batch=batch, data=paper)
    return ballots.evaluation_close(actor=admin, evaluation=evaluation)


def _marks(rng, liking):
    marks = {}
    for key, p in liking.items():
        r = rng.random()
        marks[key] = (
            "satisfied" if r < p * 0.7 else "basic" if r < p else "unsatisfied" if r < 0.97 else ""
        )
    return marks


def next_years_plan(campaign, org):
    """Next year's plan is last year's with new dates: open for registration now, from 8
    o'clock three days ago to 5 o'clock in a fortnight, as an office would set them."""
    today = timezone.localdate()
    opens = at(today - timedelta(days=3), 8)
    applied = at(today - timedelta(days=2), 10)
    copy = plan.campaign_copy(
        actor=ACTOR,
        source=campaign,
        title="2026年中层干部聘任工作方案",
        registration_opens=opens,
        registration_deadline=at(today + timedelta(days=14), 17),
    )
    plan.campaign_file(
        actor=ACTOR,
        campaign=copy,
        approved_on=timezone.localdate() - timedelta(days=7),
        approval_note="校级领导班子会议（三重一大集体讨论）",
        filed_on=timezone.localdate() - timedelta(days=5),
        filing_reference="演示备案〔2026〕9号",
    )
    plan.campaign_publish(actor=ACTOR, campaign=copy, now=opens)
    positions = {p.title: p for p in copy.positions.all()}
    for post, title in (
        ("学生成长中心副主任", "学生成长中心主任"),
        ("党政办公室干事", "党政办公室副主任"),
    ):
        person = Person.objects.filter(organisation=org, current_post=post).first()
        if person is None:
            continue
        app = registration.application_save(
            actor=person.user or ACTOR,
            campaign=copy,
            person=person,
            positions=[positions[title]],
            accepts_reassignment=True,
            achievements="",
            strengths="熟悉部门工作，协调能力强。",
            work_plan="完善制度，服务师生。",
            now=applied,
        )
        registration.application_submit(
            actor=person.user or ACTOR, application=app, pledge=True, now=applied
        )
    return copy
