"""A campaign of the test school, shaped like the Changzhou plan, at any stage."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from cadre.campaigns.models import Campaign, CampaignPosition, Rule, Stage
from cadre.campaigns.services import plan
from cadre.decisions.models import BodyMember
from cadre.people.models import Person, PostHistory
from tests.conftest import make_person

TZ = ZoneInfo("Asia/Shanghai")
ADMIN = "test"


def campaign_draft(world, *, opens=None, deadline=None) -> Campaign:
    now = timezone.now()
    opens = opens or now - timedelta(days=1)
    deadline = deadline or now + timedelta(days=10)
    c = plan.campaign_save(
        actor=ADMIN,
        campaign=Campaign(
            organisation=world.school,
            title="2025年中层干部聘任工作方案",
            guiding_idea="突出能力导向，注重人岗相适。",
            reference_date=date(2025, 6, 22),
            registration_opens=opens,
            registration_deadline=deadline,
        ),
    )
    head = plan.position_save(
        actor=ADMIN,
        campaign=c,
        position=CampaignPosition(
            department=world.department,
            title="党政办公室主任",
            level="head",
            quota=1,
            order=1,
            duties="负责学校公文的收发。",
        ),
    )
    deputy = plan.position_save(
        actor=ADMIN,
        campaign=c,
        position=CampaignPosition(
            department=world.department, title="党政办公室副主任", level="deputy", quota=1, order=2
        ),
    )
    plan.position_save(
        actor=ADMIN,
        campaign=c,
        position=CampaignPosition(
            department=world.department,
            title="党政办公室干事",
            level="officer",
            quota=2,
            quota_min=1,
            order=3,
        ),
    )
    for order, (label, kind, params, levels) in enumerate(
        [
            ("坚决拥护中国共产党的领导", Rule.Kind.MANUAL, {"text": "x"}, []),
            ("具备大学本科或以上学历", Rule.Kind.MIN_EDUCATION, {"level": "大学本科"}, []),
            (
                "中层副职2年及以上",
                Rule.Kind.MIN_EXPERIENCE,
                {"role_kinds": ["中层副职"], "years": 2},
                ["head"],
            ),
            (
                "班主任等三年以上",
                Rule.Kind.MIN_EXPERIENCE,
                {"role_kinds": ["班主任", "年级组长", "教研组长"], "years": 3},
                ["deputy"],
            ),
            ("1980年1月1日后出生", Rule.Kind.BIRTH_CUTOFF, {"cutoff": "1980-01-01"}, []),
        ],
        start=1,
    ):
        plan.rule_save(
            actor=ADMIN,
            campaign=c,
            rule=Rule(label=label, kind=kind, params=params, levels=levels, order=order),
        )
    plan.stage_save(
        actor=ADMIN,
        campaign=c,
        stage=Stage(
            name="资格审查", planned_start=date(2025, 6, 23), planned_end=date(2025, 6, 26)
        ),
    )
    members = [
        Person.objects.filter(organisation=world.school, staff_no=f"L{i}").first()
        or make_person(world.school, f"L{i}", f"组员{i}")
        for i in range(4)
    ]
    plan.leading_group_set(
        actor=ADMIN,
        campaign=c,
        members=[
            (p, BodyMember.Role.HEAD if i == 0 else BodyMember.Role.MEMBER)
            for i, p in enumerate(members)
        ],
    )
    c.head, c.deputy = head, deputy
    return c


def campaign_published(world, **kw) -> Campaign:
    c = campaign_draft(world, **kw)
    head, deputy = c.head, c.deputy
    plan.campaign_file(
        actor=ADMIN,
        campaign=c,
        approved_on=date(2025, 5, 28),
        approval_note="校级领导班子会议",
        filed_on=date(2025, 5, 30),
        filing_reference="常教备〔2025〕1号",
    )
    plan.campaign_publish(actor=ADMIN, campaign=c, now=c.registration_opens)
    c.head, c.deputy = head, deputy
    return c


def at(*args):
    return datetime(*args, tzinfo=TZ)


def class_teacher(person, start, end=None):
    PostHistory.objects.create(person=person, role_kind="班主任", start_date=start, end_date=end)
