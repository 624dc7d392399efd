"""Cadre's secret-ballot benchmark: 2,000 voters casting over a minute, 2,000 at once, a tally.

`.venv/bin/python bench/ballots.py` runs it against a real server (`cadre serve`, gunicorn
with several workers, on 127.0.0.1 only): 2,000 voters whose casts arrive at a steady rate
over 60 s, at most 200 at a time (the meeting; the targets are on it), 2,000 more sent by 200
clients as fast as the server answers (its capacity), then a tally of 1,000,000 marks. The
"Secret ballot" section of README.md next to this file explains each figure and the targets.
`DATABASE_URL=postgres://…` runs it on PostgreSQL instead of a fresh SQLite file.
"""

import argparse
import contextlib
import http.client
import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

import summary
from run import (
    VENDOR_TITLES,
    _Clock,
    _environment,
    _log,
    _percentile,
    _setup_django,
    _update_readme,
    _verdict,
)

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
README = BENCH_DIR / "README.md"
RESULTS_DIR = BENCH_DIR / "results"
README_START, README_END = "<!-- ballot-results -->", "<!-- /ballot-results -->"

VOTERS = 2000  # per phase: the most codes one evaluation issues (services.MAX_CODES)
CONCURRENCY = 200
ARRIVAL_SECONDS = 60.0  # the arrivals phase: VOTERS casts due at a steady rate over this long
CANDIDATES = 6
WORKERS = 4
TALLY_BALLOTS = 100_000
TALLY_CANDIDATES = 10
QUICK = {"voters": 200, "concurrency": 50, "arrival_seconds": 6.0, "tally_ballots": 10_000}
# The arrivals phase's last voter is due just before ARRIVAL_SECONDS: every cast answered
# within this margin after it means the server kept up with the offered rate.
CAST_SECONDS_MARGIN = 5.0
CAST_P99_MS_TARGET = 500.0
REQUEST_TIMEOUT = 120  # seconds; gunicorn's own worker timeout in `cadre serve`
# How voters mark a candidate: mostly satisfied, as in a real 民主测评.
MARK_WEIGHTS = {"satisfied": 60, "basic": 25, "unsatisfied": 10}
# The tally's ballots also leave some candidates blank.
TALLY_WEIGHTS = {**MARK_WEIGHTS, "": 5}
FORM = "application/x-www-form-urlencoded"
TRACKER = re.compile(rb"data-tracker>\s*([A-Z0-9]{5}-[A-Z0-9]{5})\s*<")
FLASH_ERROR = re.compile(rb'flash-error" role="alert">([^<]*)<')
EXCEPTION_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception)): (.*)$", re.MULTILINE)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"smoke run: {QUICK['voters']} voters per phase (arriving over "
        f"{QUICK['arrival_seconds']:g} s; {QUICK['concurrency']} at once), "
        f"a tally of {QUICK['tally_ballots']:,} ballots",
    )
    parser.add_argument(
        "--workers", type=int, default=WORKERS, help=f"gunicorn workers (default {WORKERS})"
    )
    args = parser.parse_args(argv)
    size = (
        QUICK
        if args.quick
        else {
            "voters": VOTERS,
            "concurrency": CONCURRENCY,
            "arrival_seconds": ARRIVAL_SECONDS,
            "tally_ballots": TALLY_BALLOTS,
        }
    )
    data_dir = Path(tempfile.mkdtemp(prefix="cadre-bench-ballots-"))
    # The server and this process open the same database: a SQLite file in data_dir, or
    # DATABASE_URL. ./var is never touched.
    os.environ["CADRE_DATA_DIR"] = str(data_dir)
    (data_dir / "static").mkdir()  # STATIC_ROOT; WhiteNoise warns on every start without it
    world = None
    try:
        _setup_django()  # forces CADRE_DEBUG=0, which the server inherits
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        results = {
            "environment": _environment(connection.vendor),
            "workers": args.workers,
            **size,
        }
        world = _make_world(f"{datetime.now():%Y%m%d%H%M%S}-{os.getpid()}", size["voters"])
        # SQLite: the server's workers write; this process must hold no transaction open.
        connection.close()
        results.update(_measure_server(world, size, args.workers, data_dir))
        results["stored"] = _verify(world, results.pop("sent"))
        _log(f"bench: tally of {size['tally_ballots'] * TALLY_CANDIDATES:,} marks")
        results["tally"] = _measure_tally(size["tally_ballots"], TALLY_CANDIDATES)
    finally:
        _clean_up(world, data_dir)
    write = not args.quick and args.workers == WORKERS
    return _report(results, write_readme=write)


