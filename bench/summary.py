"""The one table at the top of bench/README.md: both benchmarks, both databases, side by side.

Each default run of `bench/run.py` or `bench/ballots.py` records its results in
`bench/recorded/<benchmark>-<database>.json` (committed) and rewrites this table from every
record there, so the table always shows the last full run of each on each database. Every
figure is given with its ratio to the baseline measured in the same run; the detailed tables
further down the README say what each baseline is.

`.venv/bin/python bench/summary.py` rewrites the table from the records without measuring.
"""

import json
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
README = BENCH_DIR / "README.md"
RECORDED = BENCH_DIR / "recorded"
START, END = "<!-- summary -->", "<!-- /summary -->"
DATABASES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
RUN = "`make bench`"
BALLOTS = "`.venv/bin/python bench/ballots.py`"


def record(benchmark: str, results: dict) -> None:
    """Keep a default run's results and rewrite the summary table."""
    RECORDED.mkdir(exist_ok=True)
    vendor = results["environment"]["vendor"]
    path = RECORDED / f"{benchmark}-{vendor}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str) + "\n")
    write()


def _load() -> dict:
    found = {}
    for path in sorted(RECORDED.glob("*.json")):
        benchmark, _, vendor = path.stem.partition("-")
        found.setdefault(benchmark, {})[vendor] = json.loads(path.read_text())
    return found


def _x(value: float, baseline: float) -> str:
    if not baseline:
        return "—"
    ratio = value / baseline
    return f"{ratio:.2f}×" if ratio < 1 else f"{ratio:.1f}×"


def _seconds_and_ratio(step: dict, baseline: dict) -> str:
    return (
        f"{step['active_seconds']:.2f} s ({_x(step['active_seconds'], baseline['active_seconds'])})"
    )


def _page(pages: dict, page: str) -> str:
    big, small = pages[f"{page}_big"], pages[f"{page}_small"]
    health = pages["healthz"]["p50_ms"]
    return (
        f"{big['p95_ms']:.0f} ms ({_x(big['p95_ms'], small['p95_ms'])} / "
        f"{_x(big['p95_ms'], health)}), {big['queries']} SQL "
        f"({small['queries']} at 100)"
    )


def _rows(found: dict) -> list[tuple[str, dict[str, str], str]]:
    """(measurement, {vendor: "figure (ratio)"}, baseline and command) for every row."""
    runs, ballots = found.get("run", {}), found.get("ballots", {})
    rows = []

    def row(label, baseline, command, source, cell):
        cells = {v: cell(r) for v, r in source.items()}
        if cells:
            rows.append((label, cells, f"{baseline}; {command}"))

    row(
        "Roster import, 10,000 staff (active s)",
        "openpyxl read-only pass over the same file",
        RUN,
        runs,
        lambda r: (
            f"{r['import']['active_seconds']:.1f} s "
            f"({_x(r['import']['active_seconds'], r['parse']['active_seconds'])})"
        ),
    )
    row(
        "Roster import, peak RSS",
        "peak RSS of that openpyxl pass",
        RUN,
        runs,
        lambda r: (
            f"{r['import']['peak_rss_mb']:.0f} MB "
            f"({_x(r['import']['peak_rss_mb'], r['parse']['peak_rss_mb'])})"
        ),
    )
    row(
        "Rule evaluation, 4 positions × 10,000 staff",
        "loading the roster the rules read",
        RUN,
        runs,
        lambda r: (
            f"{r['rules']['big']['seconds']:.2f} s "
            f"({_x(r['rules']['big']['seconds'], r['rules']['big']['baseline_seconds'])})"
        ),
    )
    row(
        "Ballot casting: 2,000 voters over 60 s, p99 latency",
        "p99 of the saturated server",
        BALLOTS,
        ballots,
        lambda r: (
            f"{r['arrivals']['p99_ms']:.0f} ms "
            f"({_x(r['arrivals']['p99_ms'], r['saturation']['p99_ms'])})"
        ),
    )
    row(
        "Ballot casting: capacity, 200 at once",
        "`GET /healthz` with the same clients",
        BALLOTS,
        ballots,
        lambda r: (
            f"{r['saturation']['per_second']:.0f} ballots/s "
            f"({_x(r['saturation']['per_second'], r['healthz']['per_second'])})"
        ),
    )
    row(
        "Tally of 1,000,000 marks",
        "`json.loads` of the same ballots",
        BALLOTS,
        ballots,
        lambda r: _seconds_and_ratio(r["tally"]["count_board"], r["tally"]["json_loads"]),
    )
    pages = ["list", "filtered"]
    titles = {"list": "Roster list", "filtered": "Roster list, filtered"}
    for r in runs.values():
        for page, title in r.get("page_titles", {}).items():
            if page not in titles:
                pages.append(page)
                titles[page] = title
    for page in pages:
        row(
            f"{titles[page]}: p95 and SQL queries at 10,000 staff",
            "the same page at 100 staff / `GET /healthz` p50",
            RUN,
            {v: r for v, r in runs.items() if f"{page}_big" in r["pages"]},
            lambda r, page=page: _page(r["pages"], page),
        )
    return rows


def table(found: dict) -> str:
    vendors = [v for v in DATABASES if any(v in runs for runs in found.values())]
    header = ["Measurement", *(DATABASES[v] for v in vendors), "Baseline (same run); command"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, cells, baseline in _rows(found):
        lines.append(
            "| " + " | ".join([label, *(cells.get(v, "—") for v in vendors), baseline]) + " |"
        )
    runs = [
        f"{benchmark} on {DATABASES.get(v, v)}: commit `{r['environment']['commit']}`, "
        f"{r['environment']['date']}"
        for benchmark, by_vendor in sorted(found.items())
        for v, r in by_vendor.items()
    ]
    return "\n".join(lines) + "\n\nRecorded runs: " + "; ".join(runs) + "."


def write() -> None:
    text = README.read_text()
    try:
        start = text.index(START) + len(START)
        end = text.index(END, start)
    except ValueError:
        raise SystemExit(f"{README}: the markers {START} … {END} are missing") from None
    README.write_text(text[:start] + "\n" + table(_load()) + "\n" + text[end:])


if __name__ == "__main__":
    write()
    sys.exit(0)
