from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cadre.campaigns.models import Application, Nomination
from cadre.campaigns.services import registration

from .factories import campaign_published

PDF = b"%PDF-1.4 minimal"


def save(c, person, positions, **kw):
    return registration.application_save(
        actor="t",
        campaign=c,
        person=person,
        positions=positions,
        accepts_reassignment=False,
        achievements="",
        strengths="踏实",
        work_plan="计划",
        **kw,
    )


def test_a_teacher_drafts_submits_and_withdraws(world):
    c = campaign_published(world)
    app = save(c, world.person, [c.deputy, c.head])
    assert [x.position for x in app.candidacies.all()] == [c.deputy, c.head]
    with pytest.raises(ValidationError, match="true"):
        registration.application_submit(actor="t", application=app, pledge=False)
    app = registration.application_submit(actor="t", application=app, pledge=True)
    assert app.status == Application.Status.SUBMITTED
    assert app.profile["name"] == "张老师" and app.profile["posts"][0]["role_kind"] == "班主任"
    registration.application_withdraw(actor="t", application=app)
    app.refresh_from_db()
    assert app.status == Application.Status.WITHDRAWN


def test_applying_after_the_deadline_saves_nothing(world):
    c = campaign_published(world)
    with pytest.raises(ValidationError, match="deadline"):
        save(c, world.person, [c.deputy], now=c.registration_deadline + timedelta(seconds=1))
    assert not Application.objects.exists()


def test_twice_for_one_position_or_too_many_positions_is_refused(world):
    c = campaign_published(world)
    with pytest.raises(ValidationError, match="twice"):
        save(c, world.person, [c.deputy, c.deputy])
    officer = c.positions.get(level="officer")
    with pytest.raises(ValidationError, match="at most 2"):
        save(c, world.person, [c.deputy, c.head, officer])
    assert not Application.objects.exists()


def test_attachments_are_checked_by_content_and_size(world):
    c = campaign_published(world)
    app = save(c, world.person, [c.deputy])
    registration.attachment_add(actor="t", application=app, name="证书.pdf", content=PDF)
    with pytest.raises(ValidationError, match="PDF, JPG or PNG"):
        registration.attachment_add(
            actor="t", application=app, name="伪装.pdf", content=b"MZ\x90\x00 an executable"
        )
    with pytest.raises(ValidationError, match="larger than 5 MB"):
        registration.attachment_add(
            actor="t", application=app, name="大.pdf", content=PDF + b"0" * (5 * 1024 * 1024)
        )
    assert [a.name for a in app.attachments.all()] == ["证书.pdf"]


def test_a_nominee_must_be_on_this_schools_roster(world):
    c = campaign_published(world)
    with pytest.raises(ValidationError, match="roster"):
        registration.nomination_create(
            actor=world.users["teacher"],
            campaign=c,
            nominee=world.other_person,
            position=c.deputy,
            channel="peer",
            reason="好",
        )
    assert not Nomination.objects.exists()


def test_a_recommended_colleague_accepts_and_completes_his_form(world):
    c = campaign_published(world)
    n = registration.nomination_create(
        actor=world.users["teacher"],
        campaign=c,
        nominee=world.colleague,
        position=c.deputy,
        channel="peer",
        reason="工作踏实",
    )
    with pytest.raises(ValidationError, match="already recommended"):
        registration.nomination_create(
            actor=world.users["teacher"],
            campaign=c,
            nominee=world.colleague,
            position=c.deputy,
            channel="peer",
            reason="再推荐一次",
        )
    registration.nomination_answer(actor="t", nomination=n, accept=True)
    app = Application.objects.get(campaign=c, person=world.colleague)
    assert app.source == "peer" and app.status == Application.Status.DRAFT
    assert [x.position for x in app.candidacies.all()] == [c.deputy]
    with pytest.raises(ValidationError, match="already been answered"):
        registration.nomination_answer(actor="t", nomination=n, accept=False)


def test_a_declined_recommendation_creates_no_application(world):
    c = campaign_published(world)
    n = registration.nomination_create(
        actor=world.users["leader"],
        campaign=c,
        nominee=world.colleague,
        position=c.head,
        channel="organisation",
        reason="组织推荐",
    )
    registration.nomination_answer(actor="t", nomination=n, accept=False)
    assert not Application.objects.exists()
    n.refresh_from_db()
    assert n.status == Nomination.Status.DECLINED and n.answered_at <= timezone.now()
