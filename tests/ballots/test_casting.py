import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, models
from django.test import Client
from django.urls import reverse

from cadre.audit.models import AuditEntry
from cadre.ballots import services
from cadre.ballots.models import (
    Ballot,
    CodeBatch,
    Evaluation,
    PaperBatch,
    Tracker,
    VotingCode,
)
from cadre.ballots.services import BallotRefused, ballot_cast, evaluation_close


def vote(e, code, *marks):
    return ballot_cast(evaluation=e, code=code, marks=dict(zip(e.keys, marks, strict=False)))


def test_a_code_casts_one_ballot_and_the_voter_gets_a_tracker(evaluation):
    tracker = vote(evaluation, evaluation.codes[0], "satisfied", "basic", "unsatisfied")
    assert len(tracker) == 11
    assert Ballot.objects.get().marks == dict(
        zip(evaluation.keys, ["satisfied", "basic", "unsatisfied"], strict=True)
    )
    assert Tracker.objects.get().value == tracker
    with pytest.raises(BallotRefused, match="already been used"):
        vote(evaluation, evaluation.codes[0], "unsatisfied")
    assert Ballot.objects.count() == 1


def test_codes_are_typed_loosely_but_guesses_fail(evaluation):
    vote(evaluation, evaluation.codes[1].lower().replace("-", " "), "satisfied")
    with pytest.raises(BallotRefused, match="not valid"):
        vote(evaluation, "ABCD-EFGH-JKMN", "satisfied")
    assert Ballot.objects.count() == 1


def test_reprinting_voids_the_old_codes(evaluation):
    new = services.codes_issue(actor="t", evaluation=evaluation, count=5)
    with pytest.raises(BallotRefused, match="voided"):
        vote(evaluation, evaluation.codes[0], "satisfied")
    vote(evaluation, new[0], "satisfied")
    assert CodeBatch.objects.filter(voided=True).count() == 1
    assert AuditEntry.objects.filter(action="evaluation.codes_reissue").exists()


def test_nothing_is_stored_once_voting_is_closed(evaluation):
    vote(evaluation, evaluation.codes[0], "satisfied")
    evaluation_close(actor="t", evaluation=evaluation)
    evaluation.refresh_from_db()
    with pytest.raises(BallotRefused, match="not open"):
        vote(evaluation, evaluation.codes[1], "satisfied")
    assert Ballot.objects.count() == 1


def test_a_failure_between_spending_and_storing_leaves_neither(evaluation, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("power cut")

    monkeypatch.setattr(services, "_store", crash)
    with pytest.raises(RuntimeError):
        vote(evaluation, evaluation.codes[0], "satisfied")
    assert not Ballot.objects.exists() and not Tracker.objects.exists()
    assert not VotingCode.objects.filter(spent=True).exists()


def test_the_schema_links_a_ballot_to_no_code_voter_or_time():
    for model in (Ballot, Tracker):
        fields = {f.name: f for f in model._meta.get_fields() if f.concrete}
        assert isinstance(fields["id"], models.UUIDField)  # random, not a sequence
        assert not any(
            isinstance(f, models.DateField | models.DateTimeField | models.AutoField)
            for f in fields.values()
        )
        related = {f.related_model for f in fields.values() if f.is_relation}
        assert related == {Evaluation}
        assert not model._meta.indexes
    assert {f.name for f in Ballot._meta.concrete_fields} == {"id", "evaluation", "marks"}
    assert {f.name for f in Tracker._meta.concrete_fields} == {"id", "evaluation", "value"}
    code_fields = {f.name for f in VotingCode._meta.concrete_fields}
    assert code_fields == {"id", "evaluation", "batch", "code_hash", "spent"}


def test_casting_writes_nothing_to_the_audit_trail(evaluation):
    before = AuditEntry.objects.count()
    vote(evaluation, evaluation.codes[0], "satisfied")
    assert AuditEntry.objects.count() == before


def _physical_order(evaluation):
    order = "rowid" if connection.vendor == "sqlite" else "ctid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT marks FROM ballots_ballot ORDER BY {order}")
        return [json.loads(m) if isinstance(m, str) else m for (m,) in cursor.fetchall()]


def test_closing_forgets_the_order_of_casting(evaluation):
    cast = []
    for i, code in enumerate(evaluation.codes):
        marks = [["satisfied", "basic", "unsatisfied", ""][(i >> s) & 3] for s in (0, 2, 4)]
        vote(evaluation, code, *marks)
        cast.append(dict(zip(evaluation.keys, marks, strict=True)))
    ids = set(Ballot.objects.values_list("id", flat=True))
    assert _physical_order(evaluation) == cast  # before closing, the table keeps the order
    evaluation_close(actor="t", evaluation=evaluation)
    after = _physical_order(evaluation)
    assert sorted(map(json.dumps, after)) == sorted(map(json.dumps, cast))
    assert after != cast  # 20 ballots: the chance of the same order is 1 in 20!
    assert not ids & set(Ballot.objects.values_list("id", flat=True))


