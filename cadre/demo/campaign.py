"""The Changzhou campaign of the seed (2025), built through the product's services.

It stands at the close of registration: published, with applications whose verdicts cover
every outcome — conditions met, failed by a day, failed through overlapping periods, met only
with a reviewer's attestation — and recommendations accepted, pending and declined.
"""

from datetime import date

from cadre.campaigns.models import Campaign, CampaignPosition, Nomination, Rule, Stage
from cadre.campaigns.services import plan, registration
from cadre.decisions.models import BodyMember
from cadre.people.models import Person

from . import seeds
from .clock import at
from .roster import CHANGZHOU_CASES

ACTOR = "cadre demo"

M = Stage.Milestone
STAGES = (
    ("成立竞聘工作领导小组", date(2025, 5, 26), None, M.LEADING_GROUP),
    ("制定中层竞聘方案", date(2025, 5, 28), None, M.PLAN),
    ("三重一大讨论；公布岗位；民主推荐", date(2025, 6, 3), date(2025, 6, 22), M.REGISTRATION),
    ("资格审查", date(2025, 6, 23), date(2025, 6, 26), M.REVIEW),
    ("竞聘演讲和民主测评", date(2025, 6, 30), None, M.EVALUATION),
    ("组织考察与领导小组决策讨论", date(2025, 7, 1), None, M.INSPECTION),
    ("结果公示", date(2025, 7, 2), date(2025, 7, 7), M.NOTICE),
    ("上报教育局备案", date(2025, 7, 8), None, M.FILING),
)

DEPUTY_ROLES = ["班主任", "年级组长", "教研组长", "其他管理工作"]


def build_changzhou_campaign(org, admin_user) -> Campaign:
    campaign = plan.campaign_save(
        actor=ACTOR,
        campaign=Campaign(
            organisation=org,
            title="2025年中层干部聘任工作方案",
            preamble=seeds.CZ_PREAMBLE,
            guiding_idea=seeds.CZ_GUIDING_IDEA,
            principles=seeds.CZ_PRINCIPLES,
            conditions_text=seeds.CZ_CONDITIONS,
            procedure=seeds.CZ_PROCEDURE,
            other_provisions=seeds.CZ_OTHER,
            how_to_apply="采用个人自荐、群众举荐与组织推荐相结合的方法。个人自荐必须填写与提呈真实可信的"
            "书面材料（附件1 个人自荐表），材料直接交书记室；在本系统中填写并提交自荐表即可。",
            evaluators="全体教师",
            speech_minutes=6,
            max_choices=2,
            reference_date=date(2025, 6, 22),
            registration_opens=at(date(2025, 6, 3), 8),
            registration_deadline=at(date(2025, 6, 22), 17),
        ),
    )
    _positions(campaign, org)
    _rules(campaign)
    for order, (name, start, end, milestone) in enumerate(STAGES, start=1):
        plan.stage_save(
            actor=ACTOR,
            campaign=campaign,
            stage=Stage(
                name=name, planned_start=start, planned_end=end, milestone=milestone, order=order
            ),
        )
    staff = Person.objects.filter(organisation=org)
    group = [(staff.get(current_post="党总支书记"), BodyMember.Role.HEAD)] + [
        (p, BodyMember.Role.MEMBER)
        for p in staff.filter(current_post__in=["校长", "副校长", "党政办公室主任"]).order_by(
            "staff_no"
        )
    ]
    plan.leading_group_set(
        actor=ACTOR, campaign=campaign, members=group, formed_on=date(2025, 5, 26)
    )
    plan.campaign_file(
        actor=ACTOR,
        campaign=campaign,
        approved_on=date(2025, 5, 28),
        approval_note="校级领导班子会议（三重一大集体讨论）",
        filed_on=date(2025, 5, 30),
        filing_reference="演示备案〔2025〕17号",
    )
    plan.campaign_publish(actor=ACTOR, campaign=campaign, now=at(date(2025, 6, 3), 8, 30))
    _applications(campaign, org, admin_user)
    return campaign


