"""培养措施, 动态管理 and 严格考核: what the cultivation services do, what they refuse — a
refusal leaves nothing behind — and what the pages and the dossier read of it.

The decided batch (see conftest): 周近期 and 吴资深 in “三” (near term), 郑中期 in “四” (mid
term), 王中长 in “五” (long term), in the reserve from 2024-03-14; year 1 ends 2025-03-13
and the cycle 2027-03-13."""

import io
import zipfile
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cadre.audit.models import AuditEntry
from cadre.core.uploads import DOCX
from cadre.decisions.models import Decision
from cadre.decisions.services import Vote
from cadre.people.models import PostHistory
from cadre.reserve import selectors
from cadre.reserve.cycle import Due, Year
from cadre.reserve.dossier import dossier
from cadre.reserve.models import (
    Activity,
    Assessment,
    Backfill,
    Material,
    Mentorship,
    Outcome,
    Programme,
    ReserveCadre,
    Rotation,
    Sheet,
)
from cadre.reserve.services import assessment, cultivation, dynamic, outcome, plan
from cadre.reserve.services._meeting import Meeting
from tests.conftest import every_row

from .conftest import tier

SINCE = date(2024, 3, 14)
BATCH_ENDS = date(2027, 3, 13)
# The leading group's yearly assessment meetings, each within 60 days of the year's end.
YEAR_MEETINGS = (date(2025, 2, 1), date(2026, 2, 1), date(2027, 2, 1))
AFTER_CYCLE = date(2027, 3, 20)
Grade = Assessment.Grade
Kind = Activity.Kind
Status = ReserveCadre.Status
Reason = ReserveCadre.Reason
Source = Backfill.Source


# -- helpers ------------------------------------------------------------------------------


@contextmanager
def refused(match: str):
    """The block is refused with a message matching `match`; nothing is added, removed or
    changed."""
    before = every_row()
    with pytest.raises(ValidationError, match=match):
        yield
    assert every_row() == before


def meeting(body, on, votes_for=None, against=0, recused=(), present=None) -> Meeting:
    """A meeting of `body` with every member present (unless `present`), carried by all who
    vote unless `votes_for` says otherwise."""
    present = list(body.members.all()) if present is None else present
    recused = list(recused)
    voters = len(present) - len(recused)
    return Meeting(
        subject="后备干部有关事项",
        on=on,
        present=present,
        recused=recused,
        vote=Vote(voters - against if votes_for is None else votes_for, against),
    )


def member(body, person):
    return body.members.get(person=person)


def audited(action: str, obj=None):
    qs = AuditEntry.objects.filter(action=action)
    return qs.filter(object_id=str(obj.pk)) if obj is not None else qs


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


def assess(c, cadres, on, grade=Grade.QUALIFIED, **vote):
    return assessment.assessments_decide(
        actor=c.admin,
        programme=c.programme,
        gradings=[assessment.Grading(x, grade, "完成培养任务，表现良好") for x in cadres],
        meeting=meeting(c.programme.leading_group, on, **vote),
    )


def assess_cycle(c, cadres):
    for on in YEAR_MEETINGS:
        assess(c, cadres, on)


def decide_outcomes(c, proposed, on=AFTER_CYCLE, **vote):
    return outcome.outcomes_decide(
        actor=c.admin,
        programme=c.programme,
        proposed=proposed,
        meeting=meeting(c.programme.committee, on, **vote),
    )


def study(c, cadre, on=date(2024, 5, 10), hours=Decimal("2.0"), **kw):
    return cultivation.activity_record(
        actor=c.admin,
        cadre=cadre,
        activity=Activity(kind=Kind.STUDY, date=on, topic="学习党的二十大精神", hours=hours, **kw),
    )


def pair(c, mentor=None, starts=SINCE, ends=date(2025, 3, 13), cadre=None, goals="提高班级管理"):
    return cultivation.mentorship_save(
        actor=c.admin,
        cadre=cadre or c.mid,
        mentorship=Mentorship(mentor=mentor or c.grade_head, starts=starts, ends=ends, goals=goals),
    )


def place(c, cadre=None, starts=date(2024, 4, 1), ends=None, **kw):
    return cultivation.rotation_save(
        actor=c.admin,
        cadre=cadre or c.near,
        rotation=Rotation(department=c.department, role="干事", starts=starts, ends=ends, **kw),
    )


def propose(c, person, code="五", source=Source.NEW, on=date(2024, 6, 1), **kw):
    kw.setdefault("criteria_attested", source == Source.NEW)
    vote = {k: kw.pop(k) for k in ("votes_for", "against", "recused", "present") if k in kw}
    return dynamic.backfill_propose(
        actor=c.admin,
        programme=c.programme,
        tier=tier(c.programme, code),
        person=person,
        source=source,
        reason=kw.pop("reason", "名额空缺，择优增补"),
        meeting=meeting(c.programme.leading_group, on, **vote),
        **kw,
    )


def approve(c, backfill, on=date(2024, 6, 10), **vote):
    return dynamic.backfill_decide(
        actor=c.admin, backfill=backfill, meeting=meeting(c.programme.committee, on, **vote)
    )


def disqualify(c, cadre, on=date(2024, 9, 1), reason=Reason.CONDUCT, facts="违反师德规范", **vote):
    return dynamic.disqualify(
        actor=c.admin,
        cadre=cadre,
        reason=reason,
        facts=facts,
        meeting=meeting(c.programme.committee, on, **vote),
    )


def leave(cadre, status=Status.TERMINATED):
    """Set up a cadre who has left the reserve (the services that do it are tested below)."""
    ReserveCadre.objects.filter(pk=cadre.pk).update(status=status, left_on=date(2024, 9, 1))
    cadre.refresh_from_db()
    return cadre


def another_programme(world):
    return plan.programme_create(
        actor="t",
        programme=Programme(
            organisation=world.school,
            title="第三批“三四五”后备干部培养计划",
            reference_date=date(2025, 3, 1),
            recommendation_opens=date(2025, 3, 1),
            recommendation_closes=date(2025, 3, 5),
        ),
    )


def stranger(c, world):
    """A reserve cadre of another programme of the school."""
    other = another_programme(world)
    return ReserveCadre.objects.create(
        programme=other,
        person=world.colleague,
        tier=tier(other, "三"),
        since=SINCE,
        cycle_starts=SINCE,
        cycle_ends=BATCH_ENDS,
        decision=c.programme.decision,
    )


