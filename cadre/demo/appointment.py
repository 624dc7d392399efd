"""From the shortlist to the appointment, in the demo: the Changzhou campaign of 2025
carried to its end as the seed's timetable has it (7月1日 inspection and the leading group's
decision, 7月2日—7日 the notice, 7月8日 the report to the bureau), and a mid-year campaign
of 2026 in its notice period with a concern still being looked into."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from cadre.appointments.models import Inspection, Notice
from cadre.appointments.services import approval, inspection, notice
from cadre.ballots.models import Evaluation
from cadre.campaigns.eligibility import who_could_apply
from cadre.campaigns.models import Campaign, CampaignPosition, Rule, Stage
from cadre.campaigns.services import plan, registration
from cadre.decisions.models import BodyMember
from cadre.decisions.services import Vote, decision_record
from cadre.people.models import Person

from .clock import at
from .evaluation import complete_review, hold_evaluation
from .panel import hold_defence

ACTOR = "cadre demo"
User = get_user_model()
CONTACT = (
    "书面材料请交党总支书记室（行政楼三楼），或投入校门口意见箱；"
    "电话：0519-8888 6001；电子邮箱：dzz@czfz.example.cn。"
)
FINDINGS = (
    "该同志政治立场坚定，坚决拥护党的领导；工作积极主动，责任心强，在年级管理和班主任工作中"
    "成绩突出；团结同事，作风民主，群众基础较好；廉洁自律，未发现违规违纪问题。"
    "不足：统筹全局工作的经验有待积累。"
)


def _inspect(campaign, on: date, party) -> None:
    """The party branch's inspection of every shortlisted candidate."""
    secretary = campaign.leading_group.members.get(role=BodyMember.Role.HEAD).person.name
    for i, item in enumerate(campaign.inspections.select_related("person")):
        inspection.inspection_save(
            actor=party,
            inspection=item,
            data={
                "group_leader": secretary,
                "group_members": "组织委员、纪检委员、教师代表",
                "talks": 22 + i * 3,
                "opinion_forms": 45 + i * 2,
                "documents_reviewed": True,
                "candidate_talk": True,
                "findings": FINDINGS,
                "conclusion": Inspection.Conclusion.SUITABLE,
            },
            conclude=True,
        )


def _propose(campaign, on: date) -> None:
    """The leading group's meeting: the best inspected candidate of each position is
    proposed, up to its quota; the rest are not."""
    members = list(campaign.leading_group.members.all())
    taken: dict[int, int] = {}
    items = []
    for item in campaign.inspections.select_related("position").order_by("position", "rank"):
        places = item.position.quota - taken.get(item.position_id, 0)
        if places > 0:
            taken[item.position_id] = taken.get(item.position_id, 0) + 1
            vote = Vote(len(members))
        else:
            vote = Vote(0, len(members) - 1, 1)
        items.append(inspection.Item(item, vote, []))
    inspection.proposals_decide(
        actor=ACTOR, campaign=campaign, on=on, present=members, items=items, note="三重一大集体决策"
    )


def _joint_meeting(campaign, org) -> list:
    leaders = Person.objects.filter(
        organisation=org, current_post__in=["校长", "党总支书记", "副校长"]
    ).order_by("staff_no")
    heads = Person.objects.filter(
        organisation=org, current_post__in=["党政办公室主任", "课程教学中心主任"]
    ).order_by("staff_no")
    people = [*leaders, *heads]
    body = approval.joint_meeting_set(
        actor=ACTOR, campaign=campaign, members=[(p, BodyMember.Role.MEMBER) for p in people]
    )
    return list(body.members.all())


