"""The end of the cycle meets the appointment campaign: a reserve cadre the committee decides
to promote (提拔任用) is marked among those who could apply and on his application."""

from datetime import date

import pytest
from django.urls import reverse

from cadre.campaigns.models import Candidacy
from cadre.campaigns.services import registration
from cadre.decisions.services import Vote
from cadre.reserve.models import ReserveCadre
from cadre.reserve.services import assessment, outcome
from cadre.reserve.services._meeting import Meeting
from tests.campaigns.factories import campaign_published


def _meeting(body, on):
    members = list(body.members.all())
    return Meeting("会议", on, members, Vote(len(members)))


@pytest.fixture
def promoted(decided, today_is):
    """The whole cycle assessed for 周近期, and the committee's decision to promote him."""
    today_is(date(2027, 3, 20))
    cadre = ReserveCadre.objects.get(programme=decided, person__staff_no="R01")
    for on in (date(2025, 3, 10), date(2026, 3, 10), date(2027, 3, 8)):
        assessment.assessments_decide(
            actor="t",
            programme=decided,
            gradings=[assessment.Grading(cadre, "excellent", "表现突出")],
            meeting=_meeting(decided.leading_group, on),
        )
    outcome.outcomes_decide(
        actor="t",
        programme=decided,
        proposed=[outcome.Proposed(cadre, "promote", comments="建议提拔任用")],
        meeting=_meeting(decided.committee, date(2027, 3, 20)),
    )
    cadre.refresh_from_db()
    assert cadre.status == ReserveCadre.Status.PROMOTED
    return cadre


def test_a_promoted_cadre_is_marked_among_who_could_apply(world, promoted):
    campaign = campaign_published(world)
    page = (
        world.client("school_admin")
        .get(reverse("campaigns:prospects", args=[world.school.code, campaign.pk]))
        .content.decode()
    )
    row = page[page.index('data-staff="R01"') :]
    row = row[: row.index("</tr>")]
    assert 'data-reserve="promoted"' in row and "2027-03-20" in row
    # Nobody else carries the mark of promotion.
    assert page.count('data-reserve="promoted"') == page.count('data-staff="R01"')


def test_a_promoted_cadre_is_marked_on_his_application(world, promoted, staff):
    campaign = campaign_published(world)
    application = registration.application_save(
        actor="t",
        campaign=campaign,
        person=promoted.person,
        positions=[campaign.deputy],
        accepts_reassignment=True,
        achievements="",
        strengths="组织协调能力强",
        work_plan="做好年级管理",
    )
    registration.application_submit(actor="t", application=application, pledge=True)
    client = world.client("school_admin")
    listing = client.get(reverse("campaigns:review", args=[world.school.code, campaign.pk]))
    assert 'data-reserve="promoted"' in listing.content.decode()
    candidacy = Candidacy.objects.get(application=application)
    page = client.get(
        reverse("campaigns:review_candidacy", args=[world.school.code, campaign.pk, candidacy.pk])
    ).content.decode()
    assert 'data-reserve="promoted"' in page


def test_a_cadre_still_in_cultivation_is_marked_as_such(world, decided):
    campaign = campaign_published(world)
    page = (
        world.client("school_admin")
        .get(reverse("campaigns:prospects", args=[world.school.code, campaign.pk]))
        .content.decode()
    )
    assert 'data-reserve="promoted"' not in page
    assert 'data-reserve="active"' in page