def word_document() -> bytes:
    document = docx.Document()
    document.add_heading("学习体会", level=1)
    document.add_paragraph("通过理论学习，提高了政治觉悟。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_of_text() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return out.getvalue()


# -- job rotation (岗位锻炼) -----------------------------------------------------------------


def test_a_near_term_cadre_is_placed_in_a_department(cultivating, world):
    c = cultivating
    r = place(c, ends=date(2024, 7, 31), supervisor=world.colleague, duties="协助办公室工作")
    r.refresh_from_db()
    assert (r.cadre, r.department, r.role) == (c.near, c.department, "干事")
    entry = audited("reserve.rotation.create", r).get()
    assert entry.after["duties"] == "协助办公室工作"

    r.evaluation = "工作认真，熟悉了办公室流程"
    place_again = cultivation.rotation_save(actor=c.admin, cadre=c.near, rotation=r)
    assert fresh(place_again).evaluation == "工作认真，熟悉了办公室流程"
    update = audited("reserve.rotation.update", r).get()
    assert update.before["evaluation"] == ""
    assert Rotation.objects.count() == 1


@pytest.mark.parametrize("key", ["mid", "young"])
def test_job_rotation_is_only_for_the_near_tier(cultivating, key):
    with refused("is the measure for the tier"):
        place(cultivating, cadre=getattr(cultivating, key))


def test_a_rotation_refuses_what_is_not_of_the_school_or_before_the_reserve(cultivating, world):
    c = cultivating
    other_department = world.other_school.departments.get()
    with refused("not one of this school's"):
        cultivation.rotation_save(
            actor=c.admin,
            cadre=c.near,
            rotation=Rotation(department=other_department, starts=date(2024, 4, 1)),
        )
    with refused("supervisor must be serving staff"):
        place(c, supervisor=world.other_person)
    world.colleague.status = "退休"
    world.colleague.save()
    with refused("supervisor must be serving staff"):
        place(c, supervisor=world.colleague)
    with refused("cannot be the cadre himself"):
        place(c, supervisor=c.near.person)
    with refused("dated before 周近期 entered the reserve"):
        place(c, starts=date(2024, 3, 13))
    with refused("ends before it starts"):
        place(c, starts=date(2024, 5, 1), ends=date(2024, 4, 30))


def test_no_rotation_for_a_cadre_who_has_left(cultivating):
    leave(cultivating.near)
    with refused("no longer in cultivation"):
        place(cultivating)


# -- mentoring (结对培养) --------------------------------------------------------------------


def test_mentor_eligibility(cultivating, world):
    c = cultivating
    assert cultivation.mentor_blockers(c.grade_head, SINCE) == []  # a 年级组长
    assert cultivation.mentor_blockers(c.senior, SINCE) == []  # 班主任 since 2018-09-01
    # 班主任 since 2020-03-14: four years when the cycle starts, five a year later.
    (why,) = cultivation.mentor_blockers(c.junior, SINCE)
    assert "4年" in why and "5 years" in why
    assert cultivation.mentor_blockers(c.junior, date(2025, 3, 14)) == []
    # No post at all.
    assert cultivation.mentor_blockers(world.colleague, SINCE)
    # A post held no longer does not count.
    PostHistory.objects.filter(person=c.grade_head).update(end_date=date(2023, 7, 31))
    assert cultivation.mentor_blockers(c.grade_head, SINCE)
    # Nor one not yet taken up.
    PostHistory.objects.create(
        person=world.colleague, role_kind="学科主任", start_date=date(2024, 9, 1)
    )
    assert cultivation.mentor_blockers(world.colleague, SINCE)
    assert cultivation.mentor_blockers(world.colleague, date(2024, 9, 1)) == []


def test_a_mid_term_cadre_is_paired_one_year_at_a_time(cultivating):
    c = cultivating
    first = pair(c)
    assert (first.cadre, first.mentor) == (c.mid, c.grade_head)
    assert audited("reserve.mentorship.create", first).exists()

    with refused("already has a mentor for part of that year"):
        pair(c, mentor=c.senior, starts=date(2024, 9, 1), ends=date(2025, 3, 13))

    # The renewal for year 2, with another mentor.
    second = pair(c, mentor=c.senior, starts=date(2025, 3, 14), ends=date(2026, 3, 13))
    assert list(c.mid.mentorships.values_list("mentor", flat=True)) == [
        c.grade_head.pk,
        c.senior.pk,
    ]
    assert audited("reserve.mentorship.create", second).exists()

    # Changing the pair's goals is not a second pair.
    first.goals = "提高班级管理与教研能力"
    cultivation.mentorship_save(actor=c.admin, cadre=c.mid, mentorship=first)
    assert fresh(first).goals == "提高班级管理与教研能力"
    assert audited("reserve.mentorship.update", first).exists()


def test_a_class_teacher_of_four_years_is_refused_as_mentor(cultivating, world):
    c = cultivating
    with refused("holds none of the posts a mentor is chosen from"):
        pair(c, mentor=c.junior)
    with refused("holds none of the posts"):
        pair(c, mentor=world.colleague)  # a teacher with no post
    # A year later he has his five years.
    pair(c, mentor=c.junior, starts=date(2025, 3, 14), ends=date(2026, 3, 13))


def test_a_class_teacher_of_five_years_is_accepted_as_mentor(cultivating):
    m = pair(cultivating, mentor=cultivating.senior)
    assert m.mentor == cultivating.senior


def test_a_pairing_refuses(cultivating, world):
    c = cultivating
    with refused("is the measure for the tier"):
        pair(c, cadre=c.near)
    with refused("is the measure for the tier"):
        pair(c, cadre=c.young)
    with refused("mentor must be serving staff"):
        pair(c, mentor=world.other_person)
    with refused("cannot be the cadre himself"):
        pair(c, mentor=c.mid.person)
    with refused("Set the goals"):
        pair(c, goals="  ")
    with refused("ends before it starts"):
        pair(c, starts=date(2024, 9, 1), ends=date(2024, 8, 31))
    with refused("within the cadre's cultivation cycle"):
        pair(c, starts=date(2024, 3, 1))
    with refused("within the cadre's cultivation cycle"):
        pair(c, starts=date(2026, 3, 14), ends=date(2027, 3, 14))
    leave(c.mid)
    with refused("no longer in cultivation"):
        pair(c)


def test_the_mentor_summarises_the_year(cultivating):
    c = cultivating
    m = pair(c)
    with refused("Write the summary"):
        cultivation.mentorship_summarise(actor=c.admin, mentorship=m, summary=" ")
    cultivation.mentorship_summarise(actor=c.admin, mentorship=m, summary=" 进步明显 ")
    assert fresh(m).summary == "进步明显"
    entry = audited("reserve.mentorship.summary", m).get()
    assert (entry.before["summary"], entry.after["summary"]) == ("", "进步明显")


# -- activities ---------------------------------------------------------------------------


def test_study_is_recorded_with_its_hours(cultivating):
    c = cultivating
    a = study(c, c.young, area=Activity.Area.CLUB)
    a.refresh_from_db()
    assert (a.cadre, a.kind, a.hours, a.recorded_by) == (c.young, Kind.STUDY, 2, c.admin)
    assert a.area == ""  # an area is for practice only
    entry = audited("reserve.activity.create", a).get()
    assert entry.after["topic"] == "学习党的二十大精神"


def test_an_activity_refuses(cultivating):
    c = cultivating
    with refused("Enter the hours of study"):
        study(c, c.near, hours=None)
    with refused("more than zero"):
        study(c, c.near, hours=Decimal(0))
    with refused("Name the topic"):
        cultivation.activity_record(
            actor=c.admin,
            cadre=c.near,
            activity=Activity(kind=Kind.STUDY, date=date(2024, 5, 1), topic=" ", hours=1),
        )
    with refused("dated before 周近期 entered the reserve"):
        study(c, c.near, on=date(2024, 3, 13))
    with refused("cannot be dated in the future"):
        study(c, c.near, on=timezone.localdate() + timedelta(days=1))
    leave(c.near, Status.DISQUALIFIED)
    with refused("no longer in cultivation"):
        study(c, c.near)


def test_practice_needs_an_area_and_is_for_the_long_tier_only(cultivating):
    c = cultivating

    def practise(cadre, area):
        return cultivation.activity_record(
            actor=c.admin,
            cadre=cadre,
            activity=Activity(
                kind=Kind.PRACTICE, date=date(2024, 10, 8), topic="指导文学社活动", area=area
            ),
        )

    with refused("Choose the area of practice"):
        practise(c.young, "")
    for cadre in (c.near, c.mid):
        with refused("is the measure for the tier"):
            practise(cadre, Activity.Area.CLUB)
    a = practise(c.young, Activity.Area.CLUB)
    assert fresh(a).area == Activity.Area.CLUB


def test_a_mentoring_meeting_belongs_to_the_pairing_of_its_date(cultivating):
    c = cultivating

    def meet(on):
        return cultivation.activity_record(
            actor=c.admin,
            cadre=c.mid,
            activity=Activity(kind=Kind.MENTORING, date=on, topic="班级管理交流"),
        )

    with refused("has no mentor on 2024-05-01"):
        meet(date(2024, 5, 1))
    first = pair(c)
    second = pair(c, mentor=c.senior, starts=date(2025, 3, 14), ends=date(2026, 3, 13))
    assert meet(date(2024, 5, 1)).mentorship == first
    assert meet(date(2025, 3, 14)).mentorship == second
    with refused("is the measure for the tier"):
        cultivation.activity_record(
            actor=c.admin,
            cadre=c.near,
            activity=Activity(kind=Kind.MENTORING, date=date(2024, 5, 1), topic="交流"),
        )


def test_a_rotation_note_belongs_to_the_rotation_of_its_date(cultivating):
    c = cultivating

    def note(on):
        return cultivation.activity_record(
            actor=c.admin,
            cadre=c.near,
            activity=Activity(kind=Kind.ROTATION, date=on, topic="协助组织运动会"),
        )

    with refused("is on no job rotation on 2024-05-01"):
        note(date(2024, 5, 1))
    first = place(c, ends=date(2024, 7, 31))
    second = place(c, starts=date(2024, 9, 1))  # open-ended
    assert note(date(2024, 5, 1)).rotation == first
    with refused("is on no job rotation on 2024-08-15"):
        note(date(2024, 8, 15))
    assert note(date(2024, 10, 1)).rotation == second


def test_an_activity_is_deleted_on_the_record(cultivating):
    c = cultivating
    a = study(c, c.near)
    pk = a.pk
    cultivation.activity_delete(actor=c.admin, activity=a)
    assert not Activity.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="reserve.activity.delete", object_id=str(pk))
    assert entry.before["topic"] == "学习党的二十大精神"

    kept = study(c, c.near)
    leave(c.near)
    kept.refresh_from_db()
    with refused("no longer in cultivation"):
        cultivation.activity_delete(actor=c.admin, activity=kept)