def test_the_bulletin_board_recounts_and_a_tampered_one_does_not(evaluation, tmp_path, capsys):
    for code, marks in zip(
        evaluation.codes[:6], ["sss", "sbu", "uuu", "bbs", "s u", "sss"], strict=True
    ):
        m = {"s": "satisfied", "b": "basic", "u": "unsatisfied", " ": ""}
        vote(evaluation, code, *(m[x] for x in marks))
    trackers = set(Tracker.objects.values_list("value", flat=True))
    keys = evaluation.keys
    board = evaluation_close(actor="t", evaluation=evaluation).board
    assert set(board["trackers"]) == trackers and board["trackers"] == sorted(trackers)
    assert board["reconciliation"]["codes_issued"] == 20
    assert board["reconciliation"]["codes_used"] == 6 == len(board["ballots"])
    first = board["tally"][keys[0]]
    assert first["counts"] == {"basic": 1, "satisfied": 4, "unsatisfied": 1}
    assert first["passed"] is True and first["rate"] == "5/6"
    path = tmp_path / "board.json"
    path.write_bytes(services.board_bytes(board))
    call_command("ballots", "recount", str(path))
    assert "recount agrees" in capsys.readouterr().out
    flipped = "unsatisfied" if board["ballots"][0][keys[0]] == "satisfied" else "satisfied"
    board["ballots"][0] = {**board["ballots"][0], keys[0]: flipped}
    path.write_bytes(services.board_bytes(board))
    with pytest.raises(CommandError, match="differs"):
        call_command("ballots", "recount", str(path))


def test_paper_ballots_count_after_a_second_matching_entry(evaluation, world):
    k = evaluation.keys
    batch = PaperBatch.objects.create(evaluation=evaluation, kind="ballots", label="票箱1")
    first = [{k[0]: "satisfied", k[1]: "*", k[2]: ""}, {k[0]: "unsatisfied"}]
    services.paper_enter(actor=world.users["school_admin"], batch=batch, data=first)
    services.paper_enter(
        actor=world.users["leader"], batch=batch, data=[{k[0]: "satisfied"}, {k[0]: "unsatisfied"}]
    )
    batch.refresh_from_db()
    assert not batch.confirmed  # the two entries differ
    services.paper_enter(actor=world.users["leader"], batch=batch, data=first)
    batch.refresh_from_db()
    assert batch.confirmed
    vote(evaluation, evaluation.codes[0], "satisfied", "satisfied", "satisfied")
    evaluation = evaluation_close(actor="t", evaluation=evaluation)
    t = evaluation.board["tally"]
    assert t[k[0]]["electronic"] == {"satisfied": 1}
    assert t[k[0]]["paper"] == {"satisfied": 1, "unsatisfied": 1}
    assert t[k[1]]["spoiled"] == 1 and t[k[2]]["blank"] == 2
    assert evaluation.board["reconciliation"]["paper_ballots"] == 2


@pytest.mark.django_db(transaction=True)
def test_three_hundred_concurrent_casts_with_reused_codes_store_one_ballot_per_code(world):
    from cadre.ballots.services import codes_issue, evaluation_create, evaluation_open

    e = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, title="并发测试"),
        candidates=[(world.person, "")],
    )
    codes = codes_issue(actor="t", evaluation=e, count=10)
    evaluation_open(actor="t", evaluation=e)
    e.refresh_from_db()
    key = e.candidates.get().key

    def attempt(i):
        try:
            ballot_cast(evaluation=e, code=codes[i % 10], marks={key: "satisfied"})
            return "ok"
        except BallotRefused:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=30) as pool:
        outcomes = list(pool.map(attempt, range(300)))
    assert outcomes.count("ok") == 10 and outcomes.count("refused") == 290
    assert Ballot.objects.filter(evaluation=e).count() == 10
    assert Tracker.objects.filter(evaluation=e).count() == 10
    assert VotingCode.objects.filter(evaluation=e, spent=True).count() == 10


def test_the_ballot_page_sets_no_cookie_and_needs_no_login(evaluation, client):
    url = reverse("vote", args=[evaluation.public_id])
    page = client.get(url)
    assert page.status_code == 200 and not page.cookies
    data = {"code": evaluation.codes[0], f"c{evaluation.keys[0]}": "satisfied"}
    review = client.post(url, data)
    assert review.status_code == 200 and not Ballot.objects.exists()  # confirmation first
    cast = client.post(url, {**data, "step": "cast"})
    assert cast.status_code == 200 and not cast.cookies
    assert Ballot.objects.count() == 1
    assert Tracker.objects.get().value in cast.content.decode()


def test_guessing_codes_is_stopped_per_client(evaluation, client):
    url = reverse("vote", args=[evaluation.public_id])
    from cadre.ballots.vote import FAILURES_ALLOWED

    for _ in range(FAILURES_ALLOWED):
        client.post(url, {"code": "AAAA-AAAA-AAAA", "step": "cast"})
    response = client.post(
        url, {"code": evaluation.codes[0], "step": "cast", f"c{evaluation.keys[0]}": "satisfied"}
    )
    assert response.status_code == 429 and not Ballot.objects.exists()


