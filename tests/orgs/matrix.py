"""The organisation-scoped URLs of the URL configuration, and how to fill each with a real
object: shared by the URL matrix (outsiders) and the permission matrix (every persona)."""

from datetime import date

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from cadre.appointments.models import (
    Inspection,
    InspectionAttachment,
    Notice,
    Objection,
    Proposal,
)
from cadre.ballots.models import Evaluation, PaperBatch
from cadre.ballots.services import evaluation_create
from cadre.campaigns.models import Attachment, Candidacy, Nomination
from cadre.campaigns.services import registration
from cadre.decisions.services import Vote, decision_record
from cadre.orgs.models import Membership
from cadre.panels.models import Expert, Panel, ScoreSheet
from cadre.people.models import PostHistory, RosterUpload
from cadre.reserve.models import (
    Activity,
    Backfill,
    Material,
    Mentorship,
    Programme,
    ReserveCadre,
    Rotation,
)
from cadre.reserve.services import plan as reserve_plan
from cadre.reserve.services import recommendation as reserve_recommendation
from cadre.reserve.services import selection as reserve_selection
from cadre.reserve.services._meeting import Meeting
from tests.campaigns.factories import campaign_published
from tests.conftest import make_person


def org_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from org_patterns(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("o/<slug:code>/"):
            yield route


ROUTES = sorted(set(org_patterns()))


def build_objects(world) -> dict:
    """One object of every kind a URL can name, all in the first school: their keys."""
    campaign = campaign_published(world)
    application = registration.application_save(
        actor="t",
        campaign=campaign,
        person=world.person,
        positions=[campaign.deputy],
        accepts_reassignment=False,
        achievements="",
        strengths="s",
        work_plan="w",
    )
    registration.attachment_add(
        actor="t", application=application, name="a.pdf", content=b"%PDF-1.4"
    )
    registration.nomination_create(
        actor=world.users["leader"],
        campaign=campaign,
        nominee=world.colleague,
        position=campaign.head,
        channel="peer",
        reason="r",
    )
    panel = Panel.objects.create(campaign=campaign)
    expert = Expert.objects.create(panel=panel, name="专家", affiliation="x", token_hash="h")
    sheet = ScoreSheet.objects.create(panel=panel, expert=expert, person=world.person)
    evaluation = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, title="测评"),
        candidates=[(world.person, "")],
    )
    inspection = Inspection.objects.create(
        campaign=campaign, person=world.person, position=campaign.deputy
    )
    decision = decision_record(
        actor="t",
        body=campaign.leading_group,
        subject="拟聘",
        kind="proposal",
        on=date(2025, 7, 1),
        present=list(campaign.leading_group.members.all()),
        vote=Vote(4),
    )
    proposal = Proposal.objects.create(
        campaign=campaign,
        inspection=inspection,
        person=world.person,
        position=campaign.deputy,
        decision=decision,
        status="proposed",
    )
    notice = Notice.objects.create(
        campaign=campaign,
        starts_on=date(2025, 7, 2),
        ends_on=date(2025, 7, 7),
        contact="c",
        published_at=timezone.now(),
    )
    programme = reserve_plan.programme_create(
        actor="t",
        programme=Programme(
            organisation=world.school,
            title="后备干部培养计划",
            reference_date=date(2024, 3, 1),
            recommendation_opens=date(2024, 3, 1),
            recommendation_closes=date(2024, 3, 5),
        ),
    )
    third = make_person(world.school, "A003", "赵老师")
    reserve_plan.leading_group_set(
        actor="t",
        programme=programme,
        members=[(p, "member") for p in (world.person, world.colleague, third)],
    )
    reserve_plan.programme_publish(actor="t", programme=programme)
    recommendation = reserve_recommendation.recommend(
        actor="t",
        programme=programme,
        person=world.person,
        tier=programme.tiers.first(),
        channel="self",
        reason="r",
        on=date(2024, 3, 1),
    )
    reserve_recommendation.recommendation_close(actor="t", programme=programme)
    # Decided, so that the pages of a reserve cadre's cultivation have one to show.
    reserve_plan.committee_set(
        actor="t",
        programme=programme,
        members=[(p, "member") for p in (world.person, world.colleague, third)],
    )
    reserve_selection.sheet_save(
        actor="t",
        sheet=programme.sheets.get(person=world.person),
        criteria_met=[True] * len(programme.criteria),
        staff_opinion="",
        conduct="",
        remarks="",
        proposed_tier=programme.tiers.first(),
    )
    reserve_selection.list_submit(actor="t", programme=programme)
    members = list(programme.committee.members.all())
    reserve_selection.committee_decide(
        actor="t",
        programme=programme,
        chosen=[(world.person, programme.tiers.first())],
        meeting=Meeting(
            "确定人选",
            date(2024, 3, 14),
            members,
            Vote(2),
            [m for m in members if m.person_id == world.person.pk],
        ),
    )
    cadre = ReserveCadre.objects.get(programme=programme)
    rotation = Rotation.objects.create(
        cadre=cadre, department=world.department, starts=date(2024, 4, 1)
    )
    activity = Activity.objects.create(
        cadre=cadre, kind="study", date=date(2024, 4, 2), topic="学习", hours=2
    )
    backfill = Backfill.objects.create(
        programme=programme,
        tier=programme.tiers.first(),
        person=world.colleague,
        source="new",
        reason="r",
        proposal=decision,
    )
    return {
        "cadre": cadre.pk,
        "rotation": rotation.pk,
        "mentorship": Mentorship.objects.create(
            cadre=cadre,
            mentor=world.colleague,
            starts=date(2024, 3, 14),
            ends=date(2025, 3, 13),
            goals="g",
        ).pk,
        "activity": activity.pk,
        "material": Material.objects.create(
            cadre=cadre,
            kind="notes",
            title="t",
            name="a.pdf",
            content_type="application/pdf",
            size=8,
            content=b"%PDF-1.4",
        ).pk,
        "backfill": backfill.pk,
        "programme": programme.pk,
        "tier": programme.tiers.first().pk,
        "recommendation": recommendation.pk,
        "inspection": inspection.pk,
        "inspection_file": InspectionAttachment.objects.create(
            inspection=inspection,
            name="a.pdf",
            content_type="application/pdf",
            size=1,
            content=b"x",
        ).pk,
        "proposal": proposal.pk,
        "objection": Objection.objects.create(
            notice=notice, content="x", received_at=timezone.now()
        ).pk,
        "sheet": sheet.pk,
        "evaluation": evaluation.pk,
        "batch": PaperBatch.objects.create(evaluation=evaluation, kind="ballots", label="1").pk,
        "campaign": campaign.pk,
        "department": world.department.pk,
        "membership": Membership.objects.get(user=world.users["teacher"]).pk,
        "org_position": world.position.pk,
        "person": world.person.pk,
        "post": PostHistory.objects.filter(person=world.person).first().pk,
        "upload": RosterUpload.objects.create(
            organisation=world.school, filename="x.xlsx", content=b""
        ).pk,
        "application": application.pk,
        "attachment": Attachment.objects.get().pk,
        "candidacy": Candidacy.objects.get().pk,
        "nomination": Nomination.objects.get().pk,
        "position": campaign.deputy.pk,
        "stage": campaign.stages.get().pk,
        "rule": campaign.rules.first().pk,
    }


