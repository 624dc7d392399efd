"""Who may open what: every persona against the foundation's pages and exports."""

import pytest
from django.urls import reverse

from cadre.audit.models import AuditEntry
from cadre.orgs.models import Department, Membership

PERSONAS = ["school_admin", "leader", "teacher", "other_admin", "district_admin", "anonymous"]


def urls(w):
    code = w.school.code
    return {
        "home": reverse("orgs:home", args=[code]),
        "roster": reverse("people:list", args=[code]),
        "person": reverse("people:detail", args=[code, w.colleague.pk]),
        "export": reverse("people:export", args=[code]),
        "template": reverse("people:template", args=[code]),
        "import": reverse("people:import", args=[code]),
        "audit": reverse("audit:org", args=[code]),
        "accounts": reverse("orgs:accounts", args=[code]),
        "new_person": reverse("people:new", args=[code]),
        "edit_person": reverse("people:edit", args=[code, w.colleague.pk]),
        "new_department": reverse("orgs:department_new", args=[code]),
    }


# Expected status of a GET for each persona: 200 allowed, 403 in the school but not allowed,
# 404 for someone with no standing in the school (its existence is not confirmed), 302 to
# the login page for the anonymous visitor.
READ_ROSTER = {
    "school_admin": 200,
    "leader": 200,
    "teacher": 403,
    "other_admin": 404,
    "district_admin": 200,
    "anonymous": 302,
}
MANAGE = {
    "school_admin": 200,
    "leader": 403,
    "teacher": 403,
    "other_admin": 404,
    "district_admin": 403,
    "anonymous": 302,
}
EXPECTED = {
    "home": {
        "school_admin": 200,
        "leader": 200,
        "teacher": 200,
        "other_admin": 404,
        "district_admin": 200,
        "anonymous": 302,
    },
    "roster": READ_ROSTER,
    "person": READ_ROSTER,
    "export": READ_ROSTER,
    "audit": READ_ROSTER,
    "template": MANAGE,
    "import": MANAGE,
    "accounts": MANAGE,
    "new_person": MANAGE,
    "edit_person": MANAGE,
    "new_department": MANAGE,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", list(EXPECTED))
def test_it_lets_each_persona_open_only_what_his_role_allows(world, persona, page):
    response = world.client(persona).get(urls(world)[page])
    assert response.status_code == EXPECTED[page][persona]


def test_another_schools_admin_cannot_change_this_school(world):
    client = world.client("other_admin")
    response = client.post(reverse("people:delete", args=[world.school.code, world.colleague.pk]))
    assert response.status_code == 404
    assert world.school.staff.filter(pk=world.colleague.pk).exists()
    # Nor reach this school's person through his own school's URL.
    response = client.get(
        reverse("people:detail", args=[world.other_school.code, world.colleague.pk])
    )
    assert response.status_code == 404


def test_the_export_holds_only_this_schools_staff(world):
    from io import BytesIO

    from openpyxl import load_workbook

    response = world.client("school_admin").get(urls(world)["export"])
    ws = load_workbook(BytesIO(response.content))["教职工"]
    staff_nos = {row[0] for row in ws.iter_rows(min_row=2, values_only=True)}
    assert staff_nos == {"A001", "A002"}


def test_a_teacher_sees_his_own_record_but_not_a_colleagues(world):
    client = world.client("teacher")
    me = client.get(reverse("people:me", args=[world.school.code]))
    assert me.status_code == 200 and "张老师" in me.content.decode()
    own = client.get(reverse("people:detail", args=[world.school.code, world.person.pk]))
    assert own.status_code == 200
    other = client.get(reverse("people:detail", args=[world.school.code, world.colleague.pk]))
    assert other.status_code == 403


def test_a_district_admin_sees_his_schools_but_not_other_districts(world):
    from cadre.orgs.models import Organisation

    elsewhere = Organisation.objects.create(code="far", name="远方学校", kind="school")
    client = world.client("district_admin")
    page = client.get(reverse("orgs:home", args=[world.district.code])).content.decode()
    assert "甲中学" in page and "乙中学" in page and "远方学校" not in page
    assert client.get(reverse("orgs:home", args=[elsewhere.code])).status_code == 404


def test_the_admin_creates_an_account_linked_to_the_roster(world):
    client = world.client("school_admin")
    response = client.post(
        urls(world)["accounts"],
        {
            "username": "li",
            "full_name": "李老师",
            "password": "a-long-enough-pass-9",
            "roles": ["staff", "leading_group"],
            "staff_no": "A002",
        },
    )
    assert response.status_code == 302
    world.colleague.refresh_from_db()
    assert world.colleague.user.username == "li"
    assert set(Membership.objects.filter(user__username="li").values_list("role", flat=True)) == {
        "staff",
        "leading_group",
    }
    entry = AuditEntry.objects.get(action="account.create")
    assert "password" not in str(entry.after) and "pbkdf2" not in str(entry.after)


def test_the_admin_edits_a_person_with_validation_and_the_change_is_audited(world):
    client = world.client("school_admin")
    url = urls(world)["edit_person"]
    data = {
        "staff_no": "A002",
        "name": "李老师",
        "gender": "女",
        "birth_date": "1988年5月1日",
        "ethnicity": "汉族",
        "political_status": "群众",
        "party_date": "2010-01-01",
        "education": "大学本科",
        "status": "在职",
        "phone": "123",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # shown again with the errors
    errors = response.context["form"].errors
    assert set(errors) == {"party_date", "phone"}
    data.update(party_date="", phone="13912345678", birth_date="1988.05")
    assert client.post(url, data).status_code == 302
    world.colleague.refresh_from_db()
    assert world.colleague.birth_date_month_only and world.colleague.phone == "13912345678"
    assert AuditEntry.objects.filter(
        action="person.update", object_id=str(world.colleague.pk)
    ).exists()


def test_the_admin_adds_a_post_and_the_detail_shows_its_length(world):
    client = world.client("school_admin")
    url = reverse("people:record_new", args=[world.school.code, world.colleague.pk, "post"])
    bad = client.post(
        url, {"role_kind": "班主任", "start_date": "2020-09-01", "end_date": "2019-01-01"}
    )
    assert "end_date" in bad.context["form"].errors
    client.post(
        url,
        {
            "role_kind": "班主任",
            "unit": "七年级组",
            "start_date": "2020-09-01",
            "end_date": "2023-07-01",
        },
    )
    page = client.get(urls(world)["person"]).content.decode()
    assert "七年级组" in page and "2年10个月" in page


def test_departments_are_managed_by_the_admin_only_and_audited(world):
    url = urls(world)["new_department"]
    assert world.client("leader").post(url, {"name": "教务处", "order": 2}).status_code == 403
    world.client("school_admin").post(url, {"name": "教务处", "order": 2})
    assert Department.objects.filter(organisation=world.school, name="教务处").exists()
    assert AuditEntry.objects.filter(action="department.create", organisation=world.school).exists()


def test_setup_org_creates_a_school_under_its_district_with_an_admin(world, monkeypatch):
    from django.core.management import CommandError, call_command
    from django.test import Client

    from cadre.orgs.models import Organisation

    monkeypatch.setenv("CADRE_ADMIN_PASSWORD", "a-long-enough-pass-9")
    call_command(
        "setup_org",
        "--code",
        "school-c",
        "--name",
        "丙中学",
        "--district",
        "测试区教育局",
        "--admin",
        "admin-c",
    )
    school = Organisation.objects.get(code="school-c")
    assert school.parent == world.district
    # The new admin logs in through the login page with that password.
    response = Client().post(
        "/accounts/login/", {"username": "admin-c", "password": "a-long-enough-pass-9"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="organisation.create", organisation=school).exists()
    with pytest.raises(CommandError):
        call_command("setup_org", "--code", "school-c", "--name", "丁中学", "--admin", "admin-d")
    assert not Organisation.objects.filter(name="丁中学").exists()