def _positions(campaign, org):
    departments = {d.name: d for d in org.departments.all()}
    posts = {p.title: p for d in departments.values() for p in d.positions.all()}
    rows = [
        ("党政办公室", "党政办公室主任", "head", 1),
        ("党政办公室", "党政办公室副主任", "deputy", 1),
        ("课程教学中心", "课程教学中心主任或副主任（主持工作）", "acting_head", 1),
        ("课程教学中心", "课程教学中心副主任", "deputy", 1),
        ("学生成长中心", "学生成长中心主任", "head", 1),
        ("学生成长中心", "学生成长中心副主任", "deputy", 1),
        ("后勤服务中心", "后勤服务中心主任", "head", 1),
        ("后勤服务中心", "后勤服务中心副主任", "deputy", 1),
    ]
    order = 0
    for dept, title, level, quota in rows:
        order += 1
        post = posts.get(title) or posts.get(f"{dept}主任")
        plan.position_save(
            actor=ACTOR,
            campaign=campaign,
            position=CampaignPosition(
                department=departments[dept],
                position=post,
                title=title,
                level=level,
                quota=quota,
                duties=seeds.CHANGZHOU_DUTIES[dept],
                order=order,
            ),
        )
    for dept in ("党政办公室", "课程教学中心", "学生成长中心", "后勤服务中心"):
        order += 1
        plan.position_save(
            actor=ACTOR,
            campaign=campaign,
            position=CampaignPosition(
                department=departments[dept],
                position=posts.get(f"{dept}干事"),
                title=f"{dept}干事",
                level="officer",
                quota=2,
                quota_min=1,
                duties=f"{seeds.CZ_OFFICERS_NOTE}在{dept}主任领导下完成部门日常工作。",
                order=order,
            ),
        )


def _rules(campaign):
    rules = [
        (
            "坚决拥护中国共产党的领导，具有履行职责的理论修养、政策水平，有强烈的事业心和责任感，"
            "身心健康，团队合作能力强",
            Rule.Kind.MANUAL,
            {},
            [],
            False,
        ),
        ("具备大学本科或以上学历", Rule.Kind.MIN_EDUCATION, {"level": "大学本科"}, [], True),
        (
            "有先进的教育思想，有履行岗位职责所必备的较扎实的专业知识",
            Rule.Kind.MANUAL,
            {},
            [],
            False,
        ),
        (
            "聘任中层正职，需要有中层副职2年及以上岗位经历",
            Rule.Kind.MIN_EXPERIENCE,
            {"role_kinds": ["中层副职"], "years": 2},
            ["head"],
            True,
        ),
        (
            "中层副职应具有班主任、年级组长、教研组长或其他管理工作三年以上岗位经历",
            Rule.Kind.MIN_EXPERIENCE,
            {"role_kinds": DEPUTY_ROLES, "years": 3},
            ["deputy", "acting_head"],
            True,
        ),
        (
            "年龄为45周岁以下（1980年1月1日后出生）",
            Rule.Kind.BIRTH_CUTOFF,
            {"cutoff": "1980-01-01", "inclusive": True},
            [],
            True,
        ),
    ]
    for order, (label, kind, params, levels, exemptable) in enumerate(rules, start=1):
        if kind == Rule.Kind.MANUAL:
            params = {"text": label}
        plan.rule_save(
            actor=ACTOR,
            campaign=campaign,
            rule=Rule(
                label=label,
                kind=kind,
                params=params,
                levels=levels,
                exemptable=exemptable,
                order=order,
            ),
        )


# Who applies for what (by the note of the boundary case, or by current post).
APPLICANTS = (
    ("生于1980年1月1日：恰在年龄界限上（含本日）", ["学生成长中心副主任"]),
    ("生于1979年12月31日：超过年龄界限一天", ["学生成长中心副主任", "党政办公室副主任"]),
    ("班主任恰满3年", ["课程教学中心副主任"]),
    ("班主任2年11个月，差1天满3年", ["课程教学中心副主任"]),
    ("班主任与年级组长任期重叠：合计2年10个月（简单相加为3年8个月）", ["党政办公室副主任"]),
    ("教研组长任期内含备课组长：嵌套期间只计一次", ["课程教学中心主任或副主任（主持工作）"]),
    ("中层副职恰满2年", ["后勤服务中心主任"]),
    ("中层副职1年11个月", ["学生成长中心主任", "学生成长中心副主任"]),
    ("学历为大学专科", ["后勤服务中心副主任"]),
)