def complete_changzhou(campaign: Campaign, org) -> None:
    """Carry the 2025 campaign from its confirmed shortlist to the appointment."""
    party = User.objects.get(username="cz-party")
    admin = User.objects.get(username="cz-admin")
    # The demo replays last summer's meeting today; its record keeps the meeting's day.
    Evaluation.objects.filter(campaign=campaign).update(
        opened_at=at(date(2025, 6, 30), 14), closed_at=at(date(2025, 6, 30), 15, 40)
    )
    _inspect(campaign, date(2025, 7, 1), party)
    _propose(campaign, date(2025, 7, 1))
    the_notice = notice.notice_publish(
        actor=admin,
        campaign=campaign,
        starts_on=date(2025, 7, 2),
        days=5,
        counting=Notice.Counting.CALENDAR,
        first_day_counts=False,
        contact=CONTACT,
        now=at(date(2025, 7, 2), 8),
    )
    first = campaign.proposals.filter(status="proposed").select_related("person").first()
    concern = notice.objection_file(
        notice=the_notice,
        proposal=first,
        anonymous=False,
        reporter_name="（实名来信）",
        reporter_contact="",
        channel="letter",
        content=f"反映{first.person.name}同志在担任年级组长期间，组织活动时曾多次占用学生自习课。",
        received_at=at(date(2025, 7, 4), 10),
        actor=admin,
    )
    notice.objection_conclude(
        actor=party,
        objection=concern,
        handling="党总支派员查阅年级活动记录和课表调整记录，个别访谈年级教师6人、学生代表4人。",
        finding="unfounded",
        conclusion="所反映的活动均经学校审批、按课表调整安排，未占用学生自习课，反映问题不属实。"
        "已向来信人反馈。",
    )
    members = _joint_meeting(campaign, org)
    decision = decision_record(
        actor=admin,
        body=campaign.joint_meeting,
        subject=f"{campaign.title}聘任人选",
        kind="approval",
        on=date(2025, 7, 8),
        present=members,
        vote=Vote(len(members)),
        note="公示期满无重大问题，讨论通过，确定聘任的部门和岗位。",
    )
    approval.approval_record(
        actor=admin, campaign=campaign, decision=decision, today=date(2025, 7, 8)
    )
    approval.report_record(
        actor=admin,
        campaign=campaign,
        reported_on=date(2025, 7, 8),
        reference="常教科附中〔2025〕21号",
        reply_on=date(2025, 7, 15),
        reply="同意备案（演示）",
    )
    for p in campaign.proposals.filter(status="approved").select_related("position"):
        approval.division_save(
            actor=admin,
            proposal=p,
            division_of_work=f"主持{p.position.department.name}日常工作；"
            + (
                "分管学校宣传、档案工作。"
                if p.position.level == "head"
                else "协助主任分管相关条线。"
            ),
            term_years=3,
        )
    approval.appointment_complete(actor=admin, campaign=campaign, appointed_on=date(2025, 8, 1))