# -- material -----------------------------------------------------------------------------


def upload(c, name, content, cadre=None, title="学习体会", **kw):
    return cultivation.material_upload(
        actor=c.admin,
        cadre=cadre or c.young,
        kind=Material.Kind.REFLECTION,
        title=title,
        name=name,
        content=content,
        **kw,
    )


def test_a_word_document_and_a_pdf_are_accepted(cultivating):
    c = cultivating
    content = word_document()
    m = upload(c, "学习体会.docx", content)
    m.refresh_from_db()
    assert (m.cadre, m.content_type, m.size, bytes(m.content)) == (
        c.young,
        DOCX,
        len(content),
        content,
    )
    assert m.uploaded_by == c.admin
    assert audited("reserve.material.upload", m).get().after["type"] == DOCX

    a = study(c, c.young)
    pdf = upload(c, "调查报告.pdf", b"%PDF-1.4 report", title="调查报告", activity=a)
    assert (pdf.content_type, pdf.activity) == ("application/pdf", a)
    assert c.young.materials.count() == 2


def test_a_file_is_judged_by_its_content_not_its_name(cultivating):
    c = cultivating
    with refused("is not a PDF, Word"):
        upload(c, "报告.pdf", b"just some text, renamed")
    with refused("is not a PDF, Word"):
        upload(c, "报告.docx", zip_of_text())


def test_material_refuses(cultivating):
    c = cultivating
    with refused("Give the material a title"):
        upload(c, "a.pdf", b"%PDF-1.4", title=" ")
    others = study(c, c.near)
    with refused("not one of this cadre's"):
        upload(c, "a.pdf", b"%PDF-1.4", activity=others)
    leave(c.young)
    with refused("no longer in cultivation"):
        upload(c, "a.pdf", b"%PDF-1.4")


# -- yearly assessment (严格考核) ------------------------------------------------------------


