"""The pipeline dashboard (梯队建设情况): each tier against its target, the reserve's age and
gender against the school's cadre team, the assessments falling due and how far each
cultivation measure reaches its tier."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.decisions.services import Vote
from cadre.people.dates import age_on
from cadre.people.models import Person, PostHistory
from cadre.reserve import cycle
from cadre.reserve.arithmetic import Fill
from cadre.reserve.dashboard import dashboard
from cadre.reserve.models import (
    Activity,
    Assessment,
    Backfill,
    Mentorship,
    ReserveCadre,
    Rotation,
)
from cadre.reserve.services import assessment, cultivation, dynamic
from cadre.reserve.services._meeting import Meeting
from tests.conftest import make_person

from .conftest import tier

# The end of the first year of cultivation of the cadres decided on 2024-03-14 is 2025-03-13:
# twelve days before it the assessment is due soon, a fortnight after it is overdue.
SOON, LATE = date(2025, 3, 1), date(2025, 4, 1)


def url(name, programme, *args):
    return reverse(f"reserve:{name}", args=[programme.organisation.code, programme.pk, *args])


def meeting(body, on, subject="后备干部工作"):
    return Meeting(subject=subject, on=on, present=list(body.members.all()), vote=Vote(4))


def post(person, role, start, end=None):
    PostHistory.objects.create(person=person, role_kind=role, start_date=start, end_date=end)


@pytest.fixture
def pipeline(decided, staff, world):
    """The decided programme a year on: 周近期 placed in 党政办公室, 郑中期 paired with 校长乙
    for the first year, study for both and 周近期's first year assessed; 王中长 practised and
    was then disqualified, 冯新人 back-filled in his place; 李老师 proposed for tier 三."""
    p = decided
    committee = staff["committee"]

    def cadre(key):
        return ReserveCadre.objects.get(programme=p, person=staff[key])

    near, older, mid, young = cadre("near"), cadre("older"), cadre("mid"), cadre("young")
    Person.objects.filter(pk=staff["near"].pk).update(gender="男")

    # The school's cadre team: the secretary and two heads (one a former 中层正职), 李老师
    # holding two middle-level posts at once, a young 主任助理; and three who do not count
    # on the day: a post that has ended, a retired deputy, a post that begins later.
    secretary, principal, vice, former = committee
    post(secretary, "校级领导", date(2015, 9, 1))
    post(principal, "校级领导", date(2016, 9, 1))
    post(vice, "中层正职", date(2018, 9, 1), date(2022, 8, 31))
    post(vice, "校级领导", date(2022, 9, 1))
    post(former, "中层副职", date(2019, 9, 1), date(2024, 8, 31))
    post(world.colleague, "中层正职", date(2020, 9, 1))
    post(world.colleague, "中层主任助理", date(2019, 9, 1))
    assistant = make_person(world.school, "K01", "钱助理", gender="男", birth_date=date(1990, 6, 1))
    post(assistant, "中层主任助理", date(2023, 9, 1))
    retired = make_person(world.school, "K02", "孙退休", status="退休", birth_date=date(1965, 1, 1))
    post(retired, "中层副职", date(2012, 9, 1))
    later = make_person(world.school, "K03", "周将任", birth_date=date(1985, 1, 1))
    post(later, "中层副职", date(2025, 9, 1))

    cultivation.rotation_save(
        actor="t",
        cadre=near,
        rotation=Rotation(
            department=world.department, starts=date(2024, 4, 1), ends=date(2024, 12, 31)
        ),
    )
    cultivation.mentorship_save(
        actor="t",
        cadre=mid,
        mentorship=Mentorship(
            mentor=principal, starts=date(2024, 3, 14), ends=date(2025, 3, 13), goals="熟悉教务"
        ),
    )
    for who, hours in ((near, Decimal("2.0")), (mid, Decimal("4.5"))):
        cultivation.activity_record(
            actor="t",
            cadre=who,
            activity=Activity(
                kind=Activity.Kind.STUDY, date=date(2024, 5, 10), topic="理论学习", hours=hours
            ),
        )
    cultivation.activity_record(
        actor="t",
        cadre=young,
        activity=Activity(
            kind=Activity.Kind.PRACTICE,
            area=Activity.Area.CLUB,
            date=date(2024, 10, 8),
            topic="指导文学社",
        ),
    )
    assessment.assessments_decide(
        actor="t",
        programme=p,
        gradings=[assessment.Grading(near, Assessment.Grade.EXCELLENT, "表现突出")],
        meeting=meeting(p.leading_group, date(2025, 2, 20)),
    )
    dynamic.disqualify(
        actor="t",
        cadre=young,
        reason=ReserveCadre.Reason.OPINION,
        facts="群众意见较大",
        meeting=meeting(p.committee, date(2024, 11, 1)),
    )
    newcomer = dynamic.backfill_propose(
        actor="t",
        programme=p,
        tier=tier(p, "五"),
        person=staff["newcomer"],
        source=Backfill.Source.NEW,
        reason="增补",
        meeting=meeting(p.leading_group, date(2024, 11, 20)),
        vacancy=young,
        criteria_attested=True,
    )
    dynamic.backfill_decide(
        actor="t", backfill=newcomer, meeting=meeting(p.committee, date(2024, 12, 2))
    )
    dynamic.backfill_propose(
        actor="t",
        programme=p,
        tier=tier(p, "三"),
        person=world.colleague,
        source=Backfill.Source.NEW,
        reason="增补",
        meeting=meeting(p.leading_group, date(2025, 1, 10)),
        criteria_attested=True,
    )
    return SimpleNamespace(
        programme=p,
        near=near,
        older=older,
        mid=mid,
        young=young,
        newcomer=ReserveCadre.objects.get(programme=p, person=staff["newcomer"]),
    )


def by_code(d):
    return {t.tier.code: t for t in d.tiers}


def counts(bars):
    return {b.label: b.count for b in bars if b.count}


def test_each_tier_against_its_target_with_who_left_and_the_back_fills(pipeline):
    d = dashboard(pipeline.programme, SOON)
    tiers = by_code(d)
    assert [(c, t.active, t.tier.target, t.fill, t.off_by) for c, t in tiers.items()] == [
        ("三", 2, 3, Fill.UNDER, 1),
        ("四", 1, 4, Fill.UNDER, 3),
        ("五", 1, 5, Fill.UNDER, 4),
    ]
    assert tiers["三"].bar == 67 and tiers["五"].bar == 20
    assert (tiers["五"].disqualified, tiers["五"].backfills_approved) == (1, 1)
    assert (tiers["三"].disqualified, tiers["三"].backfills_proposed) == (0, 1)
    assert (d.active, d.target, d.left) == (4, 12, 1)


def test_a_tier_over_its_target_shows_a_full_bar(pipeline):
    three = tier(pipeline.programme, "三")
    three.target = 1
    three.save()
    row = by_code(dashboard(pipeline.programme, SOON))["三"]
    assert (row.fill, row.off_by, row.bar) == (Fill.OVER, 1, 100)


def test_age_and_gender_of_the_reserve_in_cultivation(pipeline):
    d = dashboard(pipeline.programme, SOON)
    # 周近期 44, 吴资深 48, 郑中期 36, 冯新人 25; 王中长 left and is not counted.
    assert counts(d.reserve.ages) == {
        "30岁及以下": 1,
        "36—40岁": 1,
        "41—45岁": 1,
        "46—50岁": 1,
    }
    assert [b.label for b in d.reserve.ages] == [cycle.band_label(*b) for b in cycle.AGE_BANDS]
    assert d.reserve.average_age == Decimal("38.3")
    assert [(b.label, b.count, b.percent) for b in d.reserve.genders] == [
        ("男", 1, 25),
        ("女", 3, 75),
    ]
    assert [(b.label, b.count) for b in d.reserve.education] == [("大学本科", 4)]
    three = by_code(d)["三"].structure
    assert (three.count, three.average_age) == (2, Decimal("46.0"))
    assert [(b.label, b.count) for b in three.genders] == [("男", 1), ("女", 1)]


def test_assessments_due_soon_then_overdue_with_each_tiers_next_due_date(pipeline):
    soon = dashboard(pipeline.programme, SOON)
    # 周近期's first year is assessed; 冯新人's first year runs to 2025-12-01.
    assert [(r.cadre, r.next.year.number, r.next.state) for r in soon.due] == [
        (pipeline.older, 1, cycle.Due.SOON),
        (pipeline.mid, 1, cycle.Due.SOON),
    ]
    late = dashboard(pipeline.programme, LATE)
    assert [(r.cadre.person.name, r.next.state) for r in late.due] == [
        ("吴资深", cycle.Due.OVERDUE),
        ("郑中期", cycle.Due.OVERDUE),
    ]
    assert {c: t.next_due for c, t in by_code(late).items()} == {
        "三": date(2025, 3, 13),
        "四": date(2025, 3, 13),
        "五": date(2025, 12, 1),
    }


def test_each_measure_counts_the_cadres_of_its_tier_and_names_who_it_misses(pipeline):
    d = dashboard(pipeline.programme, SOON)
    measures = {m.key: m for m in d.measures}
    figures = {
        k: (m.coverage.covered, m.coverage.total, m.coverage.percent, m.uncovered)
        for k, m in measures.items()
    }
    assert figures == {
        "rotation": (1, 2, 50, [pipeline.older]),
        "mentoring": (1, 1, 100, []),
        "study": (2, 4, 50, [pipeline.older, pipeline.newcomer]),
        # 王中长's practice went with him: 冯新人 has none yet.
        "practice": (0, 1, 0, [pipeline.newcomer]),
    }
    # (2 + 0 + 4.5 + 0) / 4 cadres in cultivation
    assert (d.study_average, d.study_minimum) == (Decimal("1.6"), Decimal(0))


def test_mentoring_counts_a_pairing_only_while_it_runs(pipeline):
    after = {m.key: m for m in dashboard(pipeline.programme, LATE).measures}["mentoring"]
    assert (after.coverage.covered, after.uncovered) == (0, [pipeline.mid])


def test_the_school_cadre_team_counts_who_holds_a_cadre_post_on_the_day(pipeline):
    d = dashboard(pipeline.programme, SOON)
    levels = {level: s.count for level, s in d.levels}
    # 李老师 holds 中层正职 and 中层主任助理: counted once, as 中层正职.
    assert levels == {"校级领导": 3, "中层正职": 1, "中层副职": 0, "中层主任助理": 1}
    # 书记甲 55, 校长乙 54, 副校长丙 53, 李老师 36, 钱助理 34
    assert d.school.count == 5
    assert counts(d.school.ages) == {"31—35岁": 1, "36—40岁": 1, "51—55岁": 3}
    assert d.school.average_age == Decimal("46.4")
    assert [(b.label, b.count) for b in d.school.genders] == [("男", 1), ("女", 4)]
    compared = {c.label: (c.school.count, c.reserve.count) for c in d.ages_compared}
    assert compared["51—55岁"] == (3, 0) and compared["30岁及以下"] == (0, 1)
    assert [(c.label, c.school.percent, c.reserve.percent) for c in d.genders_compared] == [
        ("男", 20, 25),
        ("女", 80, 75),
    ]


def test_the_office_reads_the_dashboard_in_chinese(world, pipeline):
    client = world.client("school_admin")
    page = client.get(url("pipeline", pipeline.programme))
    text = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="zh-hans"' in text
    assert "近期梯队" in text and "2 / 3" in text and "1 / 5" in text
    assert "1 / 2（50%）" in text and "2 / 4（50%）" in text
    today = timezone.localdate()
    cadres = (pipeline.near, pipeline.older, pipeline.mid, pipeline.newcomer)
    average = cycle.average_age(age_on(c.person.birth_date, today) for c in cadres)
    assert f"<strong>{average}</strong>" in text
    dossier = url("dossier", pipeline.programme, pipeline.older.pk)
    assert f'href="{dossier}">吴资深</a>' in text
    detail = client.get(url("detail", pipeline.programme)).content.decode()
    assert url("pipeline", pipeline.programme) in detail


def test_before_the_committee_decides_the_dashboard_says_so(world, submitted):
    page = world.client("school_admin").get(url("pipeline", submitted))
    assert page.status_code == 200
    assert 'id="undecided"' in page.content.decode()
    assert 'id="tiers"' not in page.content.decode()


def test_staff_cannot_open_the_dashboard(world, decided):
    assert world.client("teacher").get(url("pipeline", decided)).status_code in (403, 404)
    assert world.client("other_admin").get(url("pipeline", decided)).status_code == 404


def test_the_district_and_the_leading_group_can(world, decided):
    for persona in ("leader", "district_admin"):
        assert world.client(persona).get(url("pipeline", decided)).status_code == 200


def _more_cadres(programme, department, n):
    """`n` more reserve cadres in each tier, each with everything the dashboard reads of him:
    a rotation, a mentor, study and practice, an assessment, a cadre post on the roster; one
    in three has left. Returns how many are in cultivation."""
    org, decision = programme.organisation, programme.decision
    mentor = Person.objects.filter(organisation=org).first()
    active = 0
    for t in programme.tiers.all():
        for i in range(n):
            person = make_person(org, f"X{t.code}{i:02d}", f"新{t.code}{i}")
            post(person, "中层副职", date(2020, 9, 1))
            c = ReserveCadre.objects.create(
                programme=programme,
                person=person,
                tier=t,
                since=decision.date,
                cycle_starts=decision.date,
                cycle_ends=date(2027, 3, 13),
                decision=decision,
                status=ReserveCadre.Status.ACTIVE if i % 3 else ReserveCadre.Status.TERMINATED,
            )
            active += c.active
            Rotation.objects.create(cadre=c, department=department, starts=SOON)
            Mentorship.objects.create(
                cadre=c, mentor=mentor, starts=decision.date, ends=date(2025, 3, 13), goals="g"
            )
            for kind in (Activity.Kind.STUDY, Activity.Kind.PRACTICE):
                Activity.objects.create(cadre=c, kind=kind, date=SOON, topic="t", hours=1)
            Assessment.objects.create(
                cadre=c,
                year=1,
                period_starts=decision.date,
                period_ends=date(2025, 3, 13),
                grade=Assessment.Grade.QUALIFIED,
                comments="c",
                decision=decision,
            )
    return active


# The figures: the tiers, the cadres with their mentors, rotations and assessments, their
# materials, who practised, the back-fills, the school's cadre team. The page adds the
# session, the user, the school, his roles, the programme and whether he is on its roster.
FIGURES, PAGE = 9, 15


def test_the_figures_and_the_page_take_as_many_queries_for_many_cadres_as_for_few(
    world, pipeline, django_assert_max_num_queries
):
    client = world.client("school_admin")
    page = url("pipeline", pipeline.programme)
    active = 4
    for more in (0, 12):
        active += _more_cadres(pipeline.programme, world.department, more)
        with django_assert_max_num_queries(FIGURES):
            d = dashboard(pipeline.programme, SOON)
        assert d.active == active
        with django_assert_max_num_queries(PAGE):
            assert client.get(page).status_code == 200
    assert "新三1" in client.get(page).content.decode()
