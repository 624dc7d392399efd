"""Cadre's benchmark: roster import, roster list page and export at 10,000 staff.

`make bench` runs it; README.md next to this file explains each figure and the targets.
Each heavy step runs in a child process of this script (`--step ...`), so that its peak RSS
is its own and not the sum of everything this process has allocated before.
The secret ballot has a benchmark of its own: `.venv/bin/python bench/ballots.py`.
"""

import argparse
import cProfile
import gc
import io
import json
import math
import os
import platform
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import summary  # bench/summary.py, next to this script

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
README = BENCH_DIR / "README.md"
RESULTS_DIR = BENCH_DIR / "results"
README_START, README_END = "<!-- results -->", "<!-- /results -->"

DEFAULT_STAFF = 10_000
QUICK_STAFF = 1_000
SMALL_STAFF = 100
IMPORT_SECONDS_TARGET = 20.0
RULES_SECONDS_TARGET = 1.0
IMPORT_MB_TARGET = 500.0
PREFIXES = {"small": "S", "big": "B"}  # the staff numbers' prefix of each roster
FILTER = "education=大学本科&age_band=35-39"
VENDOR_TITLES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}  # README section per database


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, help=f"roster size (default {DEFAULT_STAFF:,})")
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke run: {QUICK_STAFF:,} staff, fewer samples"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="run the import under cProfile and print its hotspots (slows it down)",
    )
    # The child side of the process split; not meant to be called by hand.
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--org", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        return _run_step(args)
    return _run_bench(args)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _setup_django() -> None:
    # DEBUG would log every query in memory and inflate both time and peak RSS; production
    # runs without it.
    os.environ["CADRE_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cadre.settings")
    import django

    django.setup()


# ---------------------------------------------------------------- child steps


def _step_idle(args) -> dict:
    # The floor of every child: interpreter, Django and openpyxl loaded, nothing done.
    import openpyxl  # noqa: F401

    import cadre.people.roster  # noqa: F401

    return {}


class _Clock:
    """Times since construction: wall, CPU, waiting for a CPU, and wall minus that wait."""

    def __init__(self):
        self.start = self._now()

    @staticmethod
    def _now() -> tuple[float, float, float | None]:
        return time.perf_counter(), time.process_time(), _run_delay()

    def read(self) -> dict:
        (wall0, cpu0, wait0), (wall, cpu, wait) = self.start, self._now()
        # Runnable but not running: wall time that other work on the machine took away.
        # None where the kernel does not say.
        waited = None if wait is None or wait0 is None else wait - wait0
        return {
            "seconds": wall - wall0,
            "cpu_seconds": cpu - cpu0,
            "cpu_wait_seconds": waited,
            # What the step takes when it has a CPU whenever it wants one; the targets are
            # checked against this, so a busy machine does not fail a run by itself.
            "active_seconds": wall - wall0 - (waited or 0.0),
        }