def _case_person(org, note):
    index = [c.note for c in CHANGZHOU_CASES].index(note)
    birth = CHANGZHOU_CASES[index].birth
    return Person.objects.filter(organisation=org, birth_date=birth).order_by("staff_no").first()


def _applications(campaign, org, admin_user):
    positions = {p.title: p for p in campaign.positions.all()}
    for day, (note, titles) in enumerate(APPLICANTS, start=4):
        person = _case_person(org, note)
        apply_on(campaign, person, [positions[t] for t in titles], at(date(2025, 6, day), 10))
    # A deputy in post applies for his department's head post.
    deputy = Person.objects.get(organisation=org, current_post="学生成长中心副主任")
    apply_on(campaign, deputy, [positions["学生成长中心主任"]], at(date(2025, 6, 10), 15))
    # A draft never submitted, and an application withdrawn.
    officer = Person.objects.filter(organisation=org, current_post="党政办公室干事").first()
    registration.application_save(
        actor=officer.user or ACTOR,
        campaign=campaign,
        person=officer,
        positions=[positions["党政办公室副主任"]],
        accepts_reassignment=False,
        achievements="",
        strengths="",
        work_plan="",
        now=at(date(2025, 6, 12), 9),
    )
    withdrawn = Person.objects.filter(organisation=org, current_post="八年级组长").first()
    if withdrawn:
        app = apply_on(
            campaign, withdrawn, [positions["课程教学中心副主任"]], at(date(2025, 6, 9), 9)
        )
        registration.application_withdraw(
            actor=ACTOR, application=app, now=at(date(2025, 6, 16), 9)
        )
    _nominations(campaign, org, positions, admin_user)


def apply_on(campaign, person, choices, when):
    """`person` applies for `choices` at `when`, submitted: the demo's and the guide's way."""
    application = registration.application_save(
        actor=person.user or ACTOR,
        campaign=campaign,
        person=person,
        positions=choices,
        accepts_reassignment=len(choices) > 1,
        achievements="\n".join(
            f"{h.date.year}年 {h.name}（{h.level}）" for h in person.honours.all()
        ),
        strengths=f"从事{person.subject or '教育'}工作多年，"
        f"熟悉{choices[0].department.name}的工作流程，沟通协调能力较强。",
        work_plan="一是加强学习，提升政治素养和业务能力；二是完善部门制度，提高工作效率；"
        "三是服务师生，做好上传下达与协调配合。",
        now=when,
    )
    return registration.application_submit(
        actor=person.user or ACTOR, application=application, pledge=True, now=when
    )


def _nominations(campaign, org, positions, admin_user):
    staff = Person.objects.filter(organisation=org, current_post="教师").order_by("staff_no")
    recommender = Person.objects.get(organisation=org, current_post="学生成长中心主任")
    actor = recommender.user or admin_user
    accepted, pending, declined = staff[10], staff[20], staff[30]
    n = registration.nomination_create(
        actor=actor,
        campaign=campaign,
        nominee=accepted,
        position=positions["学生成长中心干事"],
        channel=Nomination.Channel.PEER,
        reason="工作踏实，组织学生活动经验丰富。",
        now=at(date(2025, 6, 8), 11),
    )
    registration.nomination_answer(
        actor=ACTOR, nomination=n, accept=True, now=at(date(2025, 6, 9), 8)
    )
    application = accepted.applications.get(campaign=campaign)
    application.strengths, application.work_plan = "熟悉学生工作。", "协助主任做好学生活动组织。"
    application.save(update_fields=["strengths", "work_plan"])
    registration.application_submit(
        actor=ACTOR, application=application, pledge=True, now=at(date(2025, 6, 9), 9)
    )
    registration.nomination_create(
        actor=admin_user,
        campaign=campaign,
        nominee=pending,
        position=positions["后勤服务中心干事"],
        channel=Nomination.Channel.ORGANISATION,
        reason="责任心强，熟悉学校资产管理。",
        now=at(date(2025, 6, 15), 10),
    )
    n = registration.nomination_create(
        actor=actor,
        campaign=campaign,
        nominee=declined,
        position=positions["党政办公室干事"],
        channel=Nomination.Channel.PEER,
        reason="文字功底好。",
        now=at(date(2025, 6, 11), 10),
    )
    registration.nomination_answer(
        actor=ACTOR, nomination=n, accept=False, now=at(date(2025, 6, 12), 10)
    )
