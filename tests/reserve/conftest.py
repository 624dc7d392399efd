"""A reserve programme carried through its selection, one fixture per stage.

The school: the world's 张老师 (A001, 班主任 since 2019) and 李老师 (A002), plus five staff
named for the tiers (R01–R05) and a committee of four (C01–C04, C01 the party secretary)."""

from datetime import date

import pytest
from django.utils import translation

from cadre.decisions.models import BodyMember
from cadre.decisions.services import Vote
from cadre.people.models import Appraisal, Honour, PostHistory
from cadre.reserve.models import Programme, Recommendation
from cadre.reserve.services import plan, recommendation, selection
from cadre.reserve.services._meeting import Meeting
from tests.conftest import make_person

OPENS, CLOSES = date(2024, 3, 1), date(2024, 3, 5)
Channel = Recommendation.Channel


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def members(people):
    return [
        (p, BodyMember.Role.HEAD if i == 0 else BodyMember.Role.MEMBER)
        for i, p in enumerate(people)
    ]


@pytest.fixture
def staff(world):
    s = world.school
    committee = [
        make_person(s, "C01", "书记甲", current_post="党委书记", birth_date=date(1970, 1, 1)),
        make_person(s, "C02", "校长乙", current_post="校长", birth_date=date(1971, 1, 1)),
        make_person(s, "C03", "副校长丙", current_post="副校长", birth_date=date(1972, 1, 1)),
        make_person(s, "C04", "副校长丁", current_post="副校长", birth_date=date(1973, 1, 1)),
    ]
    near = make_person(s, "R01", "周近期", birth_date=date(1980, 6, 1))
    PostHistory.objects.create(person=near, role_kind="年级组长", start_date=date(2019, 9, 1))
    Appraisal.objects.create(person=near, year=2023, result="优秀")
    Honour.objects.create(person=near, date=date(2023, 9, 10), name="南通市优秀教师", level="市级")
    older = make_person(s, "R02", "吴资深", birth_date=date(1977, 1, 1))  # 47 on 2024-03-01
    PostHistory.objects.create(person=older, role_kind="学科主任", start_date=date(2018, 9, 1))
    mid = make_person(s, "R03", "郑中期", birth_date=date(1989, 2, 10))
    young = make_person(s, "R04", "王中长", birth_date=date(1993, 8, 19))
    newcomer = make_person(s, "R05", "冯新人", birth_date=date(2000, 1, 1))  # 24
    return {
        "committee": committee,
        "near": near,
        "older": older,
        "mid": mid,
        "young": young,
        "newcomer": newcomer,
    }


@pytest.fixture
def draft(world, staff):
    p = plan.programme_create(
        actor=world.users["school_admin"],
        programme=Programme(
            organisation=world.school,
            title="第二批“三四五”后备干部培养计划",
            guiding_idea="坚持公道正派、德才兼备的选人标准",
            reference_date=OPENS,
            recommendation_opens=OPENS,
            recommendation_closes=CLOSES,
        ),
    )
    plan.leading_group_set(actor="t", programme=p, members=members(staff["committee"]))
    plan.committee_set(actor="t", programme=p, members=members(staff["committee"]))
    return p


def tier(programme, code):
    return programme.tiers.get(code=code)


@pytest.fixture
def published(draft):
    return plan.programme_publish(actor="t", programme=draft)


@pytest.fixture
def recommended(published, staff, world):
    """Recommendations on 3月1日–5日 through every channel."""
    p = published
    three, four, five = tier(p, "三"), tier(p, "四"), tier(p, "五")
    entries = [
        (Channel.LEADERS, "校长乙", staff["near"], three),
        (Channel.DEPARTMENT, "教务处", staff["near"], three),
        (Channel.GRADE, "高一年级部", staff["near"], three),
        (Channel.DEPARTMENT, "教务处", staff["older"], three),
        (Channel.SUBJECT_GROUP, "语文教研室", staff["mid"], four),
        (Channel.SELF, "", staff["mid"], four),
        (Channel.SELF, "", staff["young"], five),
        (Channel.GRADE, "高二年级部", staff["newcomer"], five),
    ]
    for i, (channel, source, person, t) in enumerate(entries):
        recommendation.recommend(
            actor="t",
            programme=p,
            person=person,
            tier=t,
            channel=channel,
            source=source,
            reason="工作认真，群众认可",
            on=date(2024, 3, 1 + i % 5),
        )
    return p


@pytest.fixture
def evaluating(recommended):
    return recommendation.recommendation_close(
        actor="t", programme=recommended, on=date(2024, 3, 5)
    )


def propose(programme, person, code):
    s = programme.sheets.get(person=person)
    return selection.sheet_save(
        actor="t",
        sheet=s,
        criteria_met=[True] * len(programme.criteria),
        staff_opinion="教职工代表评价较好",
        conduct="一贯表现良好",
        remarks="",
        proposed_tier=tier(programme, code) if code else None,
    )


@pytest.fixture
def submitted(evaluating, staff):
    p = evaluating
    propose(p, staff["near"], "三")
    propose(p, staff["older"], "三")
    propose(p, staff["mid"], "四")
    propose(p, staff["young"], "五")
    return selection.list_submit(actor="t", programme=p, on=date(2024, 3, 13))


@pytest.fixture
def decided(submitted, staff):
    p = submitted
    chosen = [(s.person, s.proposed_tier) for s in p.sheets.filter(proposed_tier__isnull=False)]
    selection.committee_decide(
        actor="t",
        programme=p,
        chosen=chosen,
        meeting=Meeting(
            "确定第二批“三四五”后备干部人选",
            date(2024, 3, 14),
            list(p.committee.members.all()),
            Vote(4),
        ),
    )
    p.refresh_from_db()
    return p


@pytest.fixture
def cultivating(decided, staff, world):
    """The decided programme's four reserve cadres (cycle 2024-03-14 to 2027-03-13) and the
    people their cultivation draws on: a 年级组长 and a class teacher of more than five years
    who can be mentors, a class teacher of four years who cannot, the school's 党政办公室."""
    from types import SimpleNamespace

    from cadre.reserve.models import ReserveCadre

    s = world.school
    grade_head = make_person(s, "M01", "孙年级", birth_date=date(1978, 4, 1))
    PostHistory.objects.create(person=grade_head, role_kind="年级组长", start_date=date(2021, 9, 1))
    senior = make_person(s, "M02", "钱班主任", birth_date=date(1982, 4, 1))
    PostHistory.objects.create(person=senior, role_kind="班主任", start_date=date(2018, 9, 1))
    junior = make_person(s, "M03", "赵班主任", birth_date=date(1990, 4, 1))
    PostHistory.objects.create(person=junior, role_kind="班主任", start_date=date(2020, 3, 14))

    def cadre(key):
        return ReserveCadre.objects.get(programme=decided, person=staff[key])

    return SimpleNamespace(
        programme=decided,
        near=cadre("near"),
        older=cadre("older"),
        mid=cadre("mid"),
        young=cadre("young"),
        grade_head=grade_head,
        senior=senior,
        junior=junior,
        department=world.department,
        admin=world.users["school_admin"],
    )
