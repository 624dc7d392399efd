from datetime import date, timedelta

import pytest
from django.utils import translation

from cadre.ballots.models import Evaluation
from cadre.ballots.services import (
    ballot_cast,
    codes_issue,
    evaluation_close,
    evaluation_create,
    evaluation_open,
)
from cadre.campaigns.models import Candidacy, Rule
from cadre.campaigns.services import plan, registration, review
from cadre.decisions.services import Vote, decision_record
from tests.campaigns.factories import campaign_published, class_teacher
from tests.conftest import make_person


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def reviewed(world):
    """A campaign whose three deputy candidates were found qualified, and whose democratic
    evaluation closed with 甲 and 乙 above two-thirds and 丙 below."""
    c = campaign_published(world)
    people = []
    for i, name in enumerate(("甲", "乙", "丙")):
        p = make_person(world.school, f"C{i}", name, birth_date=date(1986, 1, 1))
        class_teacher(p, date(2015, 9, 1))
        app = registration.application_save(
            actor="t",
            campaign=c,
            person=p,
            positions=[c.deputy],
            accepts_reassignment=False,
            achievements="",
            strengths="s",
            work_plan="w",
        )
        registration.application_submit(actor="t", application=app, pledge=True)
        people.append(p)
    plan.campaign_close_registration(
        actor="t", campaign=c, now=c.registration_deadline + timedelta(minutes=1)
    )
    manual = {str(r.pk): {"met": True, "note": ""} for r in c.rules.filter(kind=Rule.Kind.MANUAL)}
    for cand in Candidacy.objects.filter(application__campaign=c):
        review.candidacy_review(
            actor=None, candidacy=cand, attestations=manual, result="qualified", reason=""
        )
    members = list(c.leading_group.members.all())
    decision = decision_record(
        actor="t",
        body=c.leading_group,
        subject="名单",
        kind="candidate_list",
        on=date(2025, 6, 26),
        present=members,
        vote=Vote(4),
    )
    review.campaign_confirm_candidates(actor="t", campaign=c, decision=decision)
    e = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, campaign=c, title="测评"),
        candidates=[(p, "") for p in people],
    )
    codes = codes_issue(actor="t", evaluation=e, count=3)
    evaluation_open(actor="t", evaluation=e)
    e.refresh_from_db()
    keys = [cand.key for cand in e.candidates.all()]
    for code, marks in zip(
        codes,
        [
            ("satisfied", "satisfied", "unsatisfied"),
            ("basic", "satisfied", "unsatisfied"),
            ("unsatisfied", "basic", "satisfied"),
        ],
        strict=True,
    ):
        ballot_cast(evaluation=e, code=code, marks=dict(zip(keys, marks, strict=True)))
    evaluation_close(actor="t", evaluation=e)
    c.refresh_from_db()
    c.people = people
    return c
