"""The server killed in the middle of a ballot burst loses no accepted ballot, and spends no
code without its ballot.

A real `cadre serve` (gunicorn, two workers) on its own database takes a burst of voters going
through the ballot page as a browser does (the page, the confirmation step, the cast). Once a
third of them hold a receipt, the whole process group gets SIGKILL: master and workers die
wherever they are, some of them half-way through a cast. With the server dead, the database
must hold every receipt's tracker and every receipted ballot, and exactly one ballot per spent
code. Voters whose cast went unanswered may retry after the restart: each is either counted
then or told his code is spent, as the database says, and nobody votes twice. The closed
bulletin board then lists every receipt.

The server cannot see pytest-django's test database, so it gets a database of its own: a
SQLite file under tmp_path, or, when DATABASE_URL is set, a scratch database on that
PostgreSQL server. The steps that need the ORM in that database (setting up, reading the
record after the kill, closing) run in a fresh interpreter: `python -m tests.ballots.test_crash
STEP`, with the step's input as JSON on stdin and its output as JSON on stdout; so this module
imports the product's models only inside functions, after Django is set up.
"""

import contextlib
import hashlib
import html
import http.client
import json
import os
import queue
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
VOTERS = 300
CANDIDATES = 4
CLIENTS = 16  # concurrent voters; two workers, so casts queue and are in flight at the kill
KILL_AFTER = VOTERS // 3  # receipts received before the kill
RETRIES = 5  # per group after the restart: receipted voters again, voters not yet cast
MARKS = ("satisfied", "basic", "unsatisfied", "")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
# The language switch's cookie: the voter's page in English, to read its messages as msgids.
ENGLISH = {"Cookie": "django_language=en"}
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
TRACKER = re.compile(r"data-tracker>\s*([A-Z0-9]{5}-[A-Z0-9]{5})\s*<")
FLASH_ERROR = re.compile(r'flash-error" role="alert">([^<]*)<')
SPENT = "This code has already been used."


# ---------------------------------------------------------------- steps in the server's database


def _step_setup(voters: int) -> dict:
    """Migrate the empty database and open an evaluation with `voters` codes."""
    from datetime import date

    from django.core.management import call_command

    from cadre.ballots.models import Evaluation
    from cadre.ballots.services import codes_issue, evaluation_create, evaluation_open
    from cadre.orgs.models import Organisation
    from cadre.people.models import Person

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the cache counts wrong codes per client
    org = Organisation.objects.create(code="crash", name="断电测试中学", kind="school")
    people = [
        Person.objects.create(
            organisation=org,
            staff_no=f"C{i:03d}",
            name=f"候选人{i}",
            gender="女",
            birth_date=date(1985, 1, i),
            education="大学本科",
        )
        for i in range(1, CANDIDATES + 1)
    ]
    evaluation = evaluation_create(
        actor="test",
        evaluation=Evaluation(organisation=org, title="中层干部民主测评", entitled=voters),
        candidates=[(p, "中层副职") for p in people],
    )
    codes = codes_issue(actor="test", evaluation=evaluation, count=voters)
    evaluation_open(actor="test", evaluation=evaluation)
    return {
        "public_id": evaluation.public_id,
        "codes": codes,
        "keys": [c.key for c in evaluation.candidates.all()],
    }


def _step_record(public_id: str, codes: list[str]) -> dict:
    """What the database holds: ballots, trackers, spent codes, and which of `codes` are spent
    (the test knows every plain code; the product never links a code to anything)."""
    from django.conf import settings

    from cadre.ballots import codes as ballot_codes
    from cadre.ballots.models import Ballot, Evaluation, Tracker, VotingCode

    evaluation = Evaluation.objects.get(public_id=public_id)
    key = settings.CADRE_BALLOT_KEY.encode()
    spent = set(
        VotingCode.objects.filter(evaluation=evaluation, spent=True).values_list(
            "code_hash", flat=True
        )
    )
    return {
        "ballots": list(
            Ballot.objects.filter(evaluation=evaluation).values_list("marks", flat=True)
        ),
        "trackers": list(
            Tracker.objects.filter(evaluation=evaluation).values_list("value", flat=True)
        ),
        "spent_codes": len(spent),
        "spent": [c for c in codes if ballot_codes.code_hash(key, evaluation.salt, c) in spent],
    }


def _step_close(public_id: str) -> dict:
    from cadre.ballots.models import Evaluation
    from cadre.ballots.services import evaluation_close

    evaluation = Evaluation.objects.get(public_id=public_id)
    return {"board_sha256": evaluation_close(actor="test", evaluation=evaluation).board_sha256}


STEPS = {"setup": _step_setup, "record": _step_record, "close": _step_close}