def test_a_year_is_assessed_from_sixty_days_before_its_end(cultivating):
    c = cultivating
    with refused("ends on 2025-03-13; it can be assessed from 2025-01-12"):
        assess(c, [c.mid], date(2025, 1, 11))
    decision = assess(c, [c.mid, c.young], date(2025, 1, 12), grade=Grade.EXCELLENT)
    assert decision.outcome == Decision.Outcome.APPROVED
    assert decision.body == c.programme.leading_group
    a = c.mid.assessments.get()
    assert (a.year, a.period_starts, a.period_ends, a.grade, a.decision) == (
        1,
        SINCE,
        date(2025, 3, 13),
        Grade.EXCELLENT,
        decision,
    )
    entries = audited("reserve.assessment.create")
    assert entries.count() == 2
    assert entries.get(object_id=str(a.pk)).after["period"] == "2024-03-14—2025-03-13"


def test_the_second_assessment_goes_to_year_two(cultivating):
    c = cultivating
    assess(c, [c.mid], YEAR_MEETINGS[0])
    assert assessment.due_year(c.mid) == Year(2, date(2025, 3, 14), date(2026, 3, 13))
    with refused("Year 2 of 郑中期's cultivation ends on 2026-03-13"):
        assess(c, [c.mid], date(2025, 3, 1))
    assess(c, [c.mid], YEAR_MEETINGS[1])
    assert list(c.mid.assessments.values_list("year", "period_ends")) == [
        (1, date(2025, 3, 13)),
        (2, date(2026, 3, 13)),
    ]


def test_an_assessment_refuses(cultivating, world):
    c = cultivating
    with refused("Grade at least one"):
        assess(c, [], YEAR_MEETINGS[0])
    outsider = stranger(c, world)
    with refused("not a reserve cadre of this programme"):
        assess(c, [outsider], YEAR_MEETINGS[0])
    with refused("Choose a grade for 郑中期"):
        assess(c, [c.mid], YEAR_MEETINGS[0], grade="good")
    with refused("Write the comments on 郑中期"):
        assessment.assessments_decide(
            actor=c.admin,
            programme=c.programme,
            gradings=[assessment.Grading(c.mid, Grade.QUALIFIED, "  ")],
            meeting=meeting(c.programme.leading_group, YEAR_MEETINGS[0]),
        )
    # One cadre refused refuses the meeting: the other is not assessed either.
    leave(c.near)
    with refused("周近期 is no longer in cultivation"):
        assess(c, [c.mid, c.near], YEAR_MEETINGS[0])
    assert not c.mid.assessments.exists()


