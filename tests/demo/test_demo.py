from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from cadre.audit.services import audit_verify
from cadre.demo.builders import build_demo
from cadre.orgs.models import Membership, Organisation
from cadre.people.dates import age_on
from cadre.people.models import Person, PostHistory


@pytest.fixture
def demo(db):
    return build_demo(today=date(2026, 11, 21))


def test_it_builds_the_two_schools_of_the_seeds_under_one_district(demo):
    district = Organisation.objects.get(kind="district", is_demo=True)
    names = set(district.schools.values_list("name", flat=True))
    assert names == {"江苏省南通第一中学", "常州市教科院附属初级中学"}
    for school in district.schools.all():
        assert 140 <= school.staff.count() <= 160
        assert PostHistory.objects.filter(person__organisation=school).count() > 150


def test_changzhou_has_the_seeds_positions_with_their_duties(demo):
    cz = Organisation.objects.get(code="czfz")
    titles = {p.title: p for d in cz.departments.all() for p in d.positions.all()}
    for title in (
        "党政办公室主任",
        "党政办公室副主任",
        "课程教学中心主任",
        "课程教学中心副主任（主持工作）",
        "课程教学中心副主任",
        "学生成长中心主任",
        "学生成长中心副主任",
        "后勤服务中心主任",
        "后勤服务中心副主任",
    ):
        assert title in titles
    assert "负责学校公文的收发" in titles["党政办公室主任"].duties
    assert titles["课程教学中心副主任（主持工作）"].level == "acting_head"
    assert "后勤服务中心干事" in titles


def test_people_stand_on_both_sides_of_the_age_and_experience_boundaries(demo):
    cz = Person.objects.filter(organisation__code="czfz")
    births = set(cz.values_list("birth_date", flat=True))
    assert {date(1979, 12, 31), date(1980, 1, 1), date(1980, 1, 2)} <= births
    assert cz.filter(education="大学专科").exists() and cz.filter(education="大学本科").exists()
    starts = set(
        PostHistory.objects.filter(
            person__organisation__code="czfz", role_kind="班主任"
        ).values_list("start_date", flat=True)
    )
    assert {date(2022, 6, 22), date(2022, 6, 23)} <= starts
    # Staff ages look like a real school's.
    ages = [age_on(b, date(2026, 11, 21)) for b in births]
    assert min(ages) >= 22 and max(ages) <= 60


def test_every_role_has_a_demo_account_with_the_demo_password(demo):
    roles = set(
        Membership.objects.filter(organisation__is_demo=True).values_list("role", flat=True)
    )
    assert roles == {r.value for r in Membership.Role}
    # The office logs in through the login page with the demo password.
    response = Client().post("/accounts/login/", {"username": "cz-admin", "password": "cadre-demo"})
    assert response.status_code == 302


def test_the_demo_leaves_an_intact_audit_trail(demo):
    result = audit_verify()
    assert result.ok and result.count > 300


def test_running_it_again_keeps_the_data(db, capsys):
    call_command("demo")
    person = Person.objects.first()
    person.name = "改过的名字"
    person.save()
    call_command("demo")
    assert Person.objects.filter(name="改过的名字").exists()
    assert Organisation.objects.filter(is_demo=True).count() == 3
    assert "cz-admin" in capsys.readouterr().out


@override_settings(PRODUCTION=True)
def test_it_refuses_to_run_with_production_settings(db):
    with pytest.raises(CommandError, match="production"):
        call_command("demo")


def test_the_changzhou_campaign_went_through_review_and_a_secret_ballot(demo):
    from cadre.ballots.models import Evaluation
    from cadre.campaigns.models import Campaign, Candidacy, Exemption

    last_year = Campaign.objects.get(title="2025年中层干部聘任工作方案")
    results = set(
        Candidacy.objects.filter(application__campaign=last_year)
        .exclude(result="")
        .values_list("result", flat=True)
    )
    assert results == {"qualified", "not_qualified"}
    assert Exemption.objects.filter(candidacy__application__campaign=last_year).count() == 1
    evaluation = Evaluation.objects.get(campaign=last_year)
    assert evaluation.status == Evaluation.Status.CLOSED and evaluation.board_sha256
    rec = evaluation.result["reconciliation"]
    assert rec["codes_issued"] >= rec["codes_used"] == rec["electronic_ballots"]
    assert rec["electronic_ballots"] + rec["paper_ballots"] <= rec["checked_in"]
    passed = {t["passed"] for t in evaluation.result["tally"].values()}
    assert passed == {True, False}  # one candidate fell short of two-thirds
    next_year = Campaign.objects.get(title="2026年中层干部聘任工作方案")
    assert next_year.status == Campaign.Status.PUBLISHED and next_year.copied_from == last_year


def test_the_changzhou_defence_was_scored_and_its_shortlist_confirmed(demo):
    from cadre.panels.models import Panel
    from cadre.panels.services import ranking

    panel = Panel.objects.get(campaign__title="2025年中层干部聘任工作方案")
    assert panel.status == Panel.Status.CLOSED and panel.shortlist_decision is not None
    assert panel.experts.count() == 5 and panel.experts.filter(conflicts__isnull=False).exists()
    rows = ranking(panel)
    assert any(r["shortlisted"] for r in rows)
    assert not any(r["shortlisted"] and not r["passed"] for r in rows)


def test_the_changzhou_campaign_ended_in_appointments_on_the_seeds_timetable(demo):
    from cadre.appointments.models import Objection, Proposal
    from cadre.appointments.timeline import timeline
    from cadre.campaigns.models import Campaign

    campaign = Campaign.objects.get(title="2025年中层干部聘任工作方案")
    assert campaign.status == Campaign.Status.CLOSED
    assert (campaign.notice.starts_on, campaign.notice.ends_on) == (
        date(2025, 7, 2),
        date(2025, 7, 7),
    )  # 公示时间5天, counted from the day after publication
    assert campaign.notice.objections.get().status == Objection.Status.CONCLUDED
    appointed = campaign.proposals.filter(status=Proposal.Status.APPOINTED)
    assert appointed.exists()
    for p in appointed:
        post = p.person.posts.get(start_date=date(2025, 8, 1))
        assert post.end_date is None and post.unit == p.position.department.name
        assert p.division_of_work
    assert campaign.approval.reported_on == date(2025, 7, 8)
    rows = {r.stage.name: r for r in timeline(campaign, date(2026, 11, 21))}
    assert rows["结果公示"].actual == date(2025, 7, 7)
    assert rows["上报教育局备案"].actual == date(2025, 7, 8)
    assert all(r.progress.state in ("done", "late") for r in rows.values())


def test_a_second_campaign_is_in_its_notice_period_with_an_open_concern(demo):
    from cadre.appointments.models import Objection
    from cadre.appointments.services.notice import blockers
    from cadre.campaigns.models import Campaign

    campaign = Campaign.objects.get(status=Campaign.Status.NOTICE)
    assert campaign.notice.counting == "working"
    assert campaign.notice.objections.get().status == Objection.Status.OPEN
    assert len(blockers(campaign, date(2026, 11, 21))) == 2  # the period, the open concern