def _run_step(env: dict, step: str, **arguments) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "tests.ballots.test_crash", step],
        input=json.dumps(arguments),
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"step {step} failed:\n{result.stderr}"
    return json.loads(result.stdout.splitlines()[-1])


# ---------------------------------------------------------------- the server and its voters


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(port, method, path, fields=None, timeout=30) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        body = urlencode(fields) if fields is not None else None
        conn.request(method, path, body=body, headers={**ENGLISH, **(FORM if body else {})})
        response = conn.getresponse()
        return response.status, response.read().decode()
    finally:
        conn.close()


class Server:
    """`cadre serve` with two workers, in a process group of its own so that one signal
    reaches the gunicorn master and every worker."""

    def __init__(self, env: dict, log_path: Path):
        self.port = _free_port()
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "cadre.manage",
                    "serve",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "2",
                    "--no-migrate",  # the setup step migrated
                ],
                env=env,
                cwd=PROJECT_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def log_tail(self) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-30:])

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"the server exited:\n{self.log_tail()}"
            with contextlib.suppress(OSError, http.client.HTTPException):
                if _request(self.port, "GET", "/healthz", timeout=5)[0] == 200:
                    return
            time.sleep(0.2)
        pytest.fail(f"the server did not answer within 60 s:\n{self.log_tail()}")

    def kill(self) -> None:
        """SIGKILL to master and workers at once: no graceful shutdown, no finishing requests."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        # The workers share the listening socket: it refuses connections only once every
        # process of the group is gone.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
            except ConnectionRefusedError:
                return
            time.sleep(0.05)
        pytest.fail("a worker outlived SIGKILL to its process group")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)  # gunicorn's graceful shutdown
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def vote(port: int, path: str, code: str, marks: dict) -> tuple[str, str]:
    """One voter, as the browser goes: the ballot page, the confirmation page, then the cast
    with the confirmation form's hidden fields. Returns (outcome, detail):
    ("receipt", tracker), ("refused", message), ("not cast", why) when the server went away
    before the cast was sent, ("unanswered", why) when it went away after."""
    cast_sent = False
    try:
        status, page = _request(port, "GET", path)
        if status != 200:
            return "refused", f"ballot page answered {status}"
        status, page = _request(port, "POST", path, {"code": code, **marks})
        if status != 200 or "Cast my ballot" not in page:
            return "refused", f"confirmation answered {status}"
        fields = {name: html.unescape(value) for name, value in HIDDEN.findall(page)}
        cast_sent = True
        status, page = _request(port, "POST", path, {**fields, "step": "cast"})
    except (OSError, http.client.HTTPException) as exc:
        return ("unanswered" if cast_sent else "not cast"), type(exc).__name__
    if status == 200 and (tracker := TRACKER.search(page)):
        return "receipt", tracker.group(1)
    error = FLASH_ERROR.search(page)
    return "refused", f"{status}: {html.unescape(error.group(1)).strip() if error else page[:200]}"


def burst(server: Server, path: str, voters: list[dict]) -> tuple[list, int]:
    """Every voter from CLIENTS threads; once KILL_AFTER receipts are in, SIGKILL the server
    while the others are still voting. Returns each voter's outcome (None: never started) and
    how many receipts had arrived when the signal went."""
    jobs = queue.SimpleQueue()
    for i in range(len(voters)):
        jobs.put(i)
    outcomes: list = [None] * len(voters)
    receipts = [0]
    lock = threading.Lock()
    enough, killed = threading.Event(), threading.Event()

    def client():
        while not killed.is_set():
            try:
                i = jobs.get_nowait()
            except queue.Empty:
                return
            outcomes[i] = vote(server.port, path, voters[i]["code"], voters[i]["marks"])
            if outcomes[i][0] == "receipt":
                with lock:
                    receipts[0] += 1
                    if receipts[0] >= KILL_AFTER:
                        enough.set()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    assert enough.wait(60), f"{KILL_AFTER} receipts did not arrive:\n{server.log_tail()}"
    with lock:
        before_kill = receipts[0]
    server.kill()
    killed.set()
    for t in threads:
        t.join(60)
    return outcomes, before_kill


# ---------------------------------------------------------------- the server's database


@pytest.fixture
def server_env(tmp_path):
    """The environment of the server and of the steps: its own database and ballot key."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cadre.settings",
        "CADRE_DATA_DIR": str(tmp_path),
        "CADRE_DEBUG": "0",  # as in production: no query log, no debug pages
        "CADRE_BALLOT_KEY": secrets.token_urlsafe(32),
        "CADRE_SECRET_KEY": secrets.token_urlsafe(50),
    }
    env.pop("CADRE_REDIS_URL", None)  # its cache too: the database's, made by the setup step
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield env
        return
    import psycopg

    name = f"cadre_crash_{secrets.token_hex(6)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    env["DATABASE_URL"] = urlsplit(url)._replace(path=f"/{name}").geturl()
    try:
        yield env
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


