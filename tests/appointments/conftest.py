"""A campaign carried from the shortlist to the appointment, one fixture per stage."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from cadre.appointments.models import Inspection, Notice
from cadre.appointments.services import approval, inspection, notice
from cadre.decisions.services import Vote, decision_record
from cadre.panels import services as panels
from tests.panels.conftest import english, reviewed  # noqa: F401 (shared fixtures)

TZ = ZoneInfo("Asia/Shanghai")
FULL = {"political": "20", "organising": "20", "managing": "20", "coordinating": "20"}
FINDINGS = {
    "group_leader": "党总支书记",
    "group_members": "组织委员、纪检委员",
    "talks": 25,
    "opinion_forms": 40,
    "documents_reviewed": True,
    "candidate_talk": True,
    "findings": "政治立场坚定，工作认真负责，群众基础好。",
    "conclusion": Inspection.Conclusion.SUITABLE,
}


def at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=TZ)


def lg_decision(campaign, subject="决定", kind="t", on=date(2025, 7, 1), vote=None):
    return decision_record(
        actor="t",
        body=campaign.leading_group,
        subject=subject,
        kind=kind,
        on=on,
        present=list(campaign.leading_group.members.all()),
        vote=vote or Vote(4),
    )


@pytest.fixture
def inspecting(reviewed, world):  # noqa: F811
    """甲 and 乙 passed the evaluation and are shortlisted for the deputy's post (two places
    for one post); 丙 fell below two-thirds."""
    c = reviewed
    panel = panels.panel_create(actor=world.users["school_admin"], campaign=c)
    panels.questions_set(actor="t", panel=panel, questions={}, places={str(c.deputy.pk): "2"})
    experts = [
        panels.expert_add(actor="t", panel=panel, name=f"专家{i}", affiliation="市教科院")[0]
        for i in range(5)
    ]
    panels.panel_open(actor="t", panel=panel)
    for expert in experts:
        for person, political in zip(c.people, ("22", "18", "25"), strict=True):
            panels.sheet_save(
                expert=expert,
                person=person,
                raw_points={**FULL, "political": political},
                submit=True,
                signature=expert.name,
            )
    panels.panel_close(actor="t", panel=panel)
    panels.shortlist_confirm(
        actor="t", panel=panel, decision=lg_decision(c, "考察对象", "shortlist", date(2025, 6, 30))
    )
    c.refresh_from_db()
    return c


def conclude_all(campaign, actor="t"):
    for i in campaign.inspections.all():
        inspection.inspection_save(actor=actor, inspection=i, data=FINDINGS, conclude=True)


@pytest.fixture
def proposed(inspecting):
    """甲 proposed by 4 votes of 4, 乙 not (1 of 4)."""
    c = inspecting
    conclude_all(c)
    members = list(c.leading_group.members.all())
    by_name = {i.person.name: i for i in c.inspections.all()}
    inspection.proposals_decide(
        actor="t",
        campaign=c,
        on=date(2025, 7, 1),
        present=members,
        items=[
            inspection.Item(by_name["甲"], Vote(4), []),
            inspection.Item(by_name["乙"], Vote(1, 3), []),
        ],
    )
    c.refresh_from_db()
    return c


@pytest.fixture
def on_notice(proposed):
    """On notice from 2025-07-02 for five calendar days, the first not counted: to 07-07."""
    notice.notice_publish(
        actor="t",
        campaign=proposed,
        starts_on=date(2025, 7, 2),
        days=5,
        counting=Notice.Counting.CALENDAR,
        first_day_counts=False,
        contact="党总支书记室，电话 0519-12345678",
        now=at(2025, 7, 2, 9),
    )
    proposed.refresh_from_db()
    return proposed


def joint_meeting(campaign, world, on=date(2025, 7, 8), vote=None):
    people = [m.person for m in campaign.leading_group.members.all()] + [world.colleague]
    body = approval.joint_meeting_set(
        actor="t", campaign=campaign, members=[(p, "member") for p in people]
    )
    return decision_record(
        actor="t",
        body=body,
        subject="聘任中层干部",
        kind="approval",
        on=on,
        present=list(body.members.all()),
        vote=vote or Vote(5),
    )


@pytest.fixture
def approved(on_notice, world):
    approval.approval_record(
        actor="t",
        campaign=on_notice,
        decision=joint_meeting(on_notice, world),
        today=date(2025, 7, 8),
    )
    on_notice.refresh_from_db()
    return on_notice


@pytest.fixture
def appointed(approved):
    approval.report_record(
        actor="t", campaign=approved, reported_on=date(2025, 7, 8), reference="附中〔2025〕9号"
    )
    for p in approved.proposals.filter(status="approved"):
        approval.division_save(
            actor="t", proposal=p, division_of_work="分管学校宣传工作和档案工作。", term_years=3
        )
    approval.appointment_complete(actor="t", campaign=approved, appointed_on=date(2025, 8, 1))
    approved.refresh_from_db()
    return approved