def fill(route, world, objects):
    owner = next(
        (
            key
            for kind, key in (
                ("ballot", "evaluation"),
                ("campaign", "campaign"),
                ("department", "department"),
                ("position", "org_position"),
                ("account", "membership"),
            )
            if f"/{kind}s/<int:pk>" in route
        ),
        "programme" if "/reserve/<int:pk>" in route else "person",
    )
    values = {
        "<slug:code>": world.school.code,
        "<int:pk>": objects[owner],
        "<int:record_pk>": objects["post"],
        "<int:upload_pk>": objects["upload"],
        "<slug:part>": "position",
        "<int:part_pk>": objects[
            next((k for k in ("stage", "rule") if f"/{k}s/" in route), "position")
        ],
        # A step each kind of object has: a ballot is opened, the others published.
        "<slug:step>": "open" if "/ballots/" in route else "publish",
        "<slug:channel>": "peer",
        "<int:attachment_pk>": objects["attachment"],
        "<int:nomination_pk>": objects["nomination"],
        "<int:candidacy_pk>": objects["candidacy"],
        "<int:application_pk>": objects["application"],
        "<int:batch_pk>": objects["batch"],
        "<int:sheet_pk>": objects["sheet"],
        "<int:inspection_pk>": objects["inspection"],
        "<int:file_pk>": objects["inspection_file"],
        "<int:proposal_pk>": objects["proposal"],
        "<int:objection_pk>": objects["objection"],
        "<slug:kind>.docx": "application_form.docx",
        "<slug:kind>/": "application_form/" if "/documents/" in route else "post/",
    }
    if "/reserve/" in route:
        values["<slug:part>"] = "tier"
        values["<int:part_pk>"] = objects["tier"]
        values["<slug:kind>.<slug:fmt>"] = "list.docx"
        values["<slug:body>"] = "committee"
        values["<int:rec_pk>"] = objects["recommendation"]
        values["<int:tier_pk>"] = objects["tier"]
        values["<int:person_pk>"] = objects["person"]
        values["<int:cadre_pk>"] = objects["cadre"]
        values["<slug:arrangement>"] = "rotation"
        values["<int:activity_pk>"] = objects["activity"]
        values["<int:material_pk>"] = objects["material"]
        values["<int:backfill_pk>"] = objects["backfill"]
        if "/cadres/" in route:
            values["<slug:kind>/"] = "study/"
            values["<int:part_pk>"] = objects[
                "mentorship" if "/mentoring/" in route else "rotation"
            ]
    if "/appointment/" in route:
        values["<slug:kind>.docx"] = "letter.docx"
    values["<slug:fmt>"] = "docx"
    for token, value in values.items():
        route = route.replace(token, str(value))
    assert "<" not in route, f"teach this test the parameter of {route}"
    return "/" + route