# ---------------------------------------------------------------- setup


PHASES = ("saturation", "arrivals")  # the order they run in


def _make_world(tag: str, voters: int) -> dict:
    """An organisation, CANDIDATES staff, and per phase an evaluation with them on the ballot,
    `voters` codes, open: 2 × voters codes in all. One evaluation issues at most
    services.MAX_CODES (2,000) codes, hence one evaluation per phase."""
    from datetime import date

    from cadre.ballots.models import Evaluation
    from cadre.ballots.services import codes_issue, evaluation_create, evaluation_open
    from cadre.orgs.models import Organisation
    from cadre.people.models import Person

    _log(f"bench: {len(PHASES)} evaluations of {CANDIDATES} candidates, {voters:,} codes each")
    org = Organisation.objects.create(
        code=f"bench-ballot-{tag}", name=f"基准测试测评 {tag}", kind=Organisation.Kind.SCHOOL
    )
    people = [
        Person.objects.create(
            organisation=org,
            staff_no=f"V{i:04d}",
            name=f"候选人{i}",
            gender="女" if i % 2 else "男",
            birth_date=date(1980 + i, 5, 1),
            education="大学本科",
        )
        for i in range(1, CANDIDATES + 1)
    ]
    phases = {}
    for phase in PHASES:
        evaluation = evaluation_create(
            actor="bench",
            evaluation=Evaluation(
                organisation=org, title=f"基准测试民主测评（{phase}）", entitled=voters
            ),
            candidates=[(p, "中层副职") for p in people],
        )
        codes = codes_issue(actor="bench", evaluation=evaluation, count=voters)
        evaluation = evaluation_open(actor="bench", evaluation=evaluation)
        keys = [c.key for c in evaluation.candidates.all()]
        phases[phase] = {"evaluation": evaluation, "codes": codes, "keys": keys}
    return {"org": org, "people": people, "phases": phases}


# ---------------------------------------------------------------- the server


