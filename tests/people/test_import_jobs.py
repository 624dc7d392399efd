import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cadre.people.models import Person, RosterUpload
from cadre.people.roster_xlsx import read_roster

from .workbooks import person, workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, world, buf, name="名册.xlsx"):
    return client.post(
        reverse("people:import", args=[world.school.code]),
        {"file": SimpleUploadedFile(name, buf.getvalue(), XLSX)},
    )


def test_a_large_workbook_reports_its_progress_as_it_is_read():
    people = [person(f"P{i:04d}", f"教师{i}") for i in range(1200)]
    seen = []
    read_roster(workbook(people=people), progress=lambda done, total: seen.append((done, total)))
    assert [d for d, _ in seen] == [500, 1000]
    assert all(total == 1200 for _, total in seen)


def test_upload_check_preview_confirm_and_outcome(world):
    client = world.client("school_admin")
    response = upload(client, world, workbook(people=[person("A100", "赵老师")]))
    u = RosterUpload.objects.get()
    assert response["Location"] == reverse("people:import_status", args=["school-a", u.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="checked"' in page and "赵老师" in page
    assert not Person.objects.filter(staff_no="A100").exists()  # nothing until confirmed
    client.post(
        reverse("people:import_confirm", args=["school-a", u.pk]),
        {"fingerprint": u.result["fingerprint"]},
    )
    u.refresh_from_db()
    assert u.status == "applied" and u.result["created"] == 1 and u.content == b""
    assert Person.objects.filter(staff_no="A100").exists()
    # Confirming twice imports once.
    client.post(
        reverse("people:import_confirm", args=["school-a", u.pk]),
        {"fingerprint": u.result["fingerprint"]},
    )
    assert Person.objects.filter(staff_no="A100").count() == 1


def test_a_workbook_with_errors_lists_them_on_its_page(world):
    client = world.client("school_admin")
    response = upload(client, world, workbook(people=[person("A100", "赵老师", 性别="?")]))
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in page and "性别" in page
    assert RosterUpload.objects.get().status == "failed"


def test_a_running_job_is_polled_and_a_silent_one_is_reported(world):
    u = RosterUpload.objects.create(
        organisation=world.school,
        filename="x.xlsx",
        content=b"",
        status="applying",
        progress_done=500,
        progress_total=2000,
    )
    url = reverse("people:import_status", args=["school-a", u.pk])
    client = world.client("school_admin")
    page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in page and "500" in page and "2000" in page
    RosterUpload.objects.filter(pk=u.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' not in page and "import-progress" not in page


def test_the_roster_changing_between_preview_and_confirmation_stops_the_import(world):
    client = world.client("school_admin")
    response = upload(client, world, workbook(people=[person("A002", "李老师改名")]))
    u = RosterUpload.objects.get()
    world.colleague.title = "高级教师"  # someone edits the roster meanwhile
    world.colleague.save()
    client.post(
        reverse("people:import_confirm", args=["school-a", u.pk]),
        {"fingerprint": u.result["fingerprint"]},
    )
    u.refresh_from_db()
    assert u.status == "stale"
    world.colleague.refresh_from_db()
    assert world.colleague.name == "李老师"
    assert response.status_code == 302


def test_a_workbook_without_an_optional_sheet_keeps_those_records(world):
    """A school that re-imports only the staff sheet (and the appraisals) must not find its
    post histories and honours wiped: a sheet left out is not a sheet with no rows."""
    from openpyxl import load_workbook

    from cadre.people.models import Appraisal, Honour, PostHistory

    post = {"工号": "A100", "任职类别": "班主任", "开始日期": "2019-09-01"}
    honour = {"工号": "A100", "日期": "2023-09", "名称": "市优秀教育工作者", "级别": "市级"}
    first = workbook(
        people=[person("A100", "赵老师")],
        posts=[post],
        appraisals=[{"工号": "A100", "年度": 2024, "结果": "合格"}],
        honours=[honour],
    )
    client = world.client("school_admin")
    upload(client, world, first)
    u = RosterUpload.objects.latest("pk")
    client.post(
        reverse("people:import_confirm", args=["school-a", u.pk]),
        {"fingerprint": u.result["fingerprint"]},
    )
    teacher = Person.objects.get(staff_no="A100")
    assert teacher.posts.count() == 1 and teacher.honours.count() == 1

    again = load_workbook(
        workbook(
            people=[person("A100", "赵老师", 职称="一级教师")],
            appraisals=[{"工号": "A100", "年度": 2024, "结果": "优秀"}],
        )
    )
    del again["任职经历"], again["荣誉"]
    buf = io.BytesIO()
    again.save(buf)
    response = upload(client, world, buf)
    u = RosterUpload.objects.latest("pk")
    page = client.get(response["Location"]).content.decode()
    assert "任职经历、荣誉" in page  # the preview says what is kept
    client.post(
        reverse("people:import_confirm", args=["school-a", u.pk]),
        {"fingerprint": u.result["fingerprint"]},
    )
    teacher.refresh_from_db()
    assert teacher.title == "一级教师"
    assert PostHistory.objects.filter(person=teacher).count() == 1
    assert Honour.objects.filter(person=teacher).count() == 1
    assert list(Appraisal.objects.filter(person=teacher).values_list("result", flat=True)) == [
        "优秀"
    ]
