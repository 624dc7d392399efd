"""The programme's three tables, fetched as a school admin would, in both formats."""

import io
from datetime import date

import docx
import openpyxl
import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation

from cadre.ballots.models import Evaluation
from cadre.core.downloads import DOCX, XLSX
from cadre.reserve.selectors import CHANNELS
from cadre.reserve.services import recommendation

from .conftest import tier

KINDS = ("recommendations", "sheets", "list")
FORMATS = ("xlsx", "docx")


def fetch(world, programme, kind, fmt, persona="school_admin"):
    url = reverse("reserve:export", args=[world.school.code, programme.pk, kind, fmt])
    return world.client(persona).get(url)


def sheet_rows(response) -> list[list]:
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in ws.iter_rows(values_only=True)]


def document(response):
    return docx.Document(io.BytesIO(response.content))


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def channel_columns(headers) -> dict:
    # The channels' labels are the Chinese catalogue's, whatever the request's language.
    with translation.override("zh-hans"):
        return {c.value: headers.index(str(c.label)) for c in CHANNELS}


def row_of(rows, name):
    return next(row for row in rows if row[1] == name)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_table_downloads_in_both_formats(decided, world, kind, fmt):
    response = fetch(world, decided, kind, fmt)
    assert response.status_code == 200
    assert response["Content-Type"] == (XLSX if fmt == "xlsx" else DOCX)
    if fmt == "xlsx":
        assert sheet_rows(response)[0][0].startswith(decided.title)
    else:
        assert document(response).paragraphs[0].text.startswith(decided.title)


@pytest.mark.parametrize("kind", KINDS)
def test_a_teacher_may_not_download_and_a_stranger_must_log_in(decided, world, kind):
    assert fetch(world, decided, kind, "xlsx", persona="teacher").status_code == 403
    response = fetch(world, decided, kind, "docx", persona="anonymous")
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_unknown_kind_is_not_found(decided, world):
    assert fetch(world, decided, "minutes", "xlsx").status_code == 404


def test_recommendation_summary_xlsx(evaluating, world):
    rows = sheet_rows(fetch(world, evaluating, "recommendations", "xlsx"))
    assert rows[0][0] == f"{evaluating.title}后备干部推荐汇总表"
    headers = rows[1]
    assert headers[:6] == ["序号", "姓名", "性别", "出生年月", "部门", "现任职务"]
    assert "推荐票" not in headers  # no tier's ballot is counted
    total = headers.index("合计")
    col = channel_columns(headers)
    three = rows.index(next(r for r in rows if r[0] == "“三”近期梯队"))
    near, older, sum_row = rows[three + 1], rows[three + 2], rows[three + 3]
    assert [near[0], near[1], near[3]] == [1, "周近期", "1980年6月1日"]
    assert [older[0], older[1]] == [2, "吴资深"]
    assert near[total] == 3
    assert [near[col[c]] for c in ("leaders", "department", "subject_group", "grade", "self")] == [
        1,
        1,
        0,
        1,
        0,
    ]
    assert sum_row[0] == "合计"
    assert sum_row[col["department"]] == 2 and sum_row[total] == 4
    five = rows.index(next(r for r in rows if r[0] == "“五”中长期梯队"))
    assert [rows[five + 1][1], rows[five + 2][1]] == ["王中长", "冯新人"]
    notes = " ".join(str(r[0]) for r in rows[-2:])
    assert "甲中学" in notes and "2024年3月1日至2024年3月5日" in notes


def test_recommendation_summary_docx(evaluating, world):
    doc = document(fetch(world, evaluating, "recommendations", "docx"))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["“三”近期梯队", "“四”中期梯队", "“五”中长期梯队"]
    assert len(doc.tables) == 3
    table = cells(doc.tables[0])
    col = channel_columns(table[0])
    assert [row[1] for row in table[1:]] == ["周近期", "吴资深", ""]
    near = table[1]
    assert near[0] == "1" and near[table[0].index("合计")] == "3"
    assert [near[col["leaders"]], near[col["department"]], near[col["grade"]]] == ["1"] * 3
    assert table[-1][0] == "合计"
    section = doc.sections[0]
    assert section.page_width > section.page_height


