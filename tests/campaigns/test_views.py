from datetime import date, timedelta

from django.urls import reverse

from cadre.campaigns.models import Application, Campaign
from cadre.campaigns.services import plan
from cadre.campaigns.views.plan import PROSPECTS_PER_PAGE, PROSPECTS_PREVIEW
from tests.conftest import make_person

from .factories import campaign_draft, campaign_published


def test_the_published_plan_is_public_and_printable_but_a_draft_is_not(world, client):
    draft = campaign_draft(world)
    url = reverse("public_plan", args=[world.school.code, draft.pk])
    assert client.get(url).status_code == 404
    c = campaign_published(world)
    page = client.get(reverse("public_plan", args=[world.school.code, c.pk])).content.decode()
    for text in (
        "2025年中层干部聘任工作方案",
        "党政办公室主任",
        "负责学校公文的收发",
        "1–2",
        "具备大学本科或以上学历",
        "资格审查",
        "突出能力导向",
    ):
        assert text in page
    assert "竞聘岗位：党政办公室主任1名、党政办公室副主任1名、党政办公室干事1–2名" in page
    assert "张老师" not in page  # no personal data on the public page


def test_the_admin_files_and_publishes_through_the_pages(world):
    c = campaign_draft(world)
    client = world.client("school_admin")
    response = client.post(
        reverse("campaigns:file", args=[world.school.code, c.pk]),
        {
            "approved_on": "2025-05-28",
            "approval_note": "校级领导班子会议",
            "filed_on": "2025-05-30",
            "filing_reference": "常教备〔2025〕1号",
        },
        follow=True,
    )
    assert response.status_code == 200
    c.refresh_from_db()
    assert c.status == Campaign.Status.FILED and c.filing_reference == "常教备〔2025〕1号"
    client.post(reverse("campaigns:step", args=[world.school.code, c.pk, "publish"]))
    c.refresh_from_db()
    assert c.status == Campaign.Status.PUBLISHED


def test_a_teacher_applies_with_a_pdf_and_sees_his_form_prefilled(world):
    c = campaign_published(world)
    client = world.client("teacher")
    url = reverse("campaigns:application", args=[world.school.code, c.pk])
    page = client.get(url).content.decode()
    assert "张老师" in page and "A001" in page and "班主任" in page
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        url,
        {
            "first_choice": c.deputy.pk,
            "second_choice": c.head.pk,
            "accepts_reassignment": "on",
            "strengths": "熟悉办公室工作",
            "work_plan": "规范公文流转",
            "pledge": "on",
            "submit": "1",
            "attachments": [SimpleUploadedFile("证书.pdf", b"%PDF-1.4 x", "application/pdf")],
        },
    )
    assert response.status_code == 302
    app = Application.objects.get(campaign=c, person=world.person)
    assert app.status == Application.Status.SUBMITTED and app.accepts_reassignment
    assert app.attachments.get().name == "证书.pdf"


def test_a_bad_attachment_is_refused_with_a_message_and_not_stored(world):
    c = campaign_published(world)
    client = world.client("teacher")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("campaigns:application", args=[world.school.code, c.pk]),
        {
            "first_choice": c.deputy.pk,
            "strengths": "s",
            "work_plan": "w",
            "attachments": [SimpleUploadedFile("病毒.pdf", b"MZ not a pdf", "application/pdf")],
        },
    )
    assert response.status_code == 200
    assert "PDF" in str(response.context["form"].non_field_errors())
    assert not Application.objects.get(person=world.person).attachments.exists()


def test_staff_cannot_see_a_draft_campaign_or_run_its_steps(world):
    c = campaign_draft(world)
    teacher = world.client("teacher")
    assert (
        teacher.get(reverse("campaigns:detail", args=[world.school.code, c.pk])).status_code == 302
    )
    assert (
        teacher.post(
            reverse("campaigns:step", args=[world.school.code, c.pk, "publish"])
        ).status_code
        == 403
    )


def test_who_could_apply_takes_a_constant_number_of_queries(world, django_assert_max_num_queries):
    from cadre.campaigns.eligibility import who_could_apply
    from tests.conftest import make_person

    c = campaign_published(world)
    with django_assert_max_num_queries(8):
        small = who_could_apply(c)
    for i in range(30):
        make_person(world.school, f"X{i:03d}", f"新人{i}")
    with django_assert_max_num_queries(8):
        big = who_could_apply(c)
    officer = c.positions.get(level="officer")
    assert len(big[officer]) == len(small[officer]) + 30


def test_closing_before_the_deadline_is_refused_with_a_message(world):
    c = campaign_published(world)
    response = world.client("school_admin").post(
        reverse("campaigns:step", args=[world.school.code, c.pk, "close"]), follow=True
    )
    assert any("deadline" in str(m) or "截止" in str(m) for m in response.context["messages"])
    c.refresh_from_db()
    assert c.status == Campaign.Status.PUBLISHED
    plan.campaign_close_registration(
        actor="t", campaign=c, now=c.registration_deadline + timedelta(seconds=1)
    )


def test_a_large_roster_s_prospects_are_shown_in_part_and_paged_per_position(world):
    campaign = campaign_published(world)
    officer = campaign.positions.get(level="officer")
    from cadre.campaigns.eligibility import who_could_apply

    total = len(who_could_apply(campaign)[officer]) + 130
    for i in range(130):
        make_person(world.school, f"P{i:03d}", f"候选{i}", birth_date=date(1990, 1, 1))
    client = world.client("school_admin")
    url = reverse("campaigns:prospects", args=[world.school.code, campaign.pk])

    overview = client.get(url).content.decode()
    section = overview[overview.index(f'data-position="{officer.pk}"') :]
    section = section[: section.index("</details>")]
    assert section.count("data-staff=") == PROSPECTS_PREVIEW
    assert f"?position={officer.pk}" in section
    assert f"{total}" in section  # the count is of everyone who meets the conditions

    first = client.get(url, {"position": officer.pk}).content.decode()
    assert first.count("data-staff=") == PROSPECTS_PER_PAGE
    assert f"?position={officer.pk}&page=2" in first
    assert 'data-position="' + str(campaign.positions.get(level="head").pk) not in first
    last = client.get(url, {"position": officer.pk, "page": 2}).content.decode()
    assert last.count("data-staff=") == total - PROSPECTS_PER_PAGE

    assert client.get(url, {"position": 999999}).status_code == 404
    assert client.get(url, {"position": "junk"}).status_code == 200