def _run_delay() -> float | None:
    try:
        with open("/proc/self/schedstat") as stat:
            return int(stat.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def _step_parse(args) -> dict:
    from openpyxl import load_workbook

    clock = _Clock()
    wb = load_workbook(args.file, read_only=True, data_only=True)
    rows = 0
    for ws in wb.worksheets:
        for _values in ws.iter_rows(values_only=True):
            rows += 1
    wb.close()
    return {**clock.read(), "rows": rows}


def _step_import(args) -> dict:
    from cadre.orgs.models import Organisation
    from cadre.people.roster import roster_apply
    from cadre.people.roster_xlsx import read_roster

    org = Organisation.objects.get(code=args.org)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    clock = _Clock()
    with open(args.file, "rb") as fh:
        data = read_roster(fh)
    read = clock.read()
    plan = roster_apply(actor="bench", organisation=org, data=data)
    total = clock.read()
    if profiler:
        profiler.disable()
        _report_profile(profiler)
    return {
        **total,
        "read_active_seconds": read["active_seconds"],
        "apply_active_seconds": total["active_seconds"] - read["active_seconds"],
        "created": len(plan.created),
    }


def _report_profile(profiler: cProfile.Profile) -> None:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / "import.prof"
    profiler.dump_stats(path)
    for order in ("tottime", "cumulative"):
        _log(f"\n---- import profile, top 25 by {order} (full profile: {path})")
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats(order).print_stats(25)


def _step_export(args) -> dict:
    from cadre.orgs.models import Organisation
    from cadre.people.roster import roster_data
    from cadre.people.roster_xlsx import write_roster

    org = Organisation.objects.get(code=args.org)
    clock = _Clock()
    data = roster_data(org)
    buf = io.BytesIO()
    write_roster(buf, data)
    return {**clock.read(), "bytes": buf.tell()}


STEPS = {"idle": _step_idle, "parse": _step_parse, "import": _step_import, "export": _step_export}


def _run_step(args) -> int:
    _setup_django()
    result = STEPS[args.step](args)
    result["peak_rss_mb"] = _peak_rss_mb()
    # stdout carries nothing but this line: the parent parses it.
    print(json.dumps(result))
    return 0


def _child(step: str, *, profile: bool = False, **options) -> dict:
    """Run one step in a fresh interpreter; its result, with its peak RSS in MB (MiB)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--step", step]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    if profile:
        command.append("--profile")
    proc = subprocess.run(command, stdout=subprocess.PIPE, cwd=PROJECT_DIR, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"bench step {step!r} failed with exit code {proc.returncode}")
    return json.loads(proc.stdout)


def _peak_rss_mb() -> float:
    """This process's peak RSS.

    Not getrusage's ru_maxrss, neither RUSAGE_SELF here nor RUSAGE_CHILDREN in the parent:
    Linux carries the high-water mark of the memory image an exec replaces into it, so a
    child reports at least the RSS its parent had when it was spawned. VmHWM belongs to the
    new image alone.
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # No /proc (macOS): an upper bound, in bytes there.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


# ---------------------------------------------------------------- the run


def _percentile(samples: list[float], p: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p * len(ordered)) - 1)]


