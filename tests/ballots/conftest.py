import pytest
from django.utils import translation

from cadre.ballots.models import Evaluation
from cadre.ballots.services import codes_issue, evaluation_create, evaluation_open
from tests.conftest import make_person


@pytest.fixture(autouse=True)
def english():
    """These tests read the services' messages, written as English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def evaluation(world):
    """An open evaluation of three candidates, with 20 codes issued (kept on .codes)."""
    people = [world.person, world.colleague, make_person(world.school, "A003", "王老师")]
    e = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, title="中层干部竞聘民主测评", entitled=60),
        candidates=[(p, "党政办公室副主任") for p in people],
    )
    e.codes = codes_issue(actor="t", evaluation=e, count=20)
    evaluation_open(actor="t", evaluation=e)
    e.refresh_from_db()
    e.keys = [c.key for c in e.candidates.all()]
    return e
