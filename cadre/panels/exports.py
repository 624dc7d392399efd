"""Downloads of the oral defence, for the file and for the leading group's meeting.

The 评分汇总表: a row per candidate, a column per expert with his total (or 回避, 未提交), the
highest and lowest totals dropped, the panel's aggregate and the mean of each dimension.
The 综合成绩排名表: per position, the democratic evaluation, the defence, the composite, the
satisfaction gate and the shortlist for inspection (考察对象).

Every figure comes from `services.ranking`, so the sheets say what the ranking page says.
"""

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font, PatternFill

from cadre.documents.review_sheet import ORDINALS
from cadre.documents.xlsx_style import (
    DASH,
    FONT,
    NUMBER,
    PERCENT,
    TITLE_ROW,
    note,
    set_up_printing,
    style_table,
    write_headers,
)
from cadre.people.dates import format_cn

from . import scoring, services
from .models import Panel

RECUSED = "回避"
NOT_SUBMITTED = "未提交"
YES, NO = "是", "否"
BLOCK_FILL = PatternFill("solid", fgColor="F2F2F2")
SUMMARY_SIGNATURES = (
    "计分人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000"
    "监督人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000"
    "评委会主任（签字）：\u3000\u3000\u3000\u3000\u3000\u3000"
    "日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
)