def _measure_pages(client, urls: dict[str, tuple[str, str | None]], samples: int) -> dict:
    """Query count and p50/p95 latency of each URL: {label: (url, text the page must show)}.

    The URLs are requested in turn, round after round, so that a pause of the machine
    lands on all of them alike instead of on whichever happened to be measured then.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for label, (url, expect) in urls.items():
        for _ in range(3):  # warm the template loader, translations and the session
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}")
        if expect is not None and expect not in response.content.decode():
            raise SystemExit(f"GET {url} does not show {expect!r}")
        # Counted on a request of its own: capturing makes every query slower to run.
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        # Read now: the captured list is a lazy slice of a log the next request clears.
        if not len(captured):
            raise SystemExit(f"no SQL query counted for GET {url}: the counting is broken")
        results[label] = {"url": url, "queries": len(captured), "timings": []}
    for _ in range(samples):
        for label, (url, _expect) in urls.items():
            start = time.perf_counter()
            client.get(url)
            results[label]["timings"].append((time.perf_counter() - start) * 1000)
    for r in results.values():
        timings = r.pop("timings")
        r.update(
            p50_ms=_percentile(timings, 0.50), p95_ms=_percentile(timings, 0.95), samples=samples
        )
    return results


def _environment(vendor: str) -> dict:
    from django.db import connection

    if vendor == "sqlite":
        version = f"SQLite {connection.Database.sqlite_version}"
    elif vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10000)
        version = f"PostgreSQL {major}.{minor}"
    else:
        version = vendor
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "vendor": vendor,
        "database": version,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        # Other work on the machine skews every figure; this says how busy it was.
        "load_average": round(os.getloadavg()[0], 1),
        "commit": commit,
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _run_bench(args) -> int:
    staff = args.staff or (QUICK_STAFF if args.quick else DEFAULT_STAFF)
    samples = 15 if args.quick else 50
    data_dir = Path(tempfile.mkdtemp(prefix="cadre-bench-"))
    # Children inherit the environment, so they open the same database as this process.
    os.environ["CADRE_DATA_DIR"] = str(data_dir)
    # STATIC_ROOT lives there; WhiteNoise warns on every start when it is missing.
    (data_dir / "static").mkdir()
    world = None
    try:
        _setup_django()
        from django.core.management import call_command
        from django.urls import reverse

        call_command("migrate", verbosity=0)
        call_command("createcachetable", verbosity=0)
        # Loads every URLconf now, so that a broken import fails the run before a minute
        # of data generation rather than after it.
        reverse("healthz")
        # A unique suffix keeps repeated runs on one PostgreSQL database apart.
        world = _make_world(f"{datetime.now():%Y%m%d%H%M%S}-{os.getpid()}")
        results = _measure(world, staff, samples, data_dir, args.profile)
    finally:
        _clean_up(world, data_dir)
    return _report(results, write_readme=_is_full_run(args))


def _is_full_run(args) -> bool:
    # Smoke runs and profiled runs must not overwrite the committed 10,000-staff figures.
    return not args.quick and not args.profile and args.staff in (None, DEFAULT_STAFF)


def _make_world(tag: str) -> dict:
    from django.contrib.auth import get_user_model

    from cadre.orgs.models import Membership, Organisation

    big = Organisation.objects.create(
        code=f"bench-big-{tag}", name=f"基准测试大名册 {tag}", kind=Organisation.Kind.SCHOOL
    )
    small = Organisation.objects.create(
        code=f"bench-small-{tag}", name=f"基准测试小名册 {tag}", kind=Organisation.Kind.SCHOOL
    )
    user = get_user_model().objects.create_user(f"bench-{tag}", password=None)
    for org in (big, small):
        Membership.objects.create(user=user, organisation=org, role=Membership.Role.ADMIN)
    return {"big": big, "small": small, "user": user}


def _measure(world: dict, staff: int, samples: int, data_dir: Path, profile: bool) -> dict:
    # bench/synthetic.py and bench/workload.py, next to this script
    import workload
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from synthetic import big_roster

    from cadre.people.models import Appraisal, Person, PostHistory
    from cadre.people.roster import roster_apply
    from cadre.people.roster_xlsx import write_roster

    big, small = world["big"], world["small"]
    orgs = {"small": small, "big": big}
    today = timezone.localdate()
    results = {"staff": staff, "environment": _environment(connection.vendor)}

    _log(f"bench: {SMALL_STAFF} staff into the small organisation")
    roster_apply(
        actor="bench",
        organisation=small,
        data=big_roster(SMALL_STAFF, prefix="S", seed=7, today=today),
    )

    _log(f"bench: writing a workbook of {staff:,} staff")
    start = time.perf_counter()
    data = big_roster(staff, today=today)
    path = data_dir / f"roster-{staff}.xlsx"
    with open(path, "wb") as fh:
        write_roster(fh, data)
    counts = {
        "people": len(data.people),
        "posts": len(data.posts),
        "appraisals": len(data.appraisals),
        "honours": len(data.honours),
    }
    results["workbook"] = {
        **counts,
        "bytes": path.stat().st_size,
        "write_seconds": time.perf_counter() - start,
    }
    del data
    gc.collect()
    # SQLite: the children write while this process stays idle; leave no transaction open.
    connection.close()

    _log("bench: idle child, parse baseline, import, export (one child process each)")
    results["idle"] = _child("idle")
    results["parse"] = _child("parse", file=path)
    results["import"] = _child("import", file=path, org=big.code, profile=profile)
    stored = {
        "people": Person.objects.filter(organisation=big).count(),
        "posts": PostHistory.objects.filter(person__organisation=big).count(),
        "appraisals": Appraisal.objects.filter(person__organisation=big).count(),
    }
    for kind, n in stored.items():
        if n != counts[kind]:
            raise SystemExit(f"the import stored {n} {kind}, the workbook has {counts[kind]}")
    results["export"] = _child("export", org=big.code)

    _log("bench: what a year of campaigns, evaluations and programmes leaves behind")
    ids = {label: workload.populate(org, world["user"]) for label, org in orgs.items()}

    _log("bench: the main list pages")
    client = Client()
    client.force_login(world["user"])
    urls = {"healthz": ("/healthz", None)}
    query = urlencode(dict(parse_qsl(FILTER)))  # percent-encoded, as a browser sends it
    for label, org in orgs.items():
        base = f"/o/{org.code}/people/"
        urls[f"list_{label}"] = (base, f"{PREFIXES[label]}00001")
        urls[f"filtered_{label}"] = (f"{base}?{query}", None)
        for page, (url, _title) in workload.pages(org, ids[label]).items():
            urls[f"{page}_{label}"] = (url, None)
    pages = _measure_pages(client, urls, samples)
    client.logout()
    results["pages"] = pages
    results["page_titles"] = {
        page: title for page, (_url, title) in workload.pages(big, ids["big"]).items()
    }

    _log("bench: eligibility rules of a campaign over the roster")
    results["rules"] = {
        label: _measure_rules(org, ids[label]["campaign"]) for label, org in orgs.items()
    }
    return results


def _measure_rules(org, campaign_pk: int) -> dict:
    """The Changzhou conditions over every active person and every position ("who could
    apply"), against loading the roster alone (the two queries the rules need)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cadre.campaigns.eligibility import subjects, who_could_apply
    from cadre.campaigns.models import Campaign
    from cadre.people.models import Person

    campaign = Campaign.objects.get(pk=campaign_pk)
    people = Person.objects.filter(organisation=org)
    timings, baseline = [], []
    for _ in range(3):
        start = time.perf_counter()
        subjects(people)
        baseline.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            prospects = who_could_apply(campaign)
            timings.append(time.perf_counter() - start)
    return {
        "seconds": min(timings),
        "baseline_seconds": min(baseline),
        "queries": len(queries.captured_queries),
        "positions": len(prospects),
        "eligible": sum(len(p) for p in prospects.values()),
        "evaluations": people.count() * len(prospects),
    }


def _clean_up(world: dict | None, data_dir: Path) -> None:
    """Drop what the run created; a SQLite database goes with its directory."""
    if world is not None:
        from django.db import DatabaseError, connection
        from django.db.models import ProtectedError

        from cadre.ballots.models import Evaluation
        from cadre.campaigns.models import Campaign
        from cadre.decisions.models import Body
        from cadre.orgs.models import Department
        from cadre.people.models import Person
        from cadre.reserve.models import Programme

        if connection.vendor != "sqlite":
            orgs = [world["big"], world["small"]]
            # Posts, appraisals and honours go with their people. The organisations stay:
            # the audit trail is append-only and its entries protect them.
            try:
                for model in (Programme, Evaluation, Campaign, Body):
                    model.objects.filter(organisation__in=orgs).delete()
                Person.objects.filter(organisation__in=orgs).delete()
                Department.objects.filter(organisation__in=orgs).delete()
                world["user"].delete()
            except (DatabaseError, ProtectedError) as exc:
                # Leftovers in a throwaway database must not hide the figures measured.
                _log(f"bench: could not delete the test data of {orgs}: {exc}")
        connection.close()
    shutil.rmtree(data_dir, ignore_errors=True)


# ---------------------------------------------------------------- reporting


def _checks(r: dict) -> list[dict]:
    pages = r["pages"]
    return [
        {
            "name": "import_seconds",
            "value": r["import"]["active_seconds"],
            "target": f"< {IMPORT_SECONDS_TARGET:g} s",
            "ok": r["import"]["active_seconds"] < IMPORT_SECONDS_TARGET,
        },
        {
            "name": "import_peak_rss_mb",
            "value": r["import"]["peak_rss_mb"],
            "target": f"< {IMPORT_MB_TARGET:g} MB",
            "ok": r["import"]["peak_rss_mb"] < IMPORT_MB_TARGET,
        },
        {
            "name": "rules_seconds",
            "value": r["rules"]["big"]["seconds"],
            "target": f"< {RULES_SECONDS_TARGET:g} s",
            "ok": r["rules"]["big"]["seconds"] < RULES_SECONDS_TARGET,
        },
        {
            "name": "rules_queries",
            "value": [r["rules"]["small"]["queries"], r["rules"]["big"]["queries"]],
            "target": f"same at {SMALL_STAFF} and at {r['staff']:,} staff",
            "ok": r["rules"]["big"]["queries"] <= r["rules"]["small"]["queries"],
        },
        *(
            {
                "name": f"{page}_queries",
                "value": [pages[f"{page}_small"]["queries"], pages[f"{page}_big"]["queries"]],
                "target": f"same at {SMALL_STAFF} and at {r['staff']:,} staff",
                "ok": pages[f"{page}_big"]["queries"] <= pages[f"{page}_small"]["queries"],
            }
            for page in ("list", "filtered", *r["page_titles"])
        ),
    ]


def _verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def _secs(step: dict, bold: bool = False) -> str:
    active = f"{step['active_seconds']:.1f} s"
    detail = f"wall {step['seconds']:.1f} s, CPU {step['cpu_seconds']:.1f} s"
    if step["cpu_wait_seconds"] is not None:
        detail += f", waited {step['cpu_wait_seconds']:.1f} s for a CPU"
    return f"{f'**{active}**' if bold else active} ({detail})"


def _ratio(step: dict, baseline: dict) -> str:
    return f"{step['active_seconds'] / baseline['active_seconds']:.1f}×"


def _table(r: dict, checks: list[dict]) -> str:
    n = f"{r['staff']:,}"
    wb, imp, parse, idle, export = r["workbook"], r["import"], r["parse"], r["idle"], r["export"]
    pages = r["pages"]
    ok = {c["name"]: c["ok"] for c in checks}
    health = pages["healthz"]["p50_ms"]
    rows = [
        (
            f"Import {n} staff, {wb['posts']:,} posts, {wb['appraisals']:,} appraisals, "
            f"{wb['honours']:,} honours: `read_roster` + `roster_apply`",
            f"{_secs(imp, bold=True)}: read {imp['read_active_seconds']:.1f} s "
            f"+ apply {imp['apply_active_seconds']:.1f} s",
            f"openpyxl read-only pass over the same file: {_secs(parse)}",
            _ratio(imp, parse),
            f"< {IMPORT_SECONDS_TARGET:g} s",
            _verdict(ok["import_seconds"]),
        ),
        (
            "Import, peak RSS of its process",
            f"**{imp['peak_rss_mb']:.0f} MB**",
            f"that openpyxl pass: {parse['peak_rss_mb']:.0f} MB; "
            f"idle Django process: {idle['peak_rss_mb']:.0f} MB",
            f"{imp['peak_rss_mb'] / parse['peak_rss_mb']:.1f}×",
            f"< {IMPORT_MB_TARGET:g} MB",
            _verdict(ok["import_peak_rss_mb"]),
        ),
    ]
    for page, title in (("list", "first page"), ("filtered", f"`?{FILTER}`")):
        small, big = pages[f"{page}_small"], pages[f"{page}_big"]
        rows += [
            (
                f"Roster list, {title}: SQL queries at {SMALL_STAFF} → {n} staff",
                f"**{small['queries']} → {big['queries']}**",
                "",
                "",
                "no growth",
                _verdict(ok[f"{page}_queries"]),
            ),
            (
                f"Roster list, {title}: p50 / p95 at {SMALL_STAFF} → {n} staff",
                f"{small['p50_ms']:.1f} / {small['p95_ms']:.1f} ms → "
                f"**{big['p50_ms']:.1f} / {big['p95_ms']:.1f} ms**",
                f"`/healthz` p50: {health:.2f} ms",
                f"{small['p50_ms'] / health:.0f}× → {big['p50_ms'] / health:.0f}×",
                "",
                "",
            ),
        ]
    for page, title in r["page_titles"].items():
        small, big = pages[f"{page}_small"], pages[f"{page}_big"]
        rows.append(
            (
                f"{title}: SQL queries; p50 / p95 at {SMALL_STAFF} → {n} staff",
                f"**{small['queries']} → {big['queries']}** queries; "
                f"{small['p50_ms']:.1f} / {small['p95_ms']:.1f} ms → "
                f"**{big['p50_ms']:.1f} / {big['p95_ms']:.1f} ms**",
                f"`/healthz` p50: {health:.2f} ms",
                f"p95 {small['p95_ms'] / health:.0f}× → {big['p95_ms'] / health:.0f}×",
                "no growth in queries",
                _verdict(ok[f"{page}_queries"]),
            )
        )
    rules_small, rules_big = r["rules"]["small"], r["rules"]["big"]
    rows += [
        (
            f"Eligibility: {rules_big['positions']} positions × {n} staff "
            f"({rules_big['evaluations']:,} rule sets), `who_could_apply`",
            f"**{rules_big['seconds']:.2f} s**, {rules_big['eligible']:,} eligible",
            f"loading the roster alone (`subjects`): {rules_big['baseline_seconds']:.2f} s",
            f"{rules_big['seconds'] / rules_big['baseline_seconds']:.1f}×",
            f"< {RULES_SECONDS_TARGET:g} s",
            _verdict(ok["rules_seconds"]),
        ),
        (
            f"Eligibility: SQL queries at {SMALL_STAFF} → {n} staff",
            f"**{rules_small['queries']} → {rules_big['queries']}**",
            "",
            "",
            "no growth",
            _verdict(ok["rules_queries"]),
        ),
    ]
    rows += [
        (
            f"Export {n} staff: `roster_data` + `write_roster`",
            f"{_secs(export, bold=True)}, {export['bytes'] / 2**20:.1f} MB file",
            f"the openpyxl pass: {_secs(parse)}",
            _ratio(export, parse),
            "",
            "",
        ),
        (
            "Export, peak RSS of its process",
            f"**{export['peak_rss_mb']:.0f} MB**",
            f"idle Django process: {idle['peak_rss_mb']:.0f} MB",
            f"{export['peak_rss_mb'] / idle['peak_rss_mb']:.1f}×",
            "",
            "",
        ),
    ]
    header = ("Measurement", "Result", "Baseline (same run)", "Ratio", "Target", "")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    env = r["environment"]
    caption = (
        f"{env['database']}, {n} staff — Python {env['python']}, {env['platform']}, "
        f"{env['cpus']} CPUs (load average {env['load_average']} at the start), "
        f"commit `{env['commit']}`, {env['date']}"
    )
    if env["vendor"] == "postgresql":
        caption += (
            ". The list is measured seconds after the import, before autovacuum has analyzed "
            "the new rows, as a user redirected there by the import sees it"
        )
    return caption + "\n\n" + "\n".join(lines)


def _report(results: dict, write_readme: bool) -> int:
    checks = _checks(results)
    results["checks"] = checks
    results["ok"] = all(c["ok"] for c in checks)
    table = _table(results, checks)
    print(table)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n"
    )
    if write_readme:
        vendor = results["environment"]["vendor"]
        _update_readme(VENDOR_TITLES.get(vendor, vendor), table)
        summary.record("run", results)
        _log(f"\nbench: results written to {README.relative_to(PROJECT_DIR)}")
    else:
        _log(f"\nbench: README left alone (only a default run of {DEFAULT_STAFF:,} updates it)")
    failed = [c["name"] for c in checks if not c["ok"]]
    if failed:
        _log(f"bench: targets missed: {', '.join(failed)}")
        return 1
    return 0


def _update_readme(title: str, table: str, markers=(README_START, README_END)) -> None:
    """Replace this database's section of a results block, keeping the other's."""
    text = README.read_text()
    first, last = markers
    try:
        start = text.index(first) + len(first)
        end = text.index(last, start)
    except ValueError:
        raise SystemExit(f"{README}: the markers {first} … {last} are missing") from None
    parts = re.split(r"^### (.+)$", text[start:end], flags=re.MULTILINE)
    sections = {t.strip(): body.strip() for t, body in zip(parts[1::2], parts[2::2], strict=True)}
    sections[title] = table
    known = list(VENDOR_TITLES.values())
    order = sorted(sections, key=lambda t: (known.index(t) if t in known else len(known), t))
    block = "\n\n".join(f"### {t}\n\n{sections[t]}" for t in order)
    README.write_text(text[:start] + "\n" + block + "\n" + text[end:])


if __name__ == "__main__":
    sys.exit(main())
