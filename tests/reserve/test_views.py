"""The pipeline's pages, as the office, the leading group, the committee and staff use them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cadre.audit.models import AuditEntry
from cadre.reserve.models import Programme, Recommendation, ReserveCadre

from .conftest import tier


def url(name, programme, *args):
    return reverse(f"reserve:{name}", args=[programme.organisation.code, programme.pk, *args])


@pytest.fixture
def open_now(published):
    """The published programme with its window around today, so staff can recommend online."""
    today = timezone.localdate()
    Programme.objects.filter(pk=published.pk).update(
        recommendation_opens=today, recommendation_closes=today
    )
    published.refresh_from_db()
    return published


def test_office_creates_a_programme_with_the_seed_defaults(world):
    client = world.client("school_admin")
    response = client.post(
        reverse("reserve:new", args=[world.school.code]),
        {
            "title": "第三批“三四五”后备干部培养计划",
            "cycle_years": "3",
            "reference_date": "2027-03-01",
            "recommendation_opens": "2027-03-01",
            "recommendation_closes": "2027-03-05",
            "priority_roles": ["班主任", "年级组长"],
        },
    )
    programme = Programme.objects.get(title="第三批“三四五”后备干部培养计划")
    assert response.status_code == 302
    assert [(t.code, t.target, t.age_text) for t in programme.tiers.all()] == [
        ("三", 3, "45周岁以下"),
        ("四", 4, "35周岁左右"),
        ("五", 5, "30周岁左右"),
    ]
    assert len(programme.criteria) == 6
    assert programme.priority_roles == ["班主任", "年级组长"]
    page = client.get(url("detail", programme)).content.decode()
    assert "近期梯队" in page and "45周岁以下" in page


def test_window_that_closes_before_it_opens_is_refused(world):
    response = world.client("school_admin").post(
        reverse("reserve:new", args=[world.school.code]),
        {
            "title": "错误的计划",
            "cycle_years": "3",
            "reference_date": "2027-03-01",
            "recommendation_opens": "2027-03-05",
            "recommendation_closes": "2027-03-01",
        },
    )
    assert response.status_code == 200
    assert "推荐截止日期不能早于开始日期" in response.content.decode()
    assert not Programme.objects.filter(title="错误的计划").exists()


def test_draft_is_hidden_from_staff_and_the_public(world, draft):
    assert world.client("teacher").get(url("detail", draft)).status_code == 404
    public = reverse("reserve_public", args=[world.school.code, draft.pk])
    assert world.client("anonymous").get(public).status_code == 404


def test_publishing_shows_the_plan_to_all_staff(world, draft):
    client = world.client("school_admin")
    client.post(url("step", draft, "publish"))
    draft.refresh_from_db()
    assert draft.status == Programme.Status.PUBLISHED
    public = world.client("anonymous").get(
        reverse("reserve_public", args=[world.school.code, draft.pk])
    )
    assert public.status_code == 200
    assert "认真贯彻党的路线" in public.content.decode()
    assert world.client("teacher").get(url("detail", draft)).status_code == 200


def test_teacher_recommends_himself_once(world, open_now):
    client = world.client("teacher")
    form = {"tier": tier(open_now, "五").pk, "reason": "担任班主任五年，乐于承担学校活动"}
    assert client.post(url("recommend", open_now), form).status_code == 302
    again = client.post(url("recommend", open_now), form)
    assert again.status_code == 200
    rec = Recommendation.objects.get(programme=open_now)
    assert (rec.channel, rec.person, rec.tier.code) == ("self", world.person, "五")
    assert "张老师已经自荐过" in again.content.decode()


def test_leader_recommends_a_colleague(world, open_now, staff):
    client = world.client("leader")
    world.users["leader"].person = None
    from tests.conftest import make_person

    make_person(world.school, "L01", "刘校长", current_post="校长", user=world.users["leader"])
    response = client.post(
        url("recommend", open_now),
        {"person": "R03", "tier": tier(open_now, "四").pk, "reason": "教学业绩突出"},
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(programme=open_now)
    assert (rec.channel, rec.source, rec.person) == ("leaders", "刘校长（校长）", staff["mid"])


def test_office_enters_paper_recommendations_and_sees_the_counts(world, published, staff):
    client = world.client("school_admin")
    entry = {
        "channel": "department",
        "source": "教务处",
        "person": "周近期",
        "tier": tier(published, "三").pk,
        "reason": "年级组长工作出色",
        "made_on": "2024-03-02",
    }
    assert client.post(url("recommendations", published), entry).status_code == 302
    twice = client.post(url("recommendations", published), entry)
    late = client.post(
        url("recommendations", published), {**entry, "source": "总务处", "made_on": "2024-03-06"}
    )
    stranger = client.post(url("recommendations", published), {**entry, "person": "B001"})
    assert Recommendation.objects.filter(programme=published).count() == 1
    assert twice.status_code == late.status_code == stranger.status_code == 200
    page = client.get(url("recommendations", published)).content.decode()
    assert "周近期" in page
    assert "教务处已通过“处室推荐”推荐过周近期" in twice.content.decode()
    assert "不在此期间" in late.content.decode()
    assert "教职工名册中没有该工号或姓名的人员" in stranger.content.decode()


def test_the_whole_selection_through_the_pages(world, recommended, staff):
    admin = world.client("school_admin")
    admin.post(url("step", recommended, "close"))
    recommended.refresh_from_db()
    assert recommended.status == Programme.Status.EVALUATION
    sheets = admin.get(url("sheets", recommended)).content.decode()
    assert "周近期" in sheets and "冯新人" in sheets
    criteria = {f"criterion_{i}": "on" for i in range(6)}
    for person, code in ((staff["near"], "三"), (staff["older"], "三"), (staff["mid"], "四")):
        response = admin.post(
            url("sheet", recommended, person.pk),
            {
                **criteria,
                "staff_opinion": "好",
                "conduct": "好",
                "proposed_tier": tier(recommended, code).pk,
            },
        )
        assert response.status_code == 302
    # Not every criterion attested: not proposed.
    refused = admin.post(
        url("sheet", recommended, staff["young"].pk),
        {"criterion_0": "on", "proposed_tier": tier(recommended, "五").pk},
    )
    assert refused.status_code == 200
    sheet_page = admin.get(url("sheet", recommended, staff["older"].pk)).content.decode()
    assert "学科主任" in sheet_page
    admin.post(url("step", recommended, "submit"))
    recommended.refresh_from_db()
    assert recommended.status == Programme.Status.SUBMITTED
    committee = list(recommended.committee.members.all())
    page = admin.get(url("decision", recommended))
    assert page.status_code == 200
    response = admin.post(
        url("decision", recommended),
        {
            "subject": "确定后备干部人选",
            "date": "2024-03-14",
            "present": [m.pk for m in committee],
            "votes_for": "4",
            "votes_against": "0",
            "abstentions": "0",
            f"tier_{staff['near'].pk}": tier(recommended, "三").pk,
            f"tier_{staff['older'].pk}": "",
            f"tier_{staff['mid'].pk}": tier(recommended, "四").pk,
        },
    )
    assert response.status_code == 302
    recommended.refresh_from_db()
    assert recommended.status == Programme.Status.DECIDED
    assert sorted(
        ReserveCadre.objects.filter(programme=recommended).values_list("person__name", "tier__code")
    ) == [("周近期", "三"), ("郑中期", "四")]
    admin.post(url("step", recommended, "publish-result"))
    public = (
        world.client("anonymous")
        .get(reverse("reserve_public", args=[world.school.code, recommended.pk]))
        .content.decode()
    )
    assert "周近期" in public and "吴资深" not in public
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "reserve.recommendation.close",
        "reserve.sheet.update",
        "reserve.list.submit",
        "reserve.cadre.select",
        "reserve.list.decide",
        "reserve.result.publish",
    } <= actions


def test_teacher_cannot_see_counts_or_sheets(world, evaluating):
    client = world.client("teacher")
    assert client.get(url("recommendations", evaluating)).status_code == 403
    assert client.get(url("sheets", evaluating)).status_code == 403


def test_other_school_cannot_open_the_programme(world, published):
    assert world.client("other_admin").get(url("detail", published)).status_code == 404


def test_office_prepares_a_tiers_secret_ballot(world, recommended):
    client = world.client("school_admin")
    three = tier(recommended, "三")
    response = client.post(url("ballot", recommended, three.pk), {"entitled": "80"})
    three.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "ballots:detail", args=[world.school.code, three.ballot.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "周近期" in page and "吴资深" in page
    assert (three.ballot.max_choices, three.ballot.entitled) == (3, 80)
    counts = client.get(url("recommendations", recommended)).content.decode()
    assert three.ballot.title in counts


def test_the_overview_shows_each_tier_filled_against_its_target(world, decided):
    page = world.client("school_admin").get(reverse("orgs:home", args=[world.school.code]))
    text = page.content.decode()
    assert "“三” 2/3" in text and "“四” 1/4" in text and "“五” 1/5" in text
    district = world.client("district_admin").get(reverse("orgs:home", args=[world.district.code]))
    assert decided.title in district.content.decode()


def test_a_locked_sheet_shows_each_criterion_attested(world, submitted, staff):
    page = world.client("leader").get(url("sheet", submitted, staff["near"].pk)).content.decode()
    assert page.count("✓") == 6 and "认真贯彻党的路线" in page