# ---------------------------------------------------------------- the test


def test_killing_the_server_mid_burst_loses_no_accepted_ballot(server_env, tmp_path):
    log = tmp_path / "server.log"
    # The server boots while the setup step migrates: it opens the database only once asked.
    server = Server(server_env, log)
    try:
        world = _run_step(server_env, "setup", voters=VOTERS)
        path = f"/v/{world['public_id']}/"
        rng = random.Random(9)
        voters = [
            {"code": code, "marks": {f"c{k}": rng.choice(MARKS) for k in world["keys"]}}
            for code in world["codes"]
        ]
        server.wait_ready()
        outcomes, before_kill = burst(server, path, voters)
    finally:
        server.stop()

    def ballot(i):
        """Voter i's ballot as stored: every candidate's mark, by candidate key."""
        return json.dumps({k[1:]: m for k, m in voters[i]["marks"].items()}, sort_keys=True)

    by = {
        kind: [i for i, o in enumerate(outcomes) if o and o[0] == kind]
        for kind in ("receipt", "unanswered", "not cast", "refused")
    }
    receipted, in_doubt = by["receipt"], by["unanswered"]
    assert not by["refused"], [outcomes[i] for i in by["refused"]]
    # The kill came mid-burst: receipts before it, casts in flight cut off by it.
    assert before_kill >= KILL_AFTER and len(receipted) < VOTERS
    assert in_doubt, "no cast was in flight at the kill"

    # The server is dead: the record as the kill left it.
    record = _run_step(server_env, "record", public_id=world["public_id"], codes=world["codes"])
    spent = {world["codes"].index(c) for c in record["spent"]}
    trackers = [outcomes[i][1] for i in receipted]
    # Every receipt names a stored tracker, and every receipted voter's code is spent.
    assert set(trackers) <= set(record["trackers"]) and len(set(trackers)) == len(trackers)
    assert set(receipted) <= spent
    # A code is spent only by a cast the server received: receipted, or cut off by the kill
    # after it committed (the response lost); never a voter whose cast was not sent.
    assert spent <= set(receipted) | set(in_doubt)
    # One ballot and one tracker per spent code, no more, no fewer ...
    assert record["spent_codes"] == len(spent) == len(record["ballots"]) == len(record["trackers"])
    # ... and the ballots are exactly those the spent codes were cast with.
    stored = Counter(json.dumps(b, sort_keys=True) for b in record["ballots"])
    assert stored == Counter(ballot(i) for i in spent)
    assert len(receipted) <= len(record["ballots"])

    # Back up: a voter left in doubt votes again and is either counted now or told that his
    # code is spent, as the record says; receipted voters are refused; fresh codes work.
    server = Server(server_env, log)
    try:
        server.wait_ready()
        untried = [i for i, o in enumerate(outcomes) if o is None or o[0] == "not cast"]
        again = in_doubt + receipted[:RETRIES] + untried[:RETRIES]
        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = pool.map(lambda i: vote(server.port, path, **voters[i]), again)
            after = dict(zip(again, answers, strict=True))
        for i in in_doubt + receipted[:RETRIES]:
            if i in spent:
                assert after[i] == ("refused", f"400: {SPENT}")
            else:
                assert after[i][0] == "receipt"
        assert all(after[i][0] == "receipt" for i in untried[:RETRIES])
        counted = spent | {i for i in again if after[i][0] == "receipt"}
        trackers += [after[i][1] for i in again if after[i][0] == "receipt"]

        # Closed, the bulletin board lists every receipt and one ballot per used code.
        closed = _run_step(server_env, "close", public_id=world["public_id"])
        status, body = _request(server.port, "GET", f"{path}board.json")
        assert status == 200
        assert hashlib.sha256(body.encode()).hexdigest() == closed["board_sha256"]
        board = json.loads(body)
        assert set(trackers) <= set(board["trackers"])
        r = board["reconciliation"]
        assert r["codes_used"] == r["electronic_ballots"] == r["trackers"] == len(counted)
        assert Counter(json.dumps(b, sort_keys=True) for b in board["ballots"]) == Counter(
            ballot(i) for i in counted
        )
        from cadre.ballots.services import count_board

        assert count_board(board) == board["tally"]
        # A voter's own check of a receipt from before the kill.
        status, page = _request(server.port, "GET", f"{path}board/?tracker={trackers[0]}")
        assert status == 200 and 'data-found="yes"' in page
    finally:
        server.stop()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    import django

    django.setup()
    step = STEPS[sys.argv[1]]
    # stdout carries nothing but this line: the test parses it.
    print(json.dumps(step(**json.load(sys.stdin)), ensure_ascii=False))
