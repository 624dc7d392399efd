import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from cadre.decisions.services import Vote, decision_record
from cadre.panels import services
from cadre.panels.exports import ranking_xlsx, score_summary_xlsx

FULL = {"political": "20", "organising": "20", "managing": "20", "coordinating": "20"}
SUMMARY_HEADER_ROW, SUMMARY_FIRST_ROW = 3, 4  # two header rows under the title
RANKING_HEADER_ROW = 2


@pytest.fixture
def panel(reviewed, world):
    p = services.panel_create(actor=world.users["school_admin"], campaign=reviewed)
    p.experts_list = [
        services.expert_add(actor="t", panel=p, name=f"专家{i}", affiliation="市教科院")[0]
        for i in range(5)
    ]
    services.panel_open(actor="t", panel=p)
    return p


def score(expert, person, submit=True, **points):
    return services.sheet_save(
        expert=expert,
        person=person,
        raw_points={**FULL, **points},
        submit=submit,
        signature=expert.name if submit else "",
    )


@pytest.fixture
def scored(panel, reviewed):
    """甲: 专家0 recused, four sheets (no trimming); 乙: five sheets, the highest and lowest
    dropped; 丙: four sheets and 专家4's draft, not submitted."""
    a, b, c = reviewed.people
    e = panel.experts_list
    services.conflict_declare(expert=e[0], person=a, conflicted=True)
    for expert, political in zip(e[1:], ("10", "11", "12", "13"), strict=True):
        score(expert, a, political=political)  # 70, 71, 72, 73
    for expert, political in zip(e, ("20", "22.5", "18", "25", "10"), strict=True):
        score(expert, b, political=political)  # 80, 82.5, 78, 85, 70
    for expert in e[:4]:
        score(expert, c, political="25")  # 85
    score(e[4], c, submit=False, political="24")
    services.panel_close(actor="t", panel=panel)
    return panel


def workbook(write, panel):
    buf = io.BytesIO()
    write(panel, buf)
    buf.seek(0)
    return load_workbook(buf)


def header(ws, row):
    """A header row's labels, without the line breaks that fit them in narrow columns."""
    return [c.value.replace("\n", "") if c.value else c.value for c in ws[row]]


def records(ws, header_row, first_row, key="姓名"):
    """The sheet's data rows, by candidate name, as {header: value}."""
    headers = header(ws, header_row)
    # A header merged over both header rows is written in the upper one.
    if header_row > 2:
        upper = header(ws, header_row - 1)
        headers = [h if h is not None else u for h, u in zip(headers, upper, strict=True)]
    out = {}
    for row in ws.iter_rows(min_row=first_row, values_only=True):
        record = dict(zip(headers, row, strict=False))
        name = record.get(key)
        if name and name in {"甲", "乙", "丙"}:
            out[name] = record
    return out


def figure(value) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def test_the_score_summary_has_a_column_per_expert_and_the_panels_aggregate(scored, reviewed):
    wb = workbook(score_summary_xlsx, scored)
    ws = wb["评分汇总表"]
    assert ws["A1"].value == "甲中学2025年中层干部聘任工作方案现场答辩评分汇总表"
    assert ws.cell(2, 4).value == "评委评分"
    headers = header(ws, SUMMARY_HEADER_ROW)
    assert headers[3:8] == [f"专家{i}" for i in range(5)]
    rows = records(ws, SUMMARY_HEADER_ROW, SUMMARY_FIRST_ROW)
    ranking = {r["person"].name: r for r in services.ranking(scored)}

    a, b, c = rows["甲"], rows["乙"], rows["丙"]
    assert a["专家0"] == "回避"
    assert [a[f"专家{i}"] for i in range(1, 5)] == [70, 71, 72, 73]
    assert a["有效评分表数"] == 4 and a["去掉最高分"] == a["去掉最低分"] == "—"
    assert [b[f"专家{i}"] for i in range(5)] == [80, 82.5, 78, 85, 70]
    assert (b["去掉最高分"], b["去掉最低分"]) == (85, 70)
    assert c["专家4"] == "未提交" and c["有效评分表数"] == 4
    for name, record in rows.items():
        assert figure(record["答辩得分"]) == ranking[name]["defence"]
        assert record["竞聘岗位"] == "党政办公室副主任"
    assert figure(b["答辩得分"]) == Decimal("80.17")  # (80 + 82.5 + 78) / 3
    assert (
        figure(b["政治素养（25分）"]) == ranking["乙"]["dimensions"]["political"] == Decimal("19.1")
    )

    first = SUMMARY_FIRST_ROW
    assert [ws.cell(r, 2).value for r in range(first, first + 3)] == [
        r["person"].name for r in services.ranking(scored)
    ]  # in ranking order
    col = [c.value for c in ws[2]].index("答辩得分") + 1
    assert ws.cell(SUMMARY_FIRST_ROW, col).number_format == "0.00"
    assert ws.freeze_panes == "D4"
    assert ws.page_setup.orientation == "landscape"
    assert ws._charts


