"""The cultivation pages as their users go through them: the office arranges rotations and
mentors, the cadre and his mentor record and upload, the leading group assesses, the committee
disqualifies and approves a back-fill. The decided programme's cycle runs 2024-03-14 —
2027-03-13, so on any day these tests run its first years are past."""

import io
from datetime import date

import docx
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cadre.audit.models import AuditEntry
from cadre.orgs.models import Membership
from cadre.people.models import PostHistory
from cadre.reserve import selectors
from cadre.reserve.models import (
    Activity,
    Assessment,
    Backfill,
    Material,
    Mentorship,
    Programme,
    ReserveCadre,
    Rotation,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def url(name, programme, *args):
    return reverse(f"reserve:{name}", args=[programme.organisation.code, programme.pk, *args])


def cadre_of(programme, staff_no):
    return ReserveCadre.objects.get(programme=programme, person__staff_no=staff_no)


def meeting(body, **extra):
    members = list(body.members.all())
    return {
        "subject": "会议",
        "date": "2025-03-10",
        "present": [m.pk for m in members],
        "votes_for": len(members),
        "votes_against": 0,
        "abstentions": 0,
        **extra,
    }


@pytest.fixture
def cadre_user(world, decided):
    """郑中期 (tier 四) with an account of his own."""
    user = get_user_model().objects.create_user("zheng", password="x")
    Membership.objects.create(user=user, organisation=world.school, role="staff")
    c = cadre_of(decided, "R03")
    c.person.user = user
    c.person.save()
    return user


@pytest.fixture
def mentor(world):
    """The world's teacher, 张老师, heads a grade from 2023: he may mentor."""
    PostHistory.objects.create(
        person=world.person, role_kind="年级组长", unit="高一年级部", start_date=date(2023, 9, 1)
    )
    return world.person


def test_office_sees_the_cadres_and_each_dossier(world, decided):
    client = world.client("school_admin")
    page = client.get(url("cadres", decided)).content.decode()
    for name in ("周近期", "吴资深", "郑中期", "王中长"):
        assert name in page
    assert "逾期" in page  # the first year's assessment is overdue
    for c in decided.reserve_cadres.all():
        response = client.get(url("dossier", decided, c.pk))
        assert response.status_code == 200
        assert c.person.name in response.content.decode()


def test_a_teacher_not_concerned_cannot_open_a_dossier(world, decided, cadre_user):
    c = cadre_of(decided, "R03")
    assert world.client("teacher").get(url("dossier", decided, c.pk)).status_code == 404
    assert world.client("other_admin").get(url("dossier", decided, c.pk)).status_code == 404


def test_the_cadre_records_study_and_uploads_a_reflection(world, decided, cadre_user):
    client = world.client("school_admin")
    client.force_login(cadre_user)
    c = cadre_of(decided, "R03")
    mine = client.get(reverse("reserve:mine", args=[world.school.code])).content.decode()
    assert url("dossier", decided, c.pk) in mine
    response = client.post(
        url("record", decided, c.pk, "study"),
        {
            "date": "2024-04-10",
            "topic": "学习《中小学教师职业道德规范》",
            "hours": "3",
            "notes": "",
        },
    )
    assert response.status_code == 302
    study = Activity.objects.get(cadre=c)
    assert (study.kind, study.hours, study.recorded_by) == ("study", 3, cadre_user)
    # No hours: refused on the form, nothing saved.
    response = client.post(
        url("record", decided, c.pk, "study"), {"date": "2024-04-11", "topic": "政策法规"}
    )
    assert response.status_code == 200 and Activity.objects.filter(cadre=c).count() == 1
    # Self-improvement is the long tier's measure, not his.
    response = client.post(
        url("record", decided, c.pk, "practice"),
        {"area": "club", "date": "2024-04-11", "topic": "社团指导"},
    )
    assert "自我提升" in response.content.decode() and Activity.objects.filter(cadre=c).count() == 1

    response = client.post(
        url("upload", decided, c.pk),
        {
            "kind": "reflection",
            "title": "学习体会",
            "file": SimpleUploadedFile("体会.pdf", PDF, "application/pdf"),
            "activity": study.pk,
        },
    )
    assert response.status_code == 302
    material = Material.objects.get(cadre=c)
    assert (material.kind, material.activity, material.uploaded_by) == (
        "reflection",
        study,
        cadre_user,
    )
    download = client.get(url("material", decided, c.pk, material.pk))
    assert b"".join(download) == PDF
    # A text file named .pdf is refused with a message, and nothing is stored.
    response = client.post(
        url("upload", decided, c.pk),
        {
            "kind": "notes",
            "title": "笔记",
            "file": SimpleUploadedFile("笔记.pdf", b"just text", "application/pdf"),
        },
    )
    assert "不是" in response.content.decode() and Material.objects.filter(cadre=c).count() == 1
    dossier = client.get(url("dossier", decided, c.pk)).content.decode()
    assert "学习《中小学教师职业道德规范》" in dossier and "学习体会" in dossier


def test_the_office_pairs_a_mentor_who_records_meetings_and_sums_up(world, decided, mentor):
    c = cadre_of(decided, "R03")
    office = world.client("school_admin")
    form = office.get(url("arrangement_new", decided, c.pk, "mentoring")).content.decode()
    assert 'value="2024-03-14"' in form and 'value="2025-03-13"' in form  # year 1 offered
    response = office.post(
        url("arrangement_new", decided, c.pk, "mentoring"),
        {
            "mentor": "A001",
            "starts": "2024-03-14",
            "ends": "2025-03-13",
            "goals": "提高班级管理和年级工作能力",
        },
    )
    assert response.status_code == 302
    pairing = Mentorship.objects.get(cadre=c)
    assert pairing.mentor == mentor
    # The next pairing offered is year 2, with the same mentor and goals: renewal.
    form = office.get(url("arrangement_new", decided, c.pk, "mentoring")).content.decode()
    assert 'value="2025-03-14"' in form and 'value="A001"' in form

    teacher = world.client("teacher")
    response = teacher.post(
        url("record", decided, c.pk, "mentoring"),
        {"date": "2024-05-08", "topic": "如何开好主题班会", "notes": "听课后交流"},
    )
    assert response.status_code == 302
    meeting_ = Activity.objects.get(cadre=c, kind="mentoring")
    assert meeting_.mentorship == pairing
    response = teacher.post(
        url("mentorship_summary", decided, c.pk, pairing.pk),
        {"summary": "一年来进步明显，能独立组织年级活动。"},
    )
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.summary.startswith("一年来")
    # A person with no management post cannot be chosen.
    response = office.post(
        url("arrangement_new", decided, c.pk, "mentoring"),
        {"mentor": "A002", "starts": "2025-03-14", "ends": "2026-03-13", "goals": "x"},
    )
    assert response.status_code == 200 and Mentorship.objects.filter(cadre=c).count() == 1


def test_the_office_arranges_a_rotation_for_the_near_tier_only(world, decided):
    near, mid = cadre_of(decided, "R01"), cadre_of(decided, "R03")
    office = world.client("school_admin")
    data = {
        "department": world.department.pk,
        "role": "干事",
        "starts": "2024-04-01",
        "ends": "2024-07-10",
        "supervisor": "A002",
        "duties": "协助办公室文稿工作",
    }
    assert (
        office.post(url("arrangement_new", decided, near.pk, "rotation"), data).status_code == 302
    )
    rotation = Rotation.objects.get(cadre=near)
    assert (rotation.department, rotation.supervisor.name) == (world.department, "李老师")
    response = office.post(url("arrangement_new", decided, mid.pk, "rotation"), data)
    assert response.status_code == 200 and not Rotation.objects.filter(cadre=mid).exists()
    # Ends before it starts: said on the field.
    response = office.post(
        url("arrangement_edit", decided, near.pk, "rotation", rotation.pk),
        {**data, "ends": "2024-03-01"},
    )
    assert response.status_code == 200
    rotation.refresh_from_db()
    assert rotation.ends == date(2024, 7, 10)
    # Staff cannot arrange.
    assert (
        world.client("teacher")
        .get(url("arrangement_new", decided, near.pk, "rotation"))
        .status_code
        == 404
    )


def test_the_leading_group_assesses_the_first_year(world, decided):
    office = world.client("school_admin")
    page = office.get(url("assessments", decided)).content.decode()
    cadres = list(decided.reserve_cadres.all())
    for c in cadres:
        assert c.person.name in page
    data = meeting(decided.leading_group, date="2025-03-10")
    for c in cadres:
        data[f"grade_{c.pk}"] = "qualified"
        data[f"comments_{c.pk}"] = "完成第一年培养任务"
    data[f"grade_{cadres[0].pk}"] = "excellent"
    response = office.post(url("assessments", decided), data)
    assert response.status_code == 302
    grades = dict(Assessment.objects.values_list("cadre__person__name", "grade"))
    assert grades[cadres[0].person.name] == "excellent" and len(grades) == 4
    assert set(Assessment.objects.values_list("year", flat=True)) == {1}
    # A grade without comments is sent back; nothing more saved.
    data = meeting(decided.leading_group, date="2026-03-10")
    data[f"grade_{cadres[0].pk}"] = "qualified"
    response = office.post(url("assessments", decided), data)
    assert response.status_code == 200 and Assessment.objects.count() == 4


def test_disqualification_and_backfill_through_the_committee(world, decided):
    office = world.client("school_admin")
    older = cadre_of(decided, "R02")
    response = office.post(
        url("disqualify", decided, older.pk),
        {
            "reason": "opinion",
            "facts": "民主测评满意率偏低，群众意见较大",
            **meeting(decided.committee, date="2024-11-20"),
        },
    )
    assert response.status_code == 302
    older.refresh_from_db()
    assert (older.status, older.left_reason, older.left_on) == (
        "disqualified",
        "opinion",
        date(2024, 11, 20),
    )
    # Tier 三 had 2 of its 3 places filled: now one more falls vacant.
    vacancies = office.get(url("cadres", decided)).content.decode()
    vacancies = vacancies[vacancies.index('id="vacancies"') :]
    assert "2个空缺" in vacancies[: vacancies.index("</li>")].replace(" ", "")

    three = decided.tiers.get(code="三")
    response = office.post(
        url("backfill_new", decided),
        {
            "tier": three.pk,
            "vacancy": older.pk,
            "source": "new",
            "person": "A002",
            "criteria_attested": "on",
            "reason": "李老师工作业绩突出，经领导小组研究提出增补动议",
            **meeting(decided.leading_group, date="2024-12-02"),
        },
    )
    assert response.status_code == 302
    backfill = Backfill.objects.get()
    assert (backfill.status, backfill.person, backfill.vacancy) == (
        "proposed",
        world.colleague,
        older,
    )

    page = office.get(url("backfill", decided, backfill.pk)).content.decode()
    assert "李老师" in page
    response = office.post(
        url("backfill", decided, backfill.pk), meeting(decided.committee, date="2024-12-06")
    )
    assert response.status_code == 302
    backfill.refresh_from_db()
    assert backfill.status == "approved"
    assert (backfill.cadre.tier, backfill.cadre.since, backfill.cadre.active) == (
        three,
        date(2024, 12, 6),
        True,
    )
    assert backfill.cadre.cycle_ends == date(2027, 3, 13)


def test_the_end_of_cycle_page_waits_for_the_assessments(world, decided):
    page = world.client("school_admin").get(url("outcomes", decided)).content.decode()
    assert 'id="nothing-due"' in page
    # A teacher has no business there.
    assert world.client("teacher").get(url("outcomes", decided)).status_code == 403


def test_a_docx_material_is_accepted(world, decided, cadre_user):
    client = world.client("school_admin")
    client.force_login(cadre_user)
    c = cadre_of(decided, "R03")
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("关于学生社团活动的调查报告")
    document.save(buffer)
    response = client.post(
        url("upload", decided, c.pk),
        {
            "kind": "survey",
            "title": "调查报告",
            "file": SimpleUploadedFile("报告.docx", buffer.getvalue()),
        },
    )
    assert response.status_code == 302
    assert Material.objects.get(cadre=c).content_type.endswith("wordprocessingml.document")


def test_the_home_page_reminds_of_the_assessments_due(world, decided):
    page = world.client("school_admin").get(reverse("orgs:home", args=[world.school.code]))
    reminders = page.content.decode()
    reminders = reminders[reminders.index('id="reminders"') :]
    for c in decided.reserve_cadres.all():
        assert url("dossier", decided, c.pk) in reminders
    # The district sees its schools' reminders too.
    district = world.client("district_admin").get(reverse("orgs:home", args=["bureau"]))
    assert 'id="reminders"' in district.content.decode()


def test_the_uploader_takes_back_a_wrong_file(world, decided, cadre_user, mentor):
    c = cadre_of(decided, "R03")
    Mentorship.objects.create(
        cadre=c, mentor=mentor, starts=date(2024, 3, 14), ends=date(2025, 3, 13), goals="g"
    )
    cadre_client = world.client("school_admin")
    cadre_client.force_login(cadre_user)
    cadre_client.post(
        url("upload", decided, c.pk),
        {"kind": "notes", "title": "错传的文件", "file": SimpleUploadedFile("x.pdf", PDF)},
    )
    material = Material.objects.get(cadre=c)
    delete = url("material_delete", decided, c.pk, material.pk)
    # His mentor may read it, not delete it; a GET deletes nothing.
    assert world.client("teacher").post(delete).status_code == 404
    assert cadre_client.get(delete).status_code == 405
    assert Material.objects.filter(pk=material.pk).exists()
    assert cadre_client.post(delete).status_code == 302
    assert not Material.objects.filter(pk=material.pk).exists()
    entry = AuditEntry.objects.get(action="reserve.material.delete")
    assert entry.before["title"] == "错传的文件" and entry.actor == cadre_user


def test_the_reminders_cost_the_same_queries_for_one_programme_or_many(
    world, decided, django_assert_max_num_queries
):
    """The district's overview reads the reminders of all its schools' programmes at once."""
    programmes = Programme.objects.filter(organisation__parent=world.district)
    with django_assert_max_num_queries(7):
        one = selectors.reminders(programmes)
    assert len(one) == 4
    # The other school's decided programme, with one cadre due as well.
    other = Programme.objects.get(pk=decided.pk)
    other.pk, other.organisation = None, world.other_school
    other.save()
    tier = decided.tiers.get(code="三")
    tier.pk, tier.programme = None, other
    tier.save()
    ReserveCadre.objects.create(
        programme=other,
        person=world.other_person,
        tier=tier,
        since=date(2024, 3, 14),
        cycle_starts=date(2024, 3, 14),
        cycle_ends=date(2027, 3, 13),
        decision=decided.decision,
    )
    with django_assert_max_num_queries(7):
        both = selectors.reminders(programmes)
    assert len(both) == 5
    assert [r.cadre.programme.organisation for r in both].count(world.other_school) == 1