def test_a_counted_ballot_ranks_and_shows_its_votes(recommended, staff, world):
    three = tier(recommended, "三")
    ballot = recommendation.ballot_create(actor="t", programme=recommended, tier=three)
    votes = {c.key: 5 if c.person == staff["older"] else 2 for c in ballot.candidates.all()}
    Evaluation.objects.filter(pk=ballot.pk).update(
        status=Evaluation.Status.CLOSED, result={"tally": {"votes": votes, "spoiled": 0}}
    )
    rows = sheet_rows(fetch(world, recommended, "recommendations", "xlsx"))
    ballot_col = rows[1].index("推荐票")
    start = rows.index(next(r for r in rows if r[0] == "“三”近期梯队"))
    assert [(r[1], r[ballot_col]) for r in rows[start + 1 : start + 4]] == [
        ("吴资深", 5),
        ("周近期", 2),
        (None, 7),  # the total row
    ]
    four = rows.index(next(r for r in rows if r[0] == "“四”中期梯队"))
    assert rows[four + 1][ballot_col] == "—"  # that tier held no ballot

    recommendation.recommendation_close(actor="t", programme=recommended, on=date(2024, 3, 5))
    rows = sheet_rows(fetch(world, recommended, "sheets", "xlsx"))
    support = rows[1].index("推荐情况")
    assert row_of(rows, "周近期")[support].endswith("；推荐票2")
    assert "推荐票" not in row_of(rows, "郑中期")[support]


def test_evaluation_table_xlsx(submitted, world):
    rows = sheet_rows(fetch(world, submitted, "sheets", "xlsx"))
    assert rows[0][0] == f"{submitted.title}综合考评表"
    headers = rows[1]
    at = {h: headers.index(h) for h in headers}
    near, older = row_of(rows, "周近期"), row_of(rows, "吴资深")
    assert near[at["推荐情况"]].startswith("“三”梯队 3票（")
    assert near[at["近五年考核"]] == "2023优秀"
    priority = near[at["优先条件"]]
    assert "年级组长4年6个月" in priority
    assert "2023年度考核优秀" in priority and "南通市优秀教师" in priority
    assert near[at["基本条件"]] == "6/6"
    assert near[at["拟定梯队"]] == "“三”近期梯队"
    assert near[at["年龄提示"]] is None
    assert older[at["年龄"]] == 47
    assert older[at["年龄提示"]] == "超出“三”梯队年龄要求（45周岁以下）"
    assert row_of(rows, "冯新人")[at["拟定梯队"]] == "未列入"
    assert row_of(rows, "王中长")[at["年龄提示"]] is None  # 30, about 30


def test_evaluation_table_docx(submitted, world):
    doc = document(fetch(world, submitted, "sheets", "docx"))
    assert len(doc.tables) == 1
    table = cells(doc.tables[0])
    warning = table[0].index("年龄提示")
    assert {row[1]: row[warning] for row in table[1:]}["吴资深"] == (
        "超出“三”梯队年龄要求（45周岁以下）"
    )
    assert sorted(row[1] for row in table[1:]) == sorted(
        ["周近期", "吴资深", "郑中期", "王中长", "冯新人"]
    )
    section = doc.sections[0]
    assert section.page_width > section.page_height


def test_decided_list_xlsx(decided, world):
    rows = sheet_rows(fetch(world, decided, "list", "xlsx"))
    assert rows[0][0] == f"{decided.title}后备干部名单"
    assert rows[1] == [
        "序号",
        "姓名",
        "性别",
        "出生年月",
        "年龄",
        "学历",
        "职称",
        "部门",
        "现任职务",
    ]
    three = rows.index(next(r for r in rows if r[0] == "“三”近期梯队（目标3名，实有2名）"))
    assert [r[1] for r in rows[three + 1 : three + 3]] == ["周近期", "吴资深"]
    assert rows[three + 1][4] == 43 and rows[three + 1][5] == "大学本科"
    assert "经2024年3月14日党委会讨论确定。" in [r[0] for r in rows]


def test_decided_list_docx(decided, world):
    doc = document(fetch(world, decided, "list", "docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"{decided.title}后备干部名单"
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 2"] == [
        "“三”近期梯队（目标3名，实有2名）",
        "“四”中期梯队（目标4名，实有1名）",
        "“五”中长期梯队（目标5名，实有1名）",
    ]
    names = [[row[1] for row in cells(t)[1:]] for t in doc.tables]
    assert names == [["周近期", "吴资深"], ["郑中期"], ["王中长"]]
    assert texts[-1] == "经2024年3月14日党委会讨论确定。"


def test_before_the_decision_the_list_is_the_preliminary_one(submitted, world):
    doc = document(fetch(world, submitted, "list", "docx"))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == f"{submitted.title}后备干部初步人选名单"
    assert [[row[1] for row in cells(t)[1:]] for t in doc.tables] == [
        ["周近期", "吴资深"],
        ["郑中期"],
        ["王中长"],
    ]
    assert not any("党委会讨论确定" in t for t in texts)
    rows = sheet_rows(fetch(world, submitted, "list", "xlsx"))
    assert rows[0][0] == f"{submitted.title}后备干部初步人选名单"