def test_no_year_is_assessed_twice(cultivating, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    assess_cycle(c, [c.mid])
    assert assessment.due_year(c.mid) is None
    with refused("Every year of 郑中期's cycle is already assessed"):
        assess(c, [c.mid], AFTER_CYCLE)


def test_assessing_needs_a_decided_programme(cultivating, world):
    other = another_programme(world)
    with refused("not possible while"):
        assessment.assessments_decide(
            actor="t",
            programme=other,
            gradings=[assessment.Grading(cultivating.mid, Grade.QUALIFIED, "好")],
            meeting=meeting(cultivating.programme.leading_group, YEAR_MEETINGS[0]),
        )


def test_an_assessment_not_carried_records_only_the_meeting(cultivating):
    c = cultivating
    before = Decision.objects.count()
    decision = assess(c, [c.mid], YEAR_MEETINGS[0], votes_for=1, against=3)
    assert decision.outcome == Decision.Outcome.REJECTED
    assert Decision.objects.count() == before + 1
    assert not Assessment.objects.exists()
    assert not audited("reserve.assessment.create").exists()
    assert assessment.due_year(c.mid).number == 1


def test_the_meeting_needs_a_leading_group_and_a_quorum(cultivating):
    c = cultivating
    body = c.programme.leading_group
    with refused("No quorum"):
        assessment.assessments_decide(
            actor="t",
            programme=c.programme,
            gradings=[assessment.Grading(c.mid, Grade.QUALIFIED, "好")],
            meeting=meeting(body, YEAR_MEETINGS[0], present=list(body.members.all())[:2]),
        )
    Programme.objects.filter(pk=c.programme.pk).update(leading_group=None)
    with refused("Name the members of the body"):
        assess(c, [c.mid], YEAR_MEETINGS[0])


def test_a_meeting_that_has_not_sat_yet_cannot_be_recorded(cultivating, today_is):
    """The record says what a body decided: the third year's meeting of 2027-02-01 is
    refused before that day and recorded on it."""
    c = cultivating
    assess(c, [c.mid], YEAR_MEETINGS[0])
    assess(c, [c.mid], YEAR_MEETINGS[1])
    today_is(YEAR_MEETINGS[2] - timedelta(days=1))
    with refused("has not taken place yet"):
        assess(c, [c.mid], YEAR_MEETINGS[2])
    today_is(YEAR_MEETINGS[2])
    assert assess(c, [c.mid], YEAR_MEETINGS[2]).date == YEAR_MEETINGS[2]


# -- disqualification and back-fill (动态管理) ----------------------------------------------


def test_disqualification_frees_a_vacancy(cultivating):
    c = cultivating
    three = tier(c.programme, "三")
    assert selectors.vacancies(three) == 1  # target 3, two decided
    cadre = disqualify(c, c.near, reason=Reason.INTEGRITY, facts=" 违规收受礼品 ")
    assert cadre.status == Status.DISQUALIFIED
    assert (cadre.left_on, cadre.left_reason, cadre.left_note) == (
        date(2024, 9, 1),
        Reason.INTEGRITY,
        "违规收受礼品",
    )
    assert cadre.left_decision.body == c.programme.committee
    assert cadre.left_decision.outcome == Decision.Outcome.APPROVED
    assert audited("reserve.cadre.disqualify", cadre).get().after["status"] == Status.DISQUALIFIED
    assert selectors.vacancies(three) == 2


def test_a_disqualification_refuses(cultivating):
    c = cultivating
    with refused("Choose the reason"):
        disqualify(c, c.near, reason="laziness")
    with refused("State the facts"):
        disqualify(c, c.near, facts="  ")
    assert fresh(c.near).status == Status.ACTIVE
    disqualify(c, c.near)
    with refused("not possible while"):
        disqualify(c, c.near)


def test_a_disqualification_not_carried_changes_nothing(cultivating):
    c = cultivating
    decisions = Decision.objects.count()
    cadre = disqualify(c, c.near, votes_for=2, against=2)
    assert Decision.objects.count() == decisions + 1
    assert Decision.objects.latest("id").outcome == Decision.Outcome.REJECTED
    assert (cadre.status, cadre.left_on, cadre.left_reason, cadre.left_decision) == (
        Status.ACTIVE,
        None,
        "",
        None,
    )
    assert not audited("reserve.cadre.disqualify").exists()
    assert selectors.vacancies(tier(c.programme, "三")) == 1


def test_ranked_nominees_meet_every_criterion_and_are_not_taken(cultivating, staff):
    c = cultivating
    five = tier(c.programme, "五")
    # 冯新人 was recommended for “五” but his sheet was never filled in.
    assert selectors.ranked_for_backfill(five) == []
    sheet = c.programme.sheets.get(person=staff["newcomer"])
    sheet.criteria_met = [True] * (len(c.programme.criteria) - 1) + [False]
    sheet.save()
    assert selectors.ranked_for_backfill(five) == []
    sheet.criteria_met = [True] * len(c.programme.criteria)
    sheet.save()
    assert [n.person for n in selectors.ranked_for_backfill(five)] == [staff["newcomer"]]
    # 王中长, decided in “五”, is never one of them.
    assert selectors.ranked_for_backfill(tier(c.programme, "三")) == []


def test_a_back_fill_from_the_ranked_nominees(cultivating, staff):
    c = cultivating
    newcomer = staff["newcomer"]
    five = tier(c.programme, "五")
    with refused("not among the ranked nominees"):
        propose(c, newcomer, source=Source.RANKED)
    sheet = c.programme.sheets.get(person=newcomer)
    sheet.criteria_met = [True] * len(c.programme.criteria)
    sheet.save()
    assert selectors.vacancies(five) == 4

    b = propose(c, newcomer, source=Source.RANKED)
    assert (b.status, b.source, b.tier, b.person) == (
        Backfill.Status.PROPOSED,
        Source.RANKED,
        five,
        newcomer,
    )
    assert b.proposal.body == c.programme.leading_group
    assert audited("reserve.backfill.propose", b).exists()
    # A proposal holds its place, and its person is no longer among the ranked.
    assert selectors.vacancies(five) == 3
    assert selectors.ranked_for_backfill(five) == []
    with refused("already proposed for a back-fill"):
        propose(c, newcomer, source=Source.RANKED)

    b = approve(c, b)
    cadre = b.cadre
    assert b.status == Backfill.Status.APPROVED
    assert b.approval.body == c.programme.committee
    assert (cadre.person, cadre.tier, cadre.status) == (newcomer, five, Status.ACTIVE)
    assert (cadre.since, cadre.cycle_starts) == (date(2024, 6, 10), date(2024, 6, 10))
    assert cadre.cycle_ends == BATCH_ENDS  # the batch's cycle
    assert cadre.decision == b.approval
    assert audited("reserve.backfill.approve", b).exists()
    assert audited("reserve.cadre.select", cadre).get().after["backfill"] == b.pk
    assert selectors.vacancies(five) == 3
    # The back-fill is on his dossier.
    assert dossier(cadre, today=date(2024, 7, 1)).backfill == b


def test_a_back_fill_by_a_new_recommendation_fills_the_vacancy_left(cultivating, world):
    c = cultivating
    near = disqualify(c, c.near)
    with refused("must meet every basic criterion"):
        propose(c, world.colleague, code="三", vacancy=near, criteria_attested=False)
    assert not Sheet.objects.filter(person=world.colleague).exists()

    b = propose(c, world.colleague, code="三", vacancy=near)
    assert (b.source, b.vacancy) == (Source.NEW, near)
    # The new nominee's comprehensive evaluation, every criterion attested.
    sheet = Sheet.objects.get(programme=c.programme, person=world.colleague)
    assert sheet.criteria_met == [True] * len(c.programme.criteria)
    assert sheet.proposed_tier == tier(c.programme, "三")

    b = approve(c, b, on=date(2024, 10, 1))
    assert b.cadre.tier == tier(c.programme, "三")
    assert b.cadre.cycle_ends == BATCH_ENDS


def test_a_late_back_fill_gets_at_least_a_year(cultivating, world, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    b = approve(c, propose(c, world.colleague, on=date(2026, 11, 1)), on=date(2026, 12, 1))
    assert b.cadre.cycle_ends == date(2027, 11, 30)


def test_a_back_fill_needs_a_vacancy(cultivating, world):
    c = cultivating
    three = tier(c.programme, "三")
    propose(c, world.colleague, code="三")  # the one place left
    assert selectors.vacancies(three) == 0
    with refused("has no vacancy: its target of 3 is filled"):
        propose(c, world.person, code="三")


def test_a_back_fill_proposal_refuses(cultivating, world, staff):
    c = cultivating
    with refused("must be a place a reserve cadre has left"):
        propose(c, world.colleague, vacancy=c.young)  # still in cultivation
    gone = leave(stranger(c, world))
    with refused("must be a place a reserve cadre has left"):
        propose(c, world.person, vacancy=gone)  # another programme's
    with refused("Give the reason"):
        propose(c, world.person, reason=" ")
    with refused("has already been a reserve cadre"):
        propose(c, staff["mid"])
    with refused("not serving staff of this school"):
        propose(c, world.other_person)
    world.person.status = "调离"
    world.person.save()
    with refused("not serving staff of this school"):
        propose(c, world.person)
    with refused("Choose where the person comes from"):
        propose(c, staff["newcomer"], source="elsewhere")
    other = another_programme(world)
    with refused("The tier is not one of this programme's"):
        dynamic.backfill_propose(
            actor="t",
            programme=c.programme,
            tier=tier(other, "五"),
            person=staff["newcomer"],
            source=Source.NEW,
            reason="增补",
            meeting=meeting(c.programme.leading_group, date(2024, 6, 1)),
            criteria_attested=True,
        )
    with refused("not possible while"):
        dynamic.backfill_propose(
            actor="t",
            programme=other,
            tier=tier(other, "五"),
            person=staff["newcomer"],
            source=Source.NEW,
            reason="增补",
            meeting=meeting(c.programme.leading_group, date(2024, 6, 1)),
            criteria_attested=True,
        )


def test_a_motion_not_carried_records_the_decision_but_changes_nothing(cultivating, world):
    c = cultivating
    b = propose(c, world.colleague, votes_for=1, against=3)
    assert b.status == Backfill.Status.REJECTED
    assert b.proposal.outcome == Decision.Outcome.REJECTED
    assert not Sheet.objects.filter(person=world.colleague).exists()
    assert selectors.vacancies(tier(c.programme, "五")) == 4
    with refused("not possible while"):
        approve(c, b)

    b = propose(c, world.colleague)
    cadres = ReserveCadre.objects.count()
    b = approve(c, b, votes_for=2, against=2)
    assert b.status == Backfill.Status.REJECTED
    assert (b.approval.outcome, b.cadre) == (Decision.Outcome.REJECTED, None)
    assert ReserveCadre.objects.count() == cadres
    assert audited("reserve.backfill.reject", b).exists()
    assert not audited("reserve.backfill.approve").exists()


def test_a_member_concerned_by_the_decision_must_stand_aside(cultivating, staff):
    c = cultivating
    principal = staff["committee"][1]  # 校长乙 sits on both bodies
    with refused("校长乙 is concerned by the decision and must be recorded as recused"):
        propose(c, principal)
    b = propose(c, principal, recused=[member(c.programme.leading_group, principal)])
    assert b.status == Backfill.Status.PROPOSED
    assert list(b.proposal.recused.values_list("person", flat=True)) == [principal.pk]

    with refused("校长乙 is concerned"):
        approve(c, b)
    assert fresh(b).status == Backfill.Status.PROPOSED
    b = approve(c, b, recused=[member(c.programme.committee, principal)])
    assert b.status == Backfill.Status.APPROVED


# -- end of the cycle ---------------------------------------------------------------------


def test_the_cycle_cannot_end_before_every_year_is_assessed(cultivating, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    assess(c, [c.near], YEAR_MEETINGS[0])
    assess(c, [c.near], YEAR_MEETINGS[1])
    assert outcome.outcome_blockers(c.near) == ["Year 3 of 周近期's cycle is not assessed yet."]
    with refused("Year 3 of 周近期's cycle is not assessed yet"):
        decide_outcomes(c, [outcome.Proposed(c.near, Outcome.Kind.PROMOTE)])
    assert fresh(c.near).status == Status.ACTIVE
    assess(c, [c.near], YEAR_MEETINGS[2])
    assert outcome.outcome_blockers(c.near) == []


def test_the_committee_decides_each_cadre_at_the_end_of_the_cycle(cultivating, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    assess_cycle(c, [c.near, c.older, c.mid, c.young])
    four = tier(c.programme, "四")
    decision = decide_outcomes(
        c,
        [
            outcome.Proposed(c.near, Outcome.Kind.PROMOTE, comments="拟任教务处副主任"),
            outcome.Proposed(c.older, Outcome.Kind.TERMINATE),
            outcome.Proposed(c.mid, Outcome.Kind.EXTEND, extended_to=date(2028, 3, 13)),
            outcome.Proposed(c.young, Outcome.Kind.MOVE_UP, tier=four),
        ],
    )
    assert decision.body == c.programme.committee

    near = fresh(c.near)
    assert (near.status, near.left_on, near.left_decision) == (
        Status.PROMOTED,
        AFTER_CYCLE,
        decision,
    )
    assert near.outcomes.get().comments == "拟任教务处副主任"
    assert audited("reserve.cadre.promote", near).get().after["status"] == Status.PROMOTED

    older = fresh(c.older)
    assert (older.status, older.left_on) == (Status.TERMINATED, AFTER_CYCLE)
    assert audited("reserve.cadre.terminate", older).exists()

    mid = fresh(c.mid)
    assert (mid.status, mid.cycle_ends, len(mid.years)) == (Status.ACTIVE, date(2028, 3, 13), 4)
    assert mid.outcomes.get().extended_to == date(2028, 3, 13)
    assert assessment.due_year(mid).number == 4
    assert audited("reserve.cadre.extend", mid).exists()

    young = fresh(c.young)
    assert (young.status, young.tier) == (Status.ACTIVE, four)
    assert (young.cycle_starts, young.cycle_ends) == (AFTER_CYCLE, date(2030, 3, 19))
    assert young.since == SINCE  # in the reserve since the batch was decided
    assert young.left_decision is None
    assert young.outcomes.get().tier == four
    assert (
        audited("reserve.cadre.move_up", young).get().before["tier_id"]
        == tier(c.programme, "五").pk
    )
    # A new cycle: its first year is the one due.
    assert assessment.due_year(young) == Year(1, AFTER_CYCLE, date(2028, 3, 19))

    # The promoted cadre marks him for an appointment campaign.
    flags = selectors.reserve_flags(c.programme.organisation, [near.person_id, older.person_id])
    assert flags == {near.person_id: near}


def test_an_outcome_refuses(cultivating, world, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    assess_cycle(c, [c.near, c.mid, c.young])
    four, five = tier(c.programme, "四"), tier(c.programme, "五")
    other = another_programme(world)
    P, K = outcome.Proposed, Outcome.Kind
    with refused("Decide on at least one"):
        decide_outcomes(c, [])
    outsider = stranger(c, world)
    with refused("not a reserve cadre of this programme"):
        decide_outcomes(c, [P(outsider, K.PROMOTE)])
    with refused("Choose the outcome for 周近期"):
        decide_outcomes(c, [P(c.near, "resign")])
    with refused("Choose the tier 郑中期 moves up to"):
        decide_outcomes(c, [P(c.mid, K.MOVE_UP)])
    with refused("Choose the tier 郑中期 moves up to"):
        decide_outcomes(c, [P(c.mid, K.MOVE_UP, tier=tier(other, "三"))])
    with refused("is not a higher tier than 郑中期's"):
        decide_outcomes(c, [P(c.mid, K.MOVE_UP, tier=five)])  # down
    with refused("is not a higher tier than 郑中期's"):
        decide_outcomes(c, [P(c.mid, K.MOVE_UP, tier=four)])  # the same
    with refused("must end after 2027-03-13"):
        decide_outcomes(c, [P(c.mid, K.EXTEND)])
    with refused("must end after 2027-03-13"):
        decide_outcomes(c, [P(c.mid, K.EXTEND, extended_to=BATCH_ENDS)])
    # One refusal refuses the decision on everyone.
    with refused("is not a higher tier"):
        decide_outcomes(c, [P(c.near, K.PROMOTE), P(c.young, K.MOVE_UP, tier=five)])
    assert fresh(c.near).status == Status.ACTIVE
    with refused("not possible while"):
        outcome.outcomes_decide(
            actor="t",
            programme=other,
            proposed=[P(c.near, K.PROMOTE)],
            meeting=meeting(c.programme.committee, AFTER_CYCLE),
        )
    leave(c.near, Status.DISQUALIFIED)
    with refused("周近期 is no longer in cultivation"):
        decide_outcomes(c, [P(c.near, K.TERMINATE)])


def test_an_outcome_not_carried_leaves_the_cadres_as_they_were(cultivating, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    assess_cycle(c, [c.near])
    decision = decide_outcomes(
        c, [outcome.Proposed(c.near, Outcome.Kind.PROMOTE)], votes_for=2, against=2
    )
    assert decision.outcome == Decision.Outcome.REJECTED
    near = fresh(c.near)
    assert (near.status, near.left_on, near.left_decision) == (Status.ACTIVE, None, None)
    assert not Outcome.objects.exists()
    assert not audited("reserve.cadre.promote").exists()


# -- selectors ------------------------------------------------------------------------------


def test_who_may_see_and_record_a_cadre(cultivating, world):
    c = cultivating
    org = c.programme.organisation
    admin = selectors.access(world.users["school_admin"], org, c.mid)
    assert (admin.view, admin.record, admin.mentor, admin.manage) == (True, True, False, True)
    leader = selectors.access(world.users["leader"], org, c.mid)
    assert (leader.view, leader.record, leader.manage) == (True, False, False)
    # 张老师 (a teacher's account) sees nothing of it ...
    teacher = selectors.access(world.users["teacher"], org, c.mid)
    assert (teacher.view, teacher.record, teacher.mentor) == (False, False, False)
    other = selectors.access(world.users["other_admin"], org, c.mid)
    assert (other.view, other.record, other.manage) == (False, False, False)
    # ... until, a 班主任 of five years on 2024-09-01, he is the cadre's mentor.
    pair(c, mentor=world.person, starts=date(2024, 9, 1))
    teacher = selectors.access(world.users["teacher"], org, c.mid)
    assert (teacher.view, teacher.record, teacher.mentor, teacher.manage) == (
        True,
        True,
        True,
        False,
    )
    # The cadre himself.
    own_user = get_user_model().objects.create_user("zheng", password="x")
    c.mid.person.user = own_user
    c.mid.person.save()
    own = selectors.access(own_user, org, c.mid)
    assert (own.view, own.record, own.mentor, own.manage) == (True, True, False, False)
    assert not selectors.access(own_user, org, c.near).view
    # Once he has left, the record is closed to everyone.
    leave(c.mid)
    for user in (own_user, world.users["teacher"], world.users["school_admin"]):
        a = selectors.access(user, org, c.mid)
        assert a.view and not a.record


def test_cadre_rows_show_where_each_cultivation_stands(cultivating):
    c = cultivating
    m = pair(c)
    place(c, starts=date(2024, 4, 1), ends=date(2024, 7, 31))
    later = place(c, starts=date(2024, 9, 1))
    study(c, c.mid, hours=Decimal("2.5"))
    study(c, c.mid, on=date(2024, 6, 1), hours=Decimal("1.5"))
    cultivation.activity_record(
        actor=c.admin,
        cadre=c.mid,
        activity=Activity(kind=Kind.MENTORING, date=date(2024, 6, 2), topic="交流", hours=1),
    )
    upload(c, "a.pdf", b"%PDF-1.4", cadre=c.mid)
    upload(c, "b.pdf", b"%PDF-1.4", cadre=c.mid)
    disqualify(c, c.older)

    table = {r.cadre.person.name: r for r in selectors.cadre_rows(c.programme, date(2024, 10, 1))}
    assert list(table) == ["周近期", "吴资深", "郑中期", "王中长"]
    mid = table["郑中期"]
    assert (mid.age, mid.mentor, mid.rotation) == (35, m, None)
    assert mid.study_hours == Decimal("4.0")  # the mentoring hour is not study
    assert (mid.activities, mid.materials) == (3, 2)
    assert mid.next.year.number == 1 and mid.next.state == Due.LATER
    near = table["周近期"]
    assert (near.rotation, near.mentor, near.study_hours, near.materials) == (
        later,
        None,
        Decimal(0),
        0,
    )
    assert table["吴资深"].next is None  # disqualified: nothing is due

    # Year 1 ends on 2025-03-13: a reminder from 30 days before, overdue after.
    def state(on):
        return {
            r.cadre.person.name: r.next.state
            for r in selectors.cadre_rows(c.programme, on)
            if r.next
        }

    assert state(date(2025, 2, 10))["郑中期"] == Due.LATER
    assert state(date(2025, 2, 11))["郑中期"] == Due.SOON
    assert state(date(2025, 3, 14))["郑中期"] == Due.OVERDUE
    # Year 1's pair ended the day before: no mentor until it is renewed.
    year_two = {r.cadre.pk: r for r in selectors.cadre_rows(c.programme, date(2025, 3, 14))}
    assert year_two[c.mid.pk].mentor is None


def test_cadre_rows_take_a_fixed_number_of_queries(cultivating):
    c = cultivating

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            selectors.cadre_rows(c.programme, date(2024, 10, 1))
        return len(ctx.captured_queries)

    few = queries()
    pair(c)
    place(c)
    for cadre in (c.near, c.older, c.mid, c.young):
        study(c, cadre)
        upload(c, "a.pdf", b"%PDF-1.4", cadre=cadre)
    assess(c, [c.near, c.mid], YEAR_MEETINGS[0])
    assert queries() == few


def test_reminders_list_the_assessments_due_or_overdue(cultivating):
    c = cultivating
    programmes = Programme.objects.all()
    assert selectors.reminders(programmes, date(2024, 10, 1)) == []
    due = selectors.reminders(programmes, date(2025, 2, 20))
    assert {r.cadre.pk for r in due} == {c.near.pk, c.older.pk, c.mid.pk, c.young.pk}
    assert {r.next.state for r in due} == {Due.SOON}

    assess(c, [c.near, c.mid], YEAR_MEETINGS[0])
    disqualify(c, c.older)
    overdue = selectors.reminders(programmes, date(2025, 3, 20))
    assert [(r.cadre.pk, r.next.state) for r in overdue] == [(c.young.pk, Due.OVERDUE)]


def test_reserve_flags_mark_the_promoted_before_those_in_cultivation(
    cultivating, staff, world, today_is
):
    today_is(AFTER_CYCLE)
    c = cultivating
    org = c.programme.organisation
    ids = [staff[k].pk for k in ("near", "older", "mid", "young", "newcomer")]
    flags = selectors.reserve_flags(org, ids)
    assert {pid: r.pk for pid, r in flags.items()} == {
        c.near.person_id: c.near.pk,
        c.older.person_id: c.older.pk,
        c.mid.person_id: c.mid.pk,
        c.young.person_id: c.young.pk,
    }
    disqualify(c, c.older)
    assert c.older.person_id not in selectors.reserve_flags(org, ids)
    assert selectors.reserve_flags(world.other_school, ids) == {}

    # 周近期, promoted in this batch, is in cultivation in a later one: promoted comes first.
    assess_cycle(c, [c.near])
    decide_outcomes(c, [outcome.Proposed(c.near, Outcome.Kind.PROMOTE)])
    later = another_programme(world)
    ReserveCadre.objects.create(
        programme=later,
        person=c.near.person,
        tier=tier(later, "三"),
        since=date(2027, 4, 1),
        cycle_starts=date(2027, 4, 1),
        cycle_ends=date(2030, 3, 31),
        decision=c.programme.decision,
    )
    flag = selectors.reserve_flags(org, [c.near.person_id])[c.near.person_id]
    assert (flag.pk, flag.status) == (c.near.pk, Status.PROMOTED)


# -- the dossier ----------------------------------------------------------------------------


def test_the_dossier_gathers_the_cultivation(cultivating, staff):
    c = cultivating
    m = pair(c)
    meet = cultivation.activity_record(
        actor=c.admin,
        cadre=c.mid,
        activity=Activity(kind=Kind.MENTORING, date=date(2024, 6, 2), topic="班级管理交流"),
    )
    s1 = study(c, c.mid, hours=Decimal("2.5"))
    s2 = study(c, c.mid, on=date(2024, 4, 2), hours=Decimal("1.0"))
    material = upload(c, "体会.docx", word_document(), cadre=c.mid, activity=s1)
    assess(c, [c.mid], YEAR_MEETINGS[0], grade=Grade.EXCELLENT)

    d = dossier(c.mid, today=date(2026, 2, 20))
    assert (d.person, d.age) == (staff["mid"], 37)
    assert [r.tier.code for r in d.recommendations] == ["四", "四"]
    assert d.sheet.proposed_tier.code == "四"
    assert d.backfill is None
    assert d.mentorships == [m]
    assert d.mentorships[0].meetings.all()[0] == meet
    assert d.other == [meet]
    assert d.study == [s2, s1]  # by date
    assert d.study_hours == Decimal("3.5")
    assert d.practice == [] and d.rotations == []
    assert d.materials == [material]
    years = [(r.year.number, r.assessment and r.assessment.grade, r.state) for r in d.years]
    assert years == [(1, Grade.EXCELLENT, None), (2, None, Due.SOON), (3, None, None)]


def test_the_dossier_shows_rotations_with_their_notes(cultivating):
    c = cultivating
    r = place(c, ends=date(2024, 7, 31))
    n = cultivation.activity_record(
        actor=c.admin,
        cadre=c.near,
        activity=Activity(kind=Kind.ROTATION, date=date(2024, 5, 1), topic="协助组织运动会"),
    )
    d = dossier(c.near, today=date(2024, 6, 1))
    assert d.rotations == [r]
    assert list(d.rotations[0].notes.all()) == [n]
    assert [y.state for y in d.years] == [Due.LATER, None, None]


def test_the_dossier_keeps_the_years_before_moving_up(cultivating, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    assess_cycle(c, [c.young])
    decide_outcomes(
        c, [outcome.Proposed(c.young, Outcome.Kind.MOVE_UP, tier=tier(c.programme, "四"))]
    )
    d = dossier(fresh(c.young), today=date(2027, 4, 1))
    assert [(r.year.number, r.year.ends, bool(r.assessment)) for r in d.years] == [
        (1, date(2025, 3, 13), True),
        (2, date(2026, 3, 13), True),
        (3, date(2027, 3, 13), True),
        (1, date(2028, 3, 19), False),
        (2, date(2029, 3, 19), False),
        (3, date(2030, 3, 19), False),
    ]
    assert [o.kind for o in d.outcomes] == [Outcome.Kind.MOVE_UP]
    # Nothing of a cadre who has left is due.
    leave(c.near)
    assert all(r.state is None for r in dossier(fresh(c.near), today=date(2026, 1, 1)).years)


def test_a_cadre_is_graded_once_and_decided_once_at_a_meeting(cultivating, today_is):
    today_is(AFTER_CYCLE)
    c = cultivating
    with refused("graded once"):
        assessment.assessments_decide(
            actor=c.admin,
            programme=c.programme,
            gradings=[
                assessment.Grading(c.mid, Grade.QUALIFIED, "合格"),
                assessment.Grading(c.mid, Grade.EXCELLENT, "优秀"),
            ],
            meeting=meeting(c.programme.leading_group, date(2025, 3, 10)),
        )
    assess_cycle(c, [c.mid])
    with refused("one outcome"):
        decide_outcomes(
            c,
            [
                outcome.Proposed(c.mid, "promote"),
                outcome.Proposed(c.mid, "extend", extended_to=date(2028, 3, 13)),
            ],
        )


def test_a_backfill_fills_the_vacancy_of_its_own_tier_once(cultivating, staff):
    c = cultivating
    disqualify(c, c.young)  # a place in 五 falls vacant
    with refused("not in this tier"):
        propose(c, staff["newcomer"], code="四", vacancy=fresh(c.young))
    propose(c, staff["newcomer"], code="五", vacancy=fresh(c.young))
    with refused("already being filled"):
        propose(c, c.senior, code="五", vacancy=fresh(c.young))


def test_material_of_an_unknown_kind_is_refused(cultivating):
    c = cultivating
    with refused("kind of material"):
        cultivation.material_upload(
            actor=c.admin, cadre=c.mid, kind="poem", title="诗", name="a.pdf", content=b"%PDF-1.4"
        )


def test_hours_given_as_text_are_read_as_a_number(cultivating):
    c = cultivating
    assert study(c, c.mid, hours="2.5").hours == Decimal("2.5")


def test_material_is_taken_back_on_the_record_while_in_cultivation(cultivating):
    c = cultivating
    item = upload(c, "体会.pdf", b"%PDF-1.4 x")
    pk = item.pk
    cultivation.material_delete(actor=c.admin, material=item)
    assert not Material.objects.filter(pk=pk).exists()
    assert audited("reserve.material.delete").get().before["name"] == "体会.pdf"
    kept = upload(c, "笔记.pdf", b"%PDF-1.4 y")
    leave(c.young)
    with refused("no longer in cultivation"):
        cultivation.material_delete(actor=c.admin, material=fresh(kept))