def test_the_ranking_sheet_says_what_the_ranking_says(scored, reviewed):
    members = list(reviewed.leading_group.members.all())
    decision = decision_record(
        actor="t",
        body=reviewed.leading_group,
        subject="考察对象",
        kind="shortlist",
        on=date(2025, 7, 3),
        present=members,
        vote=Vote(4),
    )
    services.shortlist_confirm(actor="t", panel=scored, decision=decision)
    scored.refresh_from_db()
    wb = workbook(ranking_xlsx, scored)
    ws = wb["综合成绩排名表"]
    headers = header(ws, RANKING_HEADER_ROW)
    assert headers == [
        "名次",
        "姓名",
        "志愿",
        "民主测评（满意率）",
        "是否达到满意度要求",
        "答辩得分",
        "答辩得分（百分制）",
        "综合成绩",
        "是否列为考察对象",
    ]
    assert ws.cell(3, 1).value.startswith("竞聘岗位：党政办公室副主任")
    rows = records(ws, RANKING_HEADER_ROW, RANKING_HEADER_ROW + 1)
    ranking = services.ranking(scored)
    assert [ws.cell(r, 2).value for r in range(4, 7)] == [r["person"].name for r in ranking]
    for r in ranking:
        record = rows[r["person"].name]
        assert record["名次"] == r["rank"]
        assert record["志愿"] == "第一志愿"
        assert figure(record["民主测评（满意率）"]) == r["evaluation"]
        assert figure(record["答辩得分"]) == r["defence"]
        assert figure(record["答辩得分（百分制）"]) == r["defence"]  # out of 100 already
        assert figure(record["综合成绩"]) == r["composite"]
        assert record["是否达到满意度要求"] == ("是" if r["passed"] else "否")
        assert record["是否列为考察对象"] == ("是" if r["shortlisted"] else "否")
    assert rows["丙"]["是否达到满意度要求"] == "否" and rows["丙"]["是否列为考察对象"] == "否"
    assert sum(1 for r in rows.values() if r["是否列为考察对象"] == "是") == 1
    assert ws.cell(4, 4).number_format == '0.00"%"'
    notes = [ws.cell(r, 1).value for r in range(7, ws.max_row + 1)]
    assert (
        "综合成绩 = 民主测评 × 0.40 + 答辩得分（百分制）× 0.60；满意度未达到要求者不列为考察对象"
    ) in notes
    assert "领导小组于2025年7月3日集体研究确定考察对象" in notes
    assert ws._charts
    assert wb["图表数据"]["B2"].value is not None


def test_the_exports_work_before_anyone_has_scored(panel):
    summary = workbook(score_summary_xlsx, panel)["评分汇总表"]
    rows = records(summary, SUMMARY_HEADER_ROW, SUMMARY_FIRST_ROW)
    assert rows["甲"]["专家0"] == "未提交" and rows["甲"]["答辩得分"] == "—"
    assert rows["甲"]["有效评分表数"] == 0
    ranking = workbook(ranking_xlsx, panel)["综合成绩排名表"]
    rows = records(ranking, RANKING_HEADER_ROW, RANKING_HEADER_ROW + 1)
    assert rows["甲"]["名次"] == "—" and rows["甲"]["综合成绩"] == "—"
    assert all(r["是否列为考察对象"] == "否" for r in rows.values())
    notes = [ranking.cell(r, 1).value for r in range(1, ranking.max_row + 1)]
    assert not any("领导小组于" in (n or "") for n in notes)