def score_summary_xlsx(panel: Panel, stream) -> None:
    """The 现场答辩评分汇总表, with a chart of each candidate's 答辩得分."""
    rows = _in_blocks(services.ranking(panel))
    experts = list(panel.experts.prefetch_related("conflicts"))
    recused = {e.pk: {p.pk for p in e.conflicts.all()} for e in experts}
    dimensions = list(panel.dimensions)
    # (header, width) spanning both header rows, or (group header, [(header, width), ...]).
    columns = [
        ("序号", 6),
        ("姓名", 10),
        ("竞聘岗位", 20),
        ("评委评分", [(e.name, 9) for e in experts]),
        ("有效评分\n表数", 8),
        ("去掉最高分", 9),
        ("去掉最低分", 9),
        ("答辩得分", 10),
        ("各维度平均分", [(f"{d['label']}\n（{d['max']}分）", 10) for d in dimensions]),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "评分汇总表"
    campaign = panel.campaign
    widths = write_headers(
        ws, f"{campaign.organisation.name}{campaign.title}现场答辩评分汇总表", columns
    )
    header_rows = 2
    first = TITLE_ROW + header_rows + 1
    for number, row in enumerate(rows, start=1):
        mine = {s.expert_id: s for s in row["sheets"]}
        totals = [s.total for s in row["sheets"]]
        trimmed = bool(panel.trim_from) and len(totals) >= panel.trim_from
        ws.append(
            [
                number,
                row["person"].name,
                row["position"].title,
                *(_expert_cell(e, row["person"], mine, recused) for e in experts),
                len(totals),
                max(totals) if trimmed else DASH,
                min(totals) if trimmed else DASH,
                _or_dash(row["defence"]),
                *(_or_dash(row["dimensions"].get(d["code"])) for d in dimensions),
            ]
        )
    last = ws.max_row
    style_table(ws, TITLE_ROW + 1, header_rows, widths)
    note(ws, _summary_note(panel, len(experts)), len(widths))
    note(ws, SUMMARY_SIGNATURES, len(widths), gap=1)
    defence_col = 3 + len(experts) + 4
    if last >= first:
        chart = _chart(
            "各竞聘者答辩得分",
            "答辩得分",
            values=Reference(ws, min_col=defence_col, min_row=first, max_row=last),
            labels=Reference(ws, min_col=2, min_row=first, max_row=last),
            count=last - first + 1,
            maximum=panel.maximum,
        )
        ws.add_chart(chart, f"A{ws.max_row + 2}")
    set_up_printing(ws, header_rows, freeze_col=4)
    wb.save(stream)


def ranking_xlsx(panel: Panel, stream) -> None:
    """The 综合成绩排名表, a block per position, with a chart of each candidate's 综合成绩."""
    rows = services.ranking(panel)
    rate = panel.evaluation_measure == Panel.Measure.RATE
    columns = [
        ("名次", 6),
        ("姓名", 10),
        ("志愿", 10),
        ("民主测评\n（满意率）" if rate else "民主测评\n（加权得分）", 12),
        ("是否达到\n满意度要求", 11),
        ("答辩得分", 10),
        ("答辩得分\n（百分制）", 11),
        ("综合成绩", 10),
        ("是否列为\n考察对象", 11),
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "综合成绩排名表"
    campaign = panel.campaign
    widths = write_headers(
        ws, f"{campaign.organisation.name}{campaign.title}综合成绩排名表", columns
    )
    block_rows = []
    chart_points = []
    blocks = _blocks(rows)
    for position, mine in blocks:
        ws.append([f"竞聘岗位：{position.title}（考察对象 {panel.places(position)} 人）"])
        block_rows.append(ws.max_row)
        ws.merge_cells(
            start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(widths)
        )
        for row in mine:
            ws.append(
                [
                    _or_dash(row["rank"]),
                    row["person"].name,
                    _choice(row["choice"]),
                    _or_dash(row["evaluation"]),
                    YES if row["passed"] else NO,
                    _or_dash(row["defence"]),
                    _or_dash(_out_of_100(row["defence"], panel.maximum)),
                    _or_dash(row["composite"]),
                    YES if row["shortlisted"] else NO,
                ]
            )
            if rate and row["evaluation"] is not None:
                ws.cell(ws.max_row, 4).number_format = PERCENT
            label = row["person"].name
            if len(blocks) > 1:
                label = f"{label}（{position.title}）"
            chart_points.append((label, row["composite"]))
    style_table(ws, TITLE_ROW + 1, 1, widths)
    for r in block_rows:
        cell = ws.cell(r, 1)
        cell.font = Font(name=FONT, size=10.5, bold=True)
        cell.alignment = Alignment(horizontal="left", vertical="center")
        for c in range(1, len(widths) + 1):
            ws.cell(r, c).fill = BLOCK_FILL
    note(
        ws,
        f"综合成绩 = 民主测评 × {panel.evaluation_weight} + 答辩得分（百分制）"
        f"× {panel.defence_weight}；满意度未达到要求者不列为考察对象",
        len(widths),
    )
    if panel.shortlist_decision:
        when = format_cn(panel.shortlist_decision.date)
        note(ws, f"领导小组于{when}集体研究确定考察对象", len(widths), gap=0)
    if chart_points:
        ws.add_chart(_ranking_chart(wb, chart_points), f"A{ws.max_row + 2}")
    set_up_printing(ws, 1, freeze_col=1)
    wb.save(stream)


def _blocks(rows: list[dict]) -> list[tuple]:
    """The ranking's rows by position, positions in their order, rows in ranking order."""
    by_position: dict[int, tuple] = {}
    for row in rows:
        by_position.setdefault(row["position"].pk, (row["position"], []))[1].append(row)
    return sorted(by_position.values(), key=lambda b: (b[0].order, b[0].pk))


def _in_blocks(rows: list[dict]) -> list[dict]:
    return [row for _position, mine in _blocks(rows) for row in mine]


def _expert_cell(expert, person, sheets: dict, recused: dict):
    if person.pk in recused[expert.pk]:
        return RECUSED
    sheet = sheets.get(expert.pk)
    return sheet.total if sheet else NOT_SUBMITTED


def _or_dash(value):
    return DASH if value is None else value


def _choice(choice: int) -> str:
    return f"第{ORDINALS[choice - 1]}志愿" if 1 <= choice <= len(ORDINALS) else f"第{choice}志愿"


def _out_of_100(defence: Decimal | None, maximum: Decimal) -> Decimal | None:
    if defence is None or not maximum:
        return None
    return scoring.q(Decimal(defence) * 100 / Decimal(maximum))


def _summary_note(panel: Panel, experts: int) -> str:
    parts = "、".join(f"{d['label']}{d['max']}分" for d in panel.dimensions)
    if panel.trim_from:
        rule = (
            f"有效评分表达到{panel.trim_from}份的，去掉一个最高分和一个最低分后取平均分；"
            f"不足{panel.trim_from}份的，取全部有效评分的平均分"
        )
    else:
        rule = "取全部有效评分的平均分"
    return (
        f"说明：评委{experts}人，评分表满分{panel.maximum}分（{parts}）。{rule}；"
        f"“{RECUSED}”为评委申明回避，“{NOT_SUBMITTED}”为未提交评分表；分数保留两位小数。"
    )


def _chart(title, series, *, values, labels, count, maximum=None, horizontal=False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.grouping = "clustered"
    chart.title = title
    chart.add_data(values, titles_from_data=False)
    chart.series[0].tx = SeriesLabel(v=series)
    chart.set_categories(labels)
    chart.legend = None
    chart.dataLabels = DataLabelList()
    chart.dataLabels.showVal = True
    for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(chart.dataLabels, flag, False)
    chart.y_axis.scaling.min = 0
    if maximum:
        chart.y_axis.scaling.max = float(maximum)
    chart.y_axis.numFmt = "0"
    # openpyxl 3.1 writes the axes as deleted unless told otherwise; Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    if horizontal:
        chart.x_axis.scaling.orientation = "maxMin"  # the first ranked at the top
        chart.y_axis.crosses = "max"  # and the scale still at the bottom
        chart.height = max(7, 0.8 * count + 4)
        chart.width = 18
    else:
        chart.height = 9
        chart.width = max(16, 1.6 * count + 4)
    return chart


def _ranking_chart(wb: Workbook, points: list[tuple]) -> BarChart:
    """The blocks of the ranking sheet interrupt its columns, so the chart reads from a plain
    list of its own on a second sheet."""
    data = wb.create_sheet("图表数据")
    data.append(["竞聘者", "综合成绩"])
    for label, composite in points:
        data.append([label, composite])
        if composite is not None:
            data.cell(data.max_row, 2).number_format = NUMBER
    data.column_dimensions["A"].width = 28
    data.column_dimensions["B"].width = 10
    last = data.max_row
    return _chart(
        "各竞聘者综合成绩",
        "综合成绩",
        values=Reference(data, min_col=2, min_row=2, max_row=last),
        labels=Reference(data, min_col=1, min_row=2, max_row=last),
        count=len(points),
        maximum=Decimal(100),
        horizontal=True,
    )