def test_the_access_log_leaves_out_the_voters_pages():
    from types import SimpleNamespace
    from unittest import mock

    from cadre.core.gunicorn import CadreLogger

    logger = CadreLogger(
        SimpleNamespace(
            errorlog="-",
            loglevel="info",
            accesslog=None,
            access_log_format="%(h)s %(r)s",
            capture_output=False,
            syslog=False,
            disable_redirect_access_to_syslog=True,
            logconfig_dict={},
            logconfig=None,
            logconfig_json=None,
            user=0,
            group=0,
            syslog_addr=None,
            syslog_prefix=None,
            syslog_facility="user",
            umask=0,
            statsd_host=None,
            dogstatsd_tags="",
            statsd_prefix="",
        )
    )
    with mock.patch("gunicorn.glogging.Logger.access") as access:
        logger.access(None, None, {"PATH_INFO": "/v/abc/"}, 0)
        logger.access(None, None, {"PATH_INFO": "/o/czfz/"}, 0)
    assert access.call_count == 1


def test_a_recommendation_ballot_chooses_at_most_k_names(world):
    from cadre.ballots.services import codes_issue, evaluation_create, evaluation_open
    from tests.conftest import make_person

    people = [world.person, world.colleague, make_person(world.school, "A009", "赵老师")]
    e = evaluation_create(
        actor="t",
        evaluation=Evaluation(
            organisation=world.school, title="后备干部民主推荐", kind="choose", max_choices=2
        ),
        candidates=[(p, "") for p in people],
    )
    codes = codes_issue(actor="t", evaluation=e, count=3)
    evaluation_open(actor="t", evaluation=e)
    e.refresh_from_db()
    keys = [c.key for c in e.candidates.all()]
    with pytest.raises(BallotRefused, match="at most 2"):
        ballot_cast(evaluation=e, code=codes[0], marks=keys)
    ballot_cast(evaluation=e, code=codes[0], marks=keys[:2])
    ballot_cast(evaluation=e, code=codes[1], marks=[keys[0]])
    board = evaluation_close(actor="t", evaluation=e).board
    assert board["tally"] == {"votes": {keys[0]: 2, keys[1]: 1, keys[2]: 0}, "spoiled": 0}


def test_the_outcome_feeds_the_campaign(world):
    from cadre.ballots.services import (
        codes_issue,
        evaluation_create,
        evaluation_open,
        evaluation_outcomes,
        passed,
    )
    from tests.campaigns.factories import campaign_published

    campaign = campaign_published(world)
    e = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, campaign=campaign, title="测评"),
        candidates=[(world.person, ""), (world.colleague, "")],
    )
    codes = codes_issue(actor="t", evaluation=e, count=3)
    evaluation_open(actor="t", evaluation=e)
    e.refresh_from_db()
    a, b = (c.key for c in e.candidates.all())
    assert passed(e, world.person) is None and evaluation_outcomes(campaign) == {}
    for code, marks in zip(
        codes,
        [("satisfied", "unsatisfied"), ("basic", "unsatisfied"), ("unsatisfied", "satisfied")],
        strict=True,
    ):
        ballot_cast(evaluation=e, code=code, marks={a: marks[0], b: marks[1]})
    e = evaluation_close(actor="t", evaluation=e)
    assert passed(e, world.person) is True  # 2 of 3: two-thirds, inclusive
    assert passed(e, world.colleague) is False  # 1 of 3
    outcomes = evaluation_outcomes(campaign)
    assert outcomes[world.person.pk] == {"passed": True, "percent": "66.67", "score": "53.33"}
    assert outcomes[world.colleague.pk]["passed"] is False


def test_more_ballots_than_people_checked_in_is_flagged_on_the_board(evaluation, world, tmp_path):
    """Two people were checked in and three ballots cast: the board and the office's page say
    the reconciliation does not add up, and so does a recount of the downloaded board."""
    for code in evaluation.codes[:3]:
        vote(evaluation, code, "satisfied", "satisfied", "satisfied")
    for person in (world.person, world.colleague):
        services.check_in(actor="t", evaluation=evaluation, person=person)
    board = evaluation_close(actor="t", evaluation=evaluation).board
    warning = "投出的选票多于签到人数。"
    public = Client().get(reverse("board", args=[evaluation.public_id])).content.decode()
    assert "data-discrepancies" in public and warning in public
    office = world.client("school_admin").get(
        reverse("ballots:detail", args=[world.school.code, evaluation.pk])
    )
    assert warning in office.content.decode()
    path = tmp_path / "board.json"
    path.write_bytes(services.board_bytes(board))
    with pytest.raises(CommandError, match="More ballots were cast than people"):
        call_command("ballots", "recount", str(path))


def test_a_board_that_adds_up_shows_no_warning(evaluation, world):
    vote(evaluation, evaluation.codes[0], "satisfied", "basic", "unsatisfied")
    services.check_in(actor="t", evaluation=evaluation, person=world.person)
    evaluation_close(actor="t", evaluation=evaluation)
    public = Client().get(reverse("board", args=[evaluation.public_id])).content.decode()
    assert "data-discrepancies" not in public
