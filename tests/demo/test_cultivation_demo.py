"""The demo's Nantong batch in its cultivation (五、培养措施): from the committee's decision of
2024-03-14 to the third year of the cycle, as the school would find it on 2026-11-21."""

import io
from datetime import date

import docx
import pytest

from cadre.audit.models import AuditEntry
from cadre.demo.builders import build_demo
from cadre.reserve import selectors
from cadre.reserve.cycle import Due
from cadre.reserve.models import (
    Activity,
    Assessment,
    Backfill,
    Material,
    Programme,
    ReserveCadre,
)
from cadre.reserve.services.cultivation import mentor_blockers

TODAY = date(2026, 11, 21)
DECIDED = date(2024, 3, 14)
YEAR_ONE = (date(2024, 3, 14), date(2025, 3, 13))
Kind = Activity.Kind


@pytest.fixture
def programme(db):
    build_demo(today=TODAY)
    return Programme.objects.get(organisation__code="ntyz")


def _in(activities, starts, ends):
    return [a for a in activities if starts <= a.date <= ends]


def test_the_batch_is_cultivated_through_its_first_two_years_and_into_the_third(programme):
    cadres = list(
        programme.reserve_cadres.select_related("person__user", "tier").prefetch_related(
            "activities", "rotations__supervisor", "mentorships__mentor", "materials"
        )
    )
    active = [c for c in cadres if c.active]
    originals = [c for c in active if c.since == DECIDED]

    # Nothing is dated after the day the demo was built; the third year stops in November.
    assert all(a.date <= date(2026, 11, 10) for c in cadres for a in c.activities.all())

    # 组织学习: everyone studies; in the first year six to eight sessions of 2–4 hours.
    for c in active:
        study = [a for a in c.activities.all() if a.kind == Kind.STUDY]
        assert study and all(2 <= a.hours <= 4 for a in study)
    for c in originals:
        assert (
            6 <= len(_in([a for a in c.activities.all() if a.kind == Kind.STUDY], *YEAR_ONE)) <= 8
        )
    topics = {a.topic for c in cadres for a in c.activities.all() if a.kind == Kind.STUDY}
    assert any("教师法" in t for t in topics) and any("职业道德规范" in t for t in topics)

    # 岗位锻炼: each near-term cadre is placed in a department as 干事 in the first year,
    # supervised by its head, with notes, and the department's evaluation at the term's end;
    # this autumn's placement is still running.
    near = [c for c in active if c.tier.code == "三"]
    assert len(near) == 3
    for c in near:
        rotations = list(c.rotations.all())
        first = rotations[0]
        assert YEAR_ONE[0] <= first.starts <= first.ends <= YEAR_ONE[1]
        assert first.role == "干事" and first.evaluation and first.duties
        assert first.supervisor.current_post == f"{first.department.name}主任"
        assert any(
            a.kind == Kind.ROTATION and a.rotation_id == first.pk for a in c.activities.all()
        )
        assert rotations[-1].ends > TODAY and not rotations[-1].evaluation
        assert len({r.department_id for r in rotations}) == len(rotations)
        assert c.person.department_id not in {r.department_id for r in rotations}

    # 结对培养: every mid-term cadre has a mentor each year, the current year included; the
    # demo account nt-mentor is one of them, and the mentors' summaries close the past years.
    rows = {r.cadre.pk: r for r in selectors.cadre_rows(programme, today=TODAY)}
    mid = [c for c in active if c.tier.code == "四"]
    assert len(mid) == 4
    mentors = set()
    for c in mid:
        assert rows[c.pk].mentor is not None
        pairs = list(c.mentorships.all())
        assert len(pairs) == 3
        for pair in pairs:
            assert not mentor_blockers(pair.mentor, pair.starts)
            assert any(a.mentorship_id == pair.pk for a in c.activities.all())
            assert bool(pair.summary) == (pair.ends < TODAY)
        mentors |= {p.mentor.pk for p in pairs}
        if c in originals:
            assert 4 <= len([a for a in c.activities.all() if a.mentorship_id == pairs[0].pk]) <= 6
    assert len(mentors) >= 4
    # The demo account nt-mentor mentors one of them this year: he may record for his
    # mentee, and the meetings and the record he wrote are his on the dossier.
    account = programme.organisation.staff.select_related("user").get(user__username="nt-mentor")
    (mentee,) = [c for c in mid if rows[c.pk].mentor.mentor == account]
    assert selectors.access(account.user, programme.organisation, mentee).mentor
    assert {a.recorded_by for a in mentee.activities.all() if a.kind == Kind.MENTORING} == {
        account.user
    }
    assert mentee.materials.filter(uploaded_by=account.user).exists()

    # 自我提升: the long-term tier practises in all five areas.
    for c in (c for c in active if c.tier.code == "五"):
        areas = {a.area for a in c.activities.all() if a.kind == Kind.PRACTICE}
        assert areas == set(Activity.Area.values)

    # 培养档案: real Word documents with a title and text.
    for c in active:
        assert c.materials.all()
    material = Material.objects.filter(kind=Material.Kind.REFLECTION).first()
    document = docx.Document(io.BytesIO(bytes(material.content)))
    assert material.title in [p.text for p in document.paragraphs]
    assert len([p for p in document.paragraphs if p.text]) >= 3

    # 动态管理: one mid-term cadre disqualified by the committee in November 2024 for the
    # staff's objections; the vacancy back-filled in the same tier by the leading group's
    # proposal and the committee's approval; the newcomer is in cultivation.
    gone = [c for c in cadres if c.status == ReserveCadre.Status.DISQUALIFIED]
    assert len(gone) == 1
    (gone,) = gone
    assert gone.tier.code == "四" and gone.left_reason == ReserveCadre.Reason.OPINION
    assert gone.left_on == date(2024, 11, 14) and gone.left_note
    assert gone.left_decision.body == programme.committee
    assert gone.left_decision.present.count() >= 5
    assert all(a.date < gone.left_on for a in gone.activities.all())
    backfill = Backfill.objects.get(programme=programme)
    assert backfill.status == Backfill.Status.APPROVED
    assert (backfill.vacancy, backfill.tier) == (gone, gone.tier)
    assert backfill.proposal.body == programme.leading_group
    assert backfill.approval.body == programme.committee
    assert backfill.proposal.date < backfill.approval.date == backfill.cadre.since
    assert backfill.cadre.active and backfill.cadre in mid

    # 严格考核: the leading group's meetings of March 2025 and March 2026 assessed every
    # cadre whose year had come; mostly 合格, some 优秀, one 暂缓评定 in the first year.
    first = Assessment.objects.filter(decision__date=date(2025, 3, 10))
    second = Assessment.objects.filter(decision__date=date(2026, 3, 10))
    assert {a.cadre for a in first} == set(originals)
    assert {a.year for a in first} == {1}
    assert {a.cadre for a in second} == set(active)
    assert {(a.cadre == backfill.cadre, a.year) for a in second} == {(False, 2), (True, 1)}
    grades = [a.grade for a in first]
    assert grades.count(Assessment.Grade.EXCELLENT) == 2
    assert grades.count(Assessment.Grade.DEFERRED) == 1
    assert grades.count(Assessment.Grade.QUALIFIED) == len(grades) - 3
    assert all(a.comments and a.decision.body == programme.leading_group for a in first)

    # On 2026-11-21 nothing is overdue: the third year's assessment is due later.
    for c in active:
        assert rows[c.pk].next.state == Due.LATER
    assert not selectors.reminders(Programme.objects.filter(pk=programme.pk), TODAY)
    assert rows[originals[0].pk].next.year.ends == date(2027, 3, 13)

    # The audit trail holds the whole of it.
    actions = set(
        AuditEntry.objects.filter(action__startswith="reserve.").values_list("action", flat=True)
    )
    assert {
        "reserve.activity.create",
        "reserve.rotation.create",
        "reserve.rotation.update",
        "reserve.mentorship.create",
        "reserve.mentorship.summary",
        "reserve.material.upload",
        "reserve.cadre.disqualify",
        "reserve.backfill.propose",
        "reserve.backfill.approve",
        "reserve.assessment.create",
    } <= actions
