from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cadre.audit.models import AuditEntry
from cadre.campaigns.models import Campaign
from cadre.campaigns.services import plan

from .factories import campaign_draft, campaign_published


def test_a_plan_is_filed_only_when_complete_approved_and_referenced(world):
    c = plan.campaign_save(
        actor="t",
        campaign=Campaign(
            organisation=world.school,
            title="空方案",
            reference_date=date(2025, 6, 22),
            registration_opens=timezone.now(),
            registration_deadline=timezone.now() + timedelta(days=3),
        ),
    )
    with pytest.raises(ValidationError) as exc:
        plan.campaign_file(
            actor="t",
            campaign=c,
            approved_on=date(2025, 5, 28),
            approval_note="",
            filed_on=date(2025, 5, 30),
            filing_reference="x",
        )
    assert len(exc.value.messages) == 4  # no position, condition, timetable, leading group
    c = campaign_draft(world)
    with pytest.raises(ValidationError):
        plan.campaign_file(
            actor="t",
            campaign=c,
            approved_on=date(2025, 5, 30),
            approval_note="",
            filed_on=date(2025, 5, 28),
            filing_reference="x",
        )
    with pytest.raises(ValidationError):
        plan.campaign_file(
            actor="t",
            campaign=c,
            approved_on=date(2025, 5, 28),
            approval_note="",
            filed_on=date(2025, 5, 30),
            filing_reference=" ",
        )
    c.refresh_from_db()
    assert c.status == Campaign.Status.DRAFT


def test_no_step_can_be_skipped_and_every_step_is_audited(world):
    c = campaign_draft(world)
    with pytest.raises(ValidationError):
        plan.campaign_publish(actor="t", campaign=c)  # not filed yet
    plan.campaign_file(
        actor="t",
        campaign=c,
        approved_on=date(2025, 5, 28),
        approval_note="班子会",
        filed_on=date(2025, 5, 30),
        filing_reference="备1",
    )
    with pytest.raises(ValidationError):
        plan.campaign_close_registration(actor="t", campaign=c)  # not published
    plan.campaign_publish(actor="t", campaign=c)
    with pytest.raises(ValidationError, match="until its deadline"):
        plan.campaign_close_registration(actor="t", campaign=c)
    plan.campaign_close_registration(
        actor="t", campaign=c, now=c.registration_deadline + timedelta(minutes=1)
    )
    c.refresh_from_db()
    assert c.status == Campaign.Status.REGISTRATION_CLOSED
    actions = list(
        AuditEntry.objects.filter(
            object_type="campaigns.campaign", object_id=str(c.pk)
        ).values_list("action", flat=True)
    )
    assert {"campaign.file", "campaign.publish", "campaign.close_registration"} <= set(actions)


def test_a_filed_plan_cannot_be_changed(world):
    c = campaign_published(world)
    c.title = "改过的标题"
    with pytest.raises(ValidationError):
        plan.campaign_save(actor="t", campaign=c)
    c.refresh_from_db()
    assert c.title != "改过的标题"


def test_copying_moves_every_date_and_the_age_cut_off_with_the_year(world):
    source = campaign_published(world)
    opens = source.registration_opens + timedelta(days=365)
    copy = plan.campaign_copy(
        actor="t",
        source=source,
        title="2026年中层干部聘任工作方案",
        registration_opens=opens,
        registration_deadline=opens + timedelta(days=19),
    )
    assert copy.status == Campaign.Status.DRAFT and copy.copied_from == source
    assert copy.positions.count() == source.positions.count()
    assert copy.stages.get().planned_start == date(2026, 6, 23)
    assert copy.rules.get(kind="birth_cutoff").params["cutoff"] == "1981-01-01"
    assert copy.reference_date == date(2026, 6, 22)
    assert [m.person_id for m in copy.leading_group.members.all()] == [
        m.person_id for m in source.leading_group.members.all()
    ]
    assert copy.leading_group_id != source.leading_group_id
    # The copy forms this year's group: the timeline counts it as formed the day of the copy.
    assert copy.leading_group_formed_on == timezone.localdate()
