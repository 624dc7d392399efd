"""The user guide (docs/guide/) and its screenshots stay in step with the browser test that
takes them (tests/browser/test_guide.py)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
IMG = GUIDE / "img"
SHOOTER = ROOT / "tests" / "browser" / "test_guide.py"
CHAPTERS = (
    "01-office.md",
    "02-leaders.md",
    "03-teacher.md",
    "04-voter.md",
    "05-expert.md",
    "06-district.md",
)
IMAGE = re.compile(r"!\[[^\]]*\]\(img/([^)\s]+)\)")


def chapters() -> list[Path]:
    return sorted(p for p in GUIDE.glob("*.md") if p.name != "README.md")


def referenced() -> dict[str, set[str]]:
    return {p.name: set(IMAGE.findall(p.read_text(encoding="utf-8"))) for p in chapters()}


def test_the_six_chapters_exist():
    assert {p.name for p in chapters()} >= set(CHAPTERS)
    for name in CHAPTERS:
        text = (GUIDE / name).read_text(encoding="utf-8")
        assert text.startswith("# "), f"{name} has no title"
        assert IMAGE.search(text), f"{name} shows no screenshot"


def test_every_chapter_is_linked_from_the_index():
    index = (GUIDE / "README.md").read_text(encoding="utf-8")
    links = set(re.findall(r"\]\(([^)#\s]+\.md)\)", index))
    missing = {p.name for p in chapters()} - links
    assert not missing, f"not linked from docs/guide/README.md: {sorted(missing)}"


def test_every_referenced_image_exists():
    missing = {
        f"{chapter}: {name}"
        for chapter, names in referenced().items()
        for name in names
        if not (IMG / name).is_file()
    }
    assert not missing, f"images missing from docs/guide/img: {sorted(missing)}"


def test_every_image_is_referenced():
    used = set().union(*referenced().values())
    orphans = {p.name for p in IMG.glob("*.png")} - used
    assert not orphans, f"images no chapter shows: {sorted(orphans)}"


def test_every_referenced_image_is_taken_by_the_browser_test():
    shooter = SHOOTER.read_text(encoding="utf-8")
    used = set().union(*referenced().values())
    untaken = {name for name in used if f'"{name.removesuffix(".png")}"' not in shooter}
    assert not untaken, f"not taken by tests/browser/test_guide.py: {sorted(untaken)}"