def midyear_campaign_on_notice(org, today: date) -> Campaign:
    """A mid-year campaign for one deputy post, now in its five-working-day notice with a
    concern the party committee is still looking into."""
    admin = User.objects.get(username="cz-admin")
    source = Campaign.objects.get(organisation=org, title="2025年中层干部聘任工作方案")
    opens = at(today - timedelta(days=45), 8)
    closes = at(today - timedelta(days=31), 17)
    campaign = plan.campaign_save(
        actor=ACTOR,
        campaign=Campaign(
            organisation=org,
            title=f"{today.year}年后勤服务中心副主任补充聘任工作方案",
            **{f: getattr(source, f) for f in Campaign.CARRIED_OVER},
            reference_date=closes.date(),
            registration_opens=opens,
            registration_deadline=closes,
        ),
    )
    original = source.positions.get(title="后勤服务中心副主任")
    position = plan.position_save(
        actor=ACTOR,
        campaign=campaign,
        position=CampaignPosition(
            department=original.department,
            position=original.position,
            title=original.title,
            level=original.level,
            quota=1,
            duties=original.duties,
            order=1,
        ),
    )
    for r in source.rules.all():
        plan.rule_save(
            actor=ACTOR,
            campaign=campaign,
            rule=Rule(
                label=r.label,
                kind=r.kind,
                params=r.params,
                levels=r.levels,
                exemptable=r.exemptable,
                order=r.order,
            ),
        )
    stages = (
        ("成立竞聘工作领导小组", -50, None, Stage.Milestone.LEADING_GROUP),
        ("公布岗位；民主推荐", -45, -31, Stage.Milestone.REGISTRATION),
        ("资格审查", -30, -27, Stage.Milestone.REVIEW),
        ("竞聘演讲和民主测评", -20, None, Stage.Milestone.EVALUATION),
        ("现场答辩", -18, None, Stage.Milestone.DEFENCE),
        ("组织考察与领导小组决策讨论", -10, -6, Stage.Milestone.INSPECTION),
        ("结果公示（5个工作日）", -4, 4, Stage.Milestone.NOTICE),
        ("上报教育局备案", 6, None, Stage.Milestone.FILING),
    )
    for order, (name, start, end, milestone) in enumerate(stages, start=1):
        plan.stage_save(
            actor=ACTOR,
            campaign=campaign,
            stage=Stage(
                name=name,
                planned_start=today + timedelta(days=start),
                planned_end=today + timedelta(days=end) if end is not None else None,
                milestone=milestone,
                order=order,
            ),
        )
    group = [(m.person, m.role) for m in source.leading_group.members.select_related("person")]
    plan.leading_group_set(
        actor=ACTOR, campaign=campaign, members=group, formed_on=today - timedelta(days=50)
    )
    plan.campaign_file(
        actor=ACTOR,
        campaign=campaign,
        approved_on=today - timedelta(days=49),
        approval_note="校级领导班子会议（三重一大集体讨论）",
        filed_on=today - timedelta(days=47),
        filing_reference=f"演示备案〔{today.year}〕31号",
    )
    plan.campaign_publish(actor=ACTOR, campaign=campaign, now=opens)
    prospects = who_could_apply(campaign)[position]
    applied = 0
    for prospect in prospects:
        person = Person.objects.get(organisation=org, staff_no=prospect.staff_no)
        if person.proposals.exists() or person.current_post.startswith("后勤服务中心"):
            continue
        app = registration.application_save(
            actor=ACTOR,
            campaign=campaign,
            person=person,
            positions=[position],
            accepts_reassignment=False,
            achievements="所带班级多次获评市先进班集体。",
            strengths="熟悉学校后勤与安全管理，沟通协调能力强。",
            work_plan="健全资产台账，推进校园安全标准化建设。",
            now=opens + timedelta(days=2),
        )
        registration.application_submit(
            actor=ACTOR, application=app, pledge=True, now=opens + timedelta(days=3)
        )
        applied += 1
        if applied == 3:
            break
    complete_review(campaign, closed=closes + timedelta(hours=1))
    hold_evaluation(campaign, org, title=f"{campaign.title}民主测评")
    Evaluation.objects.filter(campaign=campaign).update(
        opened_at=at(today - timedelta(days=20), 14),
        closed_at=at(today - timedelta(days=20), 15, 30),
    )
    hold_defence(campaign, on=today - timedelta(days=17))
    campaign.refresh_from_db()
    _inspect(campaign, today - timedelta(days=8), User.objects.get(username="cz-party"))
    _propose(campaign, today - timedelta(days=6))
    starts_on = today - timedelta(days=4)
    try:
        counting = Notice.Counting.WORKING
        notice.period_end(
            org, starts_on=starts_on, days=5, counting=counting, first_day_counts=False
        )
    except ValidationError:
        # Built in the last days of the holiday calendar's final year: the office would
        # enter next year's holidays; the demo cannot know them, so it counts calendar days.
        counting = Notice.Counting.CALENDAR
    the_notice = notice.notice_publish(
        actor=admin,
        campaign=campaign,
        starts_on=starts_on,
        days=5,
        counting=counting,
        first_day_counts=False,
        contact=CONTACT,
        now=at(starts_on, 8),
    )
    proposed = campaign.proposals.get(status="proposed")
    notice.objection_file(
        notice=the_notice,
        proposal=proposed,
        anonymous=True,
        content=f"反映{proposed.person.name}同志在校服征订工作中与供应商联系过密，请组织核实。",
        received_at=timezone.now() - timedelta(days=1),
    )
    return campaign