class _Server:
    """`cadre serve` on a free port of 127.0.0.1, its access log and errors in a file."""

    def __init__(self, workers: int, data_dir: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.log_path = data_dir / "server.log"
        self._log_file = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        # `cadre serve` migrates (nothing left to do) and execs gunicorn: this pid is the
        # gunicorn master, whose children are the workers.
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "cadre.manage",
                "serve",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
            ],
            cwd=PROJECT_DIR,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self.workers = workers

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"the server exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                status, _body = _request(self.port, "GET", "/healthz")
                if status == 200 and len(self.worker_pids()) == self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"the server did not answer within {timeout:g} s:\n{self.log_tail()}")

    def worker_pids(self) -> list[int]:
        try:
            with open(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children") as children:
                return [int(pid) for pid in children.read().split()]
        except OSError:
            return []

    def log_text(self) -> str:
        if not self._log_file.closed:
            self._log_file.flush()
        return self.log_path.read_text(errors="replace")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()


def _request(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": FORM} if body else {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _schedstat(pid: int | str) -> tuple[float, float] | None:
    """(seconds on a CPU, seconds runnable but waiting for one) of one task."""
    try:
        with open(f"/proc/{pid}/schedstat") as stat:
            on_cpu, waited = stat.read().split()[:2]
        return int(on_cpu) / 1e9, int(waited) / 1e9
    except (OSError, ValueError):
        return None


def _machine_busy() -> float | None:
    """CPU-seconds the whole machine has spent busy since boot (all CPUs, all processes)."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields) - idle) / os.sysconf("SC_CLK_TCK")


class _Usage:
    """CPU used during a phase: by the server's workers, by this (client) process, and by the
    whole machine (the database server and everything else running included)."""

    def __init__(self, worker_pids: list[int]):
        self.pids = worker_pids
        self.start = self._now()

    def _now(self) -> dict:
        workers = [_schedstat(pid) for pid in self.pids]
        return {
            "workers": None if None in workers else workers,
            "client_cpu": time.process_time(),
            "machine": _machine_busy(),
        }

    def read(self) -> dict:
        start, end = self.start, self._now()
        out = {"client_cpu_seconds": end["client_cpu"] - start["client_cpu"]}
        if start["workers"] and end["workers"]:
            out["worker_cpu_seconds"] = sum(
                e[0] - s[0] for s, e in zip(start["workers"], end["workers"], strict=True)
            )
            out["worker_cpu_wait_seconds"] = sum(
                e[1] - s[1] for s, e in zip(start["workers"], end["workers"], strict=True)
            )
        if start["machine"] is not None and end["machine"] is not None:
            out["machine_cpu_seconds"] = end["machine"] - start["machine"]
        return out


def _load(
    server: _Server,
    requests: list[tuple[str, str, bytes | None]],
    concurrency: int,
    interval: float | None = None,
):
    """Send the requests from a pool of `concurrency` client threads, each taking the next
    request as soon as its previous one is answered.

    Without `interval` every request is due at once (a closed loop: `concurrency` requests
    outstanding until fewer are left), and a request's latency runs from sending it. With
    `interval`, request i is due `i × interval` seconds after the start: a client that takes
    it early sleeps until then, one that takes it late (all the pool busy) sends it at once,
    and its latency runs from the due time, so waiting for a free client counts too.

    Returns the phase's figures and, per request, (status or exception name, latency in ms,
    body)."""
    jobs = queue.SimpleQueue()
    for job in enumerate(requests):
        jobs.put(job)
    answers: list = [None] * len(requests)
    late = [0.0] * len(requests)  # ms from the due time to sending
    waits = []
    in_flight = [0, 0]  # now, most
    lock = threading.Lock()
    ready = threading.Barrier(concurrency + 1)
    origin = [0.0]  # the due time of request 0; set before the barrier releases the clients

    def client():
        # One keep-alive connection per client; gunicorn's sync workers close it after each
        # response, and http.client then connects anew for the next request.
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=REQUEST_TIMEOUT)
        ready.wait()
        start_wait = _schedstat("thread-self")
        while True:
            try:
                i, (method, path, body) = jobs.get_nowait()
            except queue.Empty:
                break
            headers = {"Content-Type": FORM} if body else {}
            if interval is not None:
                due = origin[0] + i * interval
                early = due - time.perf_counter()
                if early > 0:
                    time.sleep(early)
            with lock:
                in_flight[0] += 1
                in_flight[1] = max(in_flight)
            start = time.perf_counter()
            since = start if interval is None else due
            late[i] = (start - since) * 1000
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                answers[i] = (response.status, (time.perf_counter() - since) * 1000, payload)
            except (OSError, http.client.HTTPException) as exc:
                answers[i] = (type(exc).__name__, (time.perf_counter() - since) * 1000, b"")
                conn.close()
            with lock:
                in_flight[0] -= 1
        conn.close()
        end_wait = _schedstat("thread-self")
        if start_wait and end_wait:
            waits.append(end_wait[1] - start_wait[1])

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    usage = _Usage(server.worker_pids())
    # Paced requests are first due a moment after the release, once every client is through.
    origin[0] = time.perf_counter() + (0.0 if interval is None else 0.1)
    ready.wait()
    start = time.perf_counter() if interval is None else origin[0]
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies = [a[1] for a in answers]
    statuses = Counter(str(a[0]) for a in answers)
    figures = {
        "requests": len(requests),
        "concurrency": concurrency,
        "seconds": wall,
        "per_second": len(requests) / wall,
        "p50_ms": _percentile(latencies, 0.50),
        "p99_ms": _percentile(latencies, 0.99),
        "max_ms": max(latencies),
        "most_in_flight": in_flight[1],
        "statuses": dict(sorted(statuses.items())),
        **usage.read(),
        "client_cpu_wait_seconds": sum(waits),
        "load_average_after": round(os.getloadavg()[0], 1),
    }
    if interval is not None:
        figures.update(
            {
                "interval_ms": interval * 1000,
                "offered_per_second": 1 / interval,
                "arrival_seconds": len(requests) * interval,
                # How late the clients sent: a pool all busy, or a client slow to wake.
                "sent_late_p99_ms": _percentile(late, 0.99),
                "sent_late_max_ms": max(late),
            }
        )
    if "worker_cpu_seconds" in figures:
        figures["worker_cpu_ms_per_request"] = figures["worker_cpu_seconds"] * 1000 / len(requests)
    return figures, answers


def _casts(phase: dict, rng: random.Random) -> tuple[list, list[dict]]:
    """A cast per code of the phase's evaluation, as the ballot page's form sends it, and the
    marks it carries."""
    keys = phase["keys"]
    marks = [
        dict(
            zip(
                keys,
                rng.choices(list(MARK_WEIGHTS), list(MARK_WEIGHTS.values()), k=len(keys)),
                strict=True,
            )
        )
        for _ in phase["codes"]
    ]
    vote_path = f"/v/{phase['evaluation'].public_id}/"
    casts = [
        (
            "POST",
            vote_path,
            urlencode(
                {"code": code, "step": "cast", **{f"c{k}": m for k, m in ballot.items()}}
            ).encode(),
        )
        for code, ballot in zip(phase["codes"], marks, strict=True)
    ]
    return casts, marks


def _answered(cast: dict, answers: list) -> list[str | None]:
    """The receipt (tracker) each voter got, None for no receipt; the refusals into `cast`."""
    trackers = []
    refusals = Counter()
    for status, _ms, body in answers:
        if status == 200:
            found = TRACKER.search(body)
            trackers.append(found.group(1).decode() if found else None)
        else:
            trackers.append(None)
            message = FLASH_ERROR.search(body)
            refusals[f"{status}: {message.group(1).decode().strip() if message else ''}"] += 1
    cast["refusals"] = dict(refusals.most_common())
    return trackers


def _measure_server(world: dict, size: dict, workers: int, data_dir: Path) -> dict:
    rng = random.Random(2025)
    casts, marks = {}, {}
    for name in PHASES:
        casts[name], marks[name] = _casts(world["phases"][name], rng)
    voters, concurrency = size["voters"], size["concurrency"]
    interval = size["arrival_seconds"] / voters
    _log(f"bench: starting `cadre serve` with {workers} workers")
    server = _Server(workers, data_dir)
    figures, answers = {}, {}
    try:
        server.wait_ready()
        _log("bench: warming up (the ballot page and its confirmation step, which store nothing)")
        warm = [("GET", "/healthz", None)] * concurrency
        for phase in world["phases"].values():
            vote_path = f"/v/{phase['evaluation'].public_id}/"
            confirm = urlencode(
                {"code": "WARM-UPWA-RMUP", **{f"c{k}": "basic" for k in phase["keys"]}}
            )
            warm += [("GET", vote_path, None), ("POST", vote_path, confirm.encode())] * (
                2 * workers
            )
        figures["warmup"], _answers = _load(server, warm, concurrency)
        if set(figures["warmup"]["statuses"]) != {"200"}:
            raise SystemExit(
                f"warm-up answered {figures['warmup']['statuses']}:\n{server.log_tail()}"
            )
        _log(f"bench: baseline, {voters:,} × GET /healthz, {concurrency} at once")
        figures["healthz"], _answers = _load(
            server, [("GET", "/healthz", None)] * voters, concurrency
        )
        _log(f"bench: saturation, {voters:,} voters cast, {concurrency} at once")
        figures["saturation"], answers["saturation"] = _load(
            server, casts["saturation"], concurrency
        )
        _log(
            f"bench: arrivals, {voters:,} more voters cast, one every {interval * 1000:g} ms "
            f"over {size['arrival_seconds']:g} s, at most {concurrency} at once"
        )
        figures["arrivals"], answers["arrivals"] = _load(
            server, casts["arrivals"], concurrency, interval=interval
        )
    finally:
        server.stop()
        log = server.log_text()
    sent = {
        name: {"marks": marks[name], "trackers": _answered(figures[name], answers[name])}
        for name in PHASES
    }
    figures["server_exceptions"] = dict(
        Counter(f"{m.group(1)}: {m.group(2)[:120]}" for m in EXCEPTION_LINE.finditer(log))
    )
    return {**figures, "sent": sent}


def _verify(world: dict, sent: dict) -> dict:
    """What the database holds after the casting, against what the voters sent: per phase
    (its own evaluation), and in all."""
    from cadre.ballots import tally
    from cadre.ballots.models import Ballot, Tracker, VotingCode

    stored = {}
    for name in PHASES:
        evaluation, keys = world["phases"][name]["evaluation"], world["phases"][name]["keys"]
        marks, trackers = sent[name]["marks"], sent[name]["trackers"]
        stored_marks = list(
            Ballot.objects.filter(evaluation=evaluation).values_list("marks", flat=True)
        )
        stored_trackers = set(
            Tracker.objects.filter(evaluation=evaluation).values_list("value", flat=True)
        )
        answered = [t for t in trackers if t is not None]
        ok_marks = [m for m, t in zip(marks, trackers, strict=True) if t is not None]
        stored[name] = {
            "ballots": len(stored_marks),
            "trackers": len(stored_trackers),
            "spent_codes": VotingCode.objects.filter(evaluation=evaluation, spent=True).count(),
            "receipts": len(answered),
            # Every receipt a voter got names a stored tracker, and no two voters got the same.
            "receipts_match": len(set(answered)) == len(answered)
            and set(answered) == stored_trackers,
            # The stored ballots hold exactly the marks of the voters who got a receipt.
            "marks_match": tally.count_marks(keys, stored_marks)
            == tally.count_marks(keys, ok_marks),
        }
    phases = list(stored.values())
    stored["all"] = {
        **{
            k: sum(p[k] for p in phases) for k in ("ballots", "trackers", "spent_codes", "receipts")
        },
        **{k: all(p[k] for p in phases) for k in ("receipts_match", "marks_match")},
    }
    return stored


# ---------------------------------------------------------------- the tally


def _measure_tally(n_ballots: int, n_candidates: int) -> dict:
    """count_board over a bulletin board of n_ballots × n_candidates marks, against reading
    every mark once in a plain loop, and against json.loads of the same ballots."""
    from cadre.ballots import services, tally
    from cadre.ballots.models import default_options

    rng = random.Random(7)
    keys = [str(1000 + i) for i in range(n_candidates)]
    flat = rng.choices(
        list(TALLY_WEIGHTS), list(TALLY_WEIGHTS.values()), k=n_ballots * n_candidates
    )
    # As bulletin_board stores them: every candidate present, "" for a blank mark.
    ballots = [
        dict(zip(keys, flat[i : i + n_candidates], strict=True))
        for i in range(0, len(flat), n_candidates)
    ]
    board = {
        "evaluation": {
            "kind": "rating",
            "candidates": [{"id": k, "name": f"候选人{k}", "note": ""} for k in keys],
            "options": default_options(),
            "unknown_in_base": False,
            "blank_in_base": False,
            "threshold": [2, 3],
            "max_choices": None,
        },
        "ballots": ballots,
        "paper": {"ballots": [], "counts": []},
    }
    encoded = json.dumps(ballots)

    def plain_loop():
        read = 0
        for ballot in ballots:
            for k in keys:
                ballot.get(k, tally.BLANK)
                read += 1
        return read

    timed = {}
    for label, step in (
        ("count_board", lambda: services.count_board(board)),
        ("plain_loop", plain_loop),
        ("json_loads", lambda: json.loads(encoded)),
    ):
        runs = []
        for _ in range(3):
            clock = _Clock()
            value = step()
            runs.append(clock.read())
        timed[label] = min(runs, key=lambda r: r["active_seconds"])
        timed[label]["value"] = value
    result = timed["count_board"].pop("value")
    read = timed["plain_loop"].pop("value")
    timed["json_loads"].pop("value")
    expected = Counter(zip([k for _b in range(n_ballots) for k in keys], flat, strict=True))
    counted = Counter({(k, m): n for k in keys for m, n in result[k]["electronic"].items()})
    return {
        "ballots": n_ballots,
        "candidates": n_candidates,
        "marks": read,
        "counts_match": counted == expected,
        "passed": sum(1 for k in keys if result[k]["passed"]),
        "json_bytes": len(encoded),
        **timed,
    }


# ---------------------------------------------------------------- clean-up


def _clean_up(world: dict | None, data_dir: Path) -> None:
    """Drop what the run created; a SQLite database goes with its directory."""
    from django.db import DatabaseError, connection
    from django.db.models import ProtectedError

    if world is not None and connection.vendor != "sqlite":
        # Candidates, codes, ballots and trackers go with their evaluation. The organisation
        # stays: its audit entries (append-only) protect it.
        try:
            for phase in world["phases"].values():
                phase["evaluation"].delete()
            for person in world["people"]:
                person.delete()
        except (DatabaseError, ProtectedError) as exc:
            _log(f"bench: could not delete the test data of {world['org'].code}: {exc}")
    # Before django.setup, or with the database gone, there is nothing to close.
    with contextlib.suppress(Exception):
        connection.close()
    shutil.rmtree(data_dir, ignore_errors=True)


# ---------------------------------------------------------------- reporting


def _checks(r: dict) -> list[dict]:
    """The requirement's targets, on the arrivals phase (the meeting); the saturation phase is
    the server's capacity, with no target. Every answer and every stored ballot of both."""
    arrivals, stored, n = r["arrivals"], r["stored"], r["voters"]
    within = arrivals["arrival_seconds"] + CAST_SECONDS_MARGIN
    errors = sum(n - r[name]["statuses"].get("200", 0) for name in PHASES)
    each = [stored[name] for name in PHASES]
    return [
        {
            "name": "arrivals_seconds",
            "value": arrivals["seconds"],
            "target": f"< {within:g} s",
            "ok": arrivals["seconds"] < within,
        },
        {
            "name": "arrivals_p99_ms",
            "value": arrivals["p99_ms"],
            "target": f"< {CAST_P99_MS_TARGET:g} ms",
            "ok": arrivals["p99_ms"] < CAST_P99_MS_TARGET,
        },
        {
            "name": "cast_errors",
            "value": errors,
            "target": "0 (both phases)",
            "ok": errors == 0,
        },
        {
            "name": "stored",
            "value": {
                name: [s["ballots"], s["spent_codes"], s["trackers"]]
                for name, s in zip(PHASES, each, strict=True)
            },
            "target": f"{n} ballots, {n} spent codes, {n} trackers per phase; receipts and "
            "marks match",
            "ok": all(
                s["ballots"] == s["spent_codes"] == s["trackers"] == n
                and s["receipts_match"]
                and s["marks_match"]
                for s in each
            ),
        },
        {
            "name": "tally_counts",
            "value": r["tally"]["marks"],
            "target": "count_board's counts equal the marks generated",
            "ok": r["tally"]["counts_match"],
        },
    ]


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _cpu(phase: dict) -> str:
    if "worker_cpu_seconds" not in phase:
        return "n/a"
    return (
        f"{phase['worker_cpu_ms_per_request']:.1f} ms CPU per request "
        f"({phase['worker_cpu_seconds']:.1f} s, waited {phase['worker_cpu_wait_seconds']:.1f} s "
        "for a CPU)"
    )


def _match(ok: bool) -> str:
    return "match" if ok else "**do not match**"


def _statuses(phase: dict) -> str:
    return ", ".join(f"{count:,} × {status}" for status, count in phase["statuses"].items())


def _cpu_ratio(phase: dict, baseline: dict) -> str:
    if "worker_cpu_ms_per_request" in phase and "worker_cpu_ms_per_request" in baseline:
        return f"{phase['worker_cpu_ms_per_request'] / baseline['worker_cpu_ms_per_request']:.1f}×"
    return ""


def _busy(phase: dict, vendor: str) -> str:
    """How busy the whole machine was during a phase, and who it was."""
    machine = phase.get("machine_cpu_seconds", 0.0)
    workers, client = phase.get("worker_cpu_seconds", 0.0), phase["client_cpu_seconds"]
    return (
        f"{machine:.1f} CPU-s in {phase['seconds']:.1f} s: workers {workers:.1f}, the "
        f"benchmark's client threads {client:.1f}, the rest "
        f"{max(0.0, machine - workers - client):.1f}"
        f" ({'PostgreSQL and ' if vendor == 'postgresql' else ''}other processes)"
    )


def _table(r: dict, checks: list[dict]) -> str:
    ok = {c["name"]: c["ok"] for c in checks}
    health, sat, arr, t = r["healthz"], r["saturation"], r["arrivals"], r["tally"]
    stored = r["stored"]
    board = t["count_board"]["active_seconds"]
    n, c = r["voters"], r["concurrency"]
    problems = [
        f"{k} ({v:,})"
        for k, v in {**arr["refusals"], **sat["refusals"], **r["server_exceptions"]}.items()
    ]
    within = arr["arrival_seconds"] + CAST_SECONDS_MARGIN
    rows = [
        (
            f"**Arrivals** (the meeting): {n:,} voters due at a steady "
            f"{arr['offered_per_second']:.1f}/s (one every {arr['interval_ms']:g} ms) over "
            f"{arr['arrival_seconds']:g} s, sent by a pool of {c} client threads, each "
            f"`POST /v/<id>/` with its own code (step=cast, {CANDIDATES} candidates)",
            f"**{arr['seconds']:.1f} s** from the first due time to the last answer, "
            f"{arr['per_second']:.1f} ballots/s; at most {arr['most_in_flight']} in flight",
            f"saturation below: {sat['per_second']:.0f} ballots/s",
            f"offered rate {arr['offered_per_second'] / sat['per_second']:.2f}× the capacity",
            f"< {within:g} s ({arr['arrival_seconds']:g} s of arrivals + "
            f"{CAST_SECONDS_MARGIN:g} s)",
            _verdict(ok["arrivals_seconds"]),
        ),
        (
            "Arrivals: latency p50 / p99 (from the voter's due time to the last byte: waiting "
            "for a free client, connecting and queueing included)",
            f"{_ms(arr['p50_ms'])} / **{_ms(arr['p99_ms'])} ms** (max {_ms(arr['max_ms'])}); "
            f"sent after the due time by p99 {_ms(arr['sent_late_p99_ms'])} ms, max "
            f"{_ms(arr['sent_late_max_ms'])} ms",
            f"saturation below: p99 {_ms(sat['p99_ms'])} ms",
            "",
            f"p99 < {CAST_P99_MS_TARGET:g} ms",
            _verdict(ok["arrivals_p99_ms"]),
        ),
        (
            "Arrivals: server workers' CPU",
            _cpu(arr),
            f"saturation below: {_cpu(sat)}",
            _cpu_ratio(arr, sat),
            "",
            "",
        ),
        (
            f"Saturation (the server's capacity; not the meeting's load): {n:,} other voters, "
            f"{c} client threads each sending its next cast as soon as its previous is answered "
            f"({c} always in flight)",
            f"**{sat['seconds']:.1f} s**, {sat['per_second']:.0f} ballots/s",
            f"`GET /healthz`, {n:,} requests, {c} at once: {health['seconds']:.1f} s, "
            f"{health['per_second']:.0f} requests/s",
            f"{sat['per_second'] / health['per_second']:.2f}× the throughput",
            "none: a stress figure",
            "",
        ),
        (
            "Saturation: latency p50 / p99 (connect to last byte, queueing included)",
            f"{_ms(sat['p50_ms'])} / {_ms(sat['p99_ms'])} ms (max {_ms(sat['max_ms'])})",
            f"`/healthz`: {_ms(health['p50_ms'])} / {_ms(health['p99_ms'])} ms "
            f"(max {_ms(health['max_ms'])})",
            f"p99 {sat['p99_ms'] / health['p99_ms']:.1f}×",
            "",
            "",
        ),
        (
            "Saturation: server workers' CPU",
            _cpu(sat),
            f"`/healthz`: {_cpu(health)}",
            _cpu_ratio(sat, health),
            "",
            "",
        ),
        (
            "Both phases: answers; then in the database (an evaluation each)",
            f"arrivals {_statuses(arr)}; saturation {_statuses(sat)}"
            f"{'; ' + '; '.join(problems) if problems else ''}. "
            + "; ".join(
                f"{name}: **{stored[name]['ballots']:,} ballots, "
                f"{stored[name]['spent_codes']:,} spent codes, "
                f"{stored[name]['trackers']:,} trackers**"
                for name in ("arrivals", "saturation")
            )
            + f". Receipts {_match(stored['all']['receipts_match'])} the trackers, marks "
            f"{_match(stored['all']['marks_match'])} what was sent",
            "",
            "",
            f"{n:,} each per phase, 0 errors",
            _verdict(ok["cast_errors"] and ok["stored"]),
        ),
        (
            f"Tally of {t['marks']:,} marks ({t['ballots']:,} ballots × {t['candidates']} "
            "candidates): `count_board`",
            f"**{t['count_board']['active_seconds']:.2f} s** (wall "
            f"{t['count_board']['seconds']:.2f} s), counts "
            f"{'match' if t['counts_match'] else '**do not match**'}",
            f"a plain loop reading every mark: {t['plain_loop']['active_seconds']:.2f} s; "
            f"`json.loads` of the ballots ({t['json_bytes'] / 2**20:.0f} MB): "
            f"{t['json_loads']['active_seconds']:.2f} s",
            f"{board / t['plain_loop']['active_seconds']:.1f}× the loop, "
            f"{board / t['json_loads']['active_seconds']:.1f}× `json.loads`",
            "",
            _verdict(ok["tally_counts"]),
        ),
    ]
    header = ("Measurement", "Result", "Baseline (same run)", "Ratio", "Target", "")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    env = r["environment"]
    caption = (
        f"{env['database']}, `cadre serve` with {r['workers']} gunicorn workers — "
        f"Python {env['python']}, {env['platform']}, {env['cpus']} CPUs (load average "
        f"{env['load_average']} at the start), commit `{env['commit']}`, {env['date']}. "
        f"During the arrivals the whole machine was busy {_busy(arr, env['vendor'])}; during "
        f"the saturation, {_busy(sat, env['vendor'])}"
    )
    return caption + "\n\n" + "\n".join(lines)


def _report(results: dict, write_readme: bool) -> int:
    checks = _checks(results)
    results["checks"] = checks
    results["ok"] = all(c["ok"] for c in checks)
    table = _table(results, checks)
    print(table)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "ballots-latest.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n"
    )
    if write_readme:
        vendor = results["environment"]["vendor"]
        _update_readme(VENDOR_TITLES.get(vendor, vendor), table, (README_START, README_END))
        summary.record("ballots", results)
        _log(f"\nbench: results written to {README.relative_to(PROJECT_DIR)}")
    else:
        _log("\nbench: README left alone (only a default run updates it)")
    failed = [c["name"] for c in checks if not c["ok"]]
    if failed:
        _log(f"bench: targets missed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
