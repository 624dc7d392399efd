"""A campaign with positions, conditions and applications, written straight to the database.

The campaign services enforce the timetable (registration open, then closed); these helpers
skip it so that a test can set up any state in a few lines.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone
from docx import Document

from cadre.campaigns.models import (
    Application,
    Campaign,
    CampaignPosition,
    Candidacy,
    Exemption,
    Rule,
)
from cadre.campaigns.services.registration import profile_of
from cadre.campaigns.services.review import candidacy_verdicts
from cadre.decisions.models import Body, Decision
from cadre.orgs.models import Department

SUBMITTED_AT = timezone.make_aware(datetime(2025, 6, 10, 9, 30))
REVIEWED_AT = timezone.make_aware(datetime(2025, 6, 24, 15, 0))


@dataclass
class Setup:
    campaign: Campaign
    head: CampaignPosition  # 党政办公室主任, a head post
    deputy: CampaignPosition  # 课程教学中心副主任, a deputy post
    rules: dict  # by kind


def make_campaign(world) -> Setup:
    campaign = Campaign.objects.create(
        organisation=world.school,
        title="2025年中层干部竞聘",
        reference_date=date(2025, 6, 30),
        registration_opens=timezone.make_aware(datetime(2025, 6, 3)),
        registration_deadline=timezone.make_aware(datetime(2025, 6, 22, 17)),
        status=Campaign.Status.REGISTRATION_CLOSED,
        leading_group=Body.objects.create(organisation=world.school, name="竞聘工作领导小组"),
    )
    centre = Department.objects.create(organisation=world.school, name="课程教学中心", order=2)
    head = CampaignPosition.objects.create(
        campaign=campaign,
        department=world.department,
        title="党政办公室主任",
        level="head",
        order=1,
    )
    deputy = CampaignPosition.objects.create(
        campaign=campaign, department=centre, title="课程教学中心副主任", level="deputy", order=2
    )
    rules = {
        "birth_cutoff": add_rule(
            campaign,
            "45周岁以下（1980年1月1日后出生）",
            "birth_cutoff",
            {"cutoff": "1980-01-01"},
        ),
        "political_status": add_rule(
            campaign, "中共党员", "political_status", {"allowed": ["中共党员"]}, levels=["head"]
        ),
        "min_education": add_rule(
            campaign, "大学本科及以上学历", "min_education", {"level": "大学本科"}
        ),
        "manual": add_rule(
            campaign, "政治素质好，事业心强", "manual", {"text": "政治素质好，事业心强"}
        ),
    }
    return Setup(campaign, head, deputy, rules)


def add_rule(campaign, label, kind, params, levels=()) -> Rule:
    return Rule.objects.create(
        campaign=campaign,
        label=label,
        kind=kind,
        params=params,
        levels=list(levels),
        order=campaign.rules.count(),
    )


def apply(campaign, person, positions, *, status=Application.Status.SUBMITTED, **fields):
    """An application naming the positions in order of preference."""
    submitted = status != Application.Status.DRAFT
    application = Application.objects.create(
        campaign=campaign,
        person=person,
        status=status,
        accepts_reassignment=fields.pop("accepts_reassignment", True),
        achievements=fields.pop("achievements", "主持区级课题一项。"),
        strengths=fields.pop("strengths", "熟悉学校办公室工作。"),
        work_plan=fields.pop("work_plan", "一、完善制度。\n二、提高效率。"),
        pledge=submitted,
        profile=profile_of(person) if submitted else {},
        submitted_at=SUBMITTED_AT if submitted else None,
        **fields,
    )
    for rank, position in enumerate(positions, start=1):
        Candidacy.objects.create(application=application, position=position, rank=rank)
    return application


def leading_group_decision(campaign, on=date(2025, 6, 24)) -> Decision:
    return Decision.objects.create(
        body=campaign.leading_group,
        subject="放宽竞聘条件",
        kind="exemption",
        date=on,
        votes_for=5,
        outcome=Decision.Outcome.APPROVED,
    )


def exempt(candidacy, rule, reason, decision) -> Exemption:
    return Exemption.objects.create(
        candidacy=candidacy, rule=rule, reason=reason, decision=decision
    )


def review(candidacy, reviewer, result=Candidacy.Result.QUALIFIED, reason="", attested=None):
    """Record a review as the review service would, keeping the verdicts seen.

    attested: {rule: note} for manual conditions the reviewer found met.
    """
    candidacy.attestations = {
        str(rule.pk): {"met": True, "note": note} for rule, note in (attested or {}).items()
    }
    candidacy.verdicts = candidacy_verdicts(candidacy)
    candidacy.result, candidacy.reason = result, reason
    candidacy.reviewed_by, candidacy.reviewed_at = reviewer, REVIEWED_AT
    candidacy.save()
    return candidacy


def docx_with(*paragraphs: str) -> bytes:
    """A minimal Word file, as a school might make one in Word."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_text(content: bytes) -> str:
    """Every paragraph of a Word file, table cells included, one per line."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:  # a merged cell is listed once per grid column
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)
