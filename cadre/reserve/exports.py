"""The programme's tables as files, each as a spreadsheet or a Word document: the
后备干部推荐汇总表 (the counts of the democratic recommendation per tier), the 综合考评表 (a row
per nominee) and the 后备干部名单 (the committee's list, or the preliminary list before it).

Every figure comes from `selectors`, so a file says what the programme's pages say. Each
table is described once (`_Table`) and drawn by `_xlsx` or `_docx`, so that both formats
carry the same rows.
"""

import math
from dataclasses import dataclass, field

from django.utils import translation
from docx.enum.section import WD_ORIENT
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from cadre.documents import docx_style as style
from cadre.documents.xlsx_style import (
    DASH,
    FONT,
    TITLE_ROW,
    note,
    set_up_printing,
    style_table,
    write_headers,
)
from cadre.people.dates import age_on, format_cn

from . import selectors
from .arithmetic import AgeFit
from .models import Programme

NOT_LISTED = "未列入"
BLOCK_FILL = PatternFill("solid", fgColor="F2F2F2")  # as the panels' ranking sheet
LINE_HEIGHT = 14  # points per wrapped line of 10.5 pt 宋体


@dataclass
class _Table:
    title: str
    sheet: str  # the worksheet's name (at most 31 characters)
    columns: list[tuple[str, int]]  # (header, width in Excel's units); Word takes the proportions
    blocks: list[tuple[str, list[list]]]  # (heading, rows); an empty heading for a lone table
    notes: list[str] = field(default_factory=list)
    left: frozenset[int] = frozenset()  # columns of sentences, which read best aligned left
    landscape: bool = False
    closing: str = ""


# ---------------------------------------------------------------- the tables


def write_recommendations(programme: Programme, stream, fmt: str) -> None:
    with translation.override("zh-hans"):
        counted = list(selectors.counts(programme).values())
        channels = [str(c.label) for c in selectors.CHANNELS]
        # One column set for every tier; a tier whose ballot is not counted shows a dash in it.
        ballot = any(c.ballot_counted for c in counted)
        columns = [
            ("序号", 6),
            ("姓名", 8),
            ("性别", 6),
            ("出生年月", 16),
            ("部门", 12),
            ("现任职务", 14),
            *((label, 9) for label in channels),
            ("合计", 6),
            *([("推荐票", 7)] if ballot else []),
        ]
        blocks = []
        for c in counted:
            rows = [
                [
                    n.rank,
                    *_person(n.person),
                    _department(n.person),
                    n.person.current_post or DASH,
                    *n.by_channel,
                    n.count.total,
                    *([n.count.ballot if c.ballot_counted else DASH] if ballot else []),
                ]
                for n in c.nominees
            ]
            votes = sum(n.count.ballot for n in c.nominees) if c.ballot_counted else DASH
            rows.append(
                ["合计", "", "", "", "", "", *c.by_channel, c.total, *([votes] if ballot else [])]
            )
            blocks.append((str(c.tier), rows))
        window = f"{format_cn(programme.recommendation_opens)}至"
        window += format_cn(programme.recommendation_closes)
        table = _Table(
            title=f"{programme.title}后备干部推荐汇总表",
            sheet="后备干部推荐汇总表",
            columns=columns,
            blocks=blocks,
            notes=[f"单位：{programme.organisation.name}\u3000\u3000推荐时间：{window}"],
            landscape=True,
        )
        _write(table, stream, fmt)


def write_sheets(programme: Programme, stream, fmt: str) -> None:
    with translation.override("zh-hans"):
        counted = {c.tier.pk for c in selectors.counts(programme).values() if c.ballot_counted}
        channels = [str(c.label) for c in selectors.CHANNELS]
        criteria = len(programme.criteria)
        rows = [
            [
                number,
                row.person.name,
                row.person.gender,
                row.age,
                row.person.current_post or DASH,
                "\n".join(_support(t, n, channels, t.pk in counted) for t, n in row.support)
                or DASH,
                "、".join(
                    f"{a.year}{a.result}" for a in sorted(row.appraisals, key=lambda a: -a.year)
                )
                or DASH,
                _priority(row.priority),
                f"{row.criteria_attested}/{criteria}",
                row.sheet.staff_opinion or DASH,
                row.sheet.conduct or DASH,
                str(row.sheet.proposed_tier) if row.sheet.proposed_tier else NOT_LISTED,
                _age_warning(row),
            ]
            for number, row in enumerate(selectors.sheet_rows(programme), start=1)
        ]
        table = _Table(
            title=f"{programme.title}综合考评表",
            sheet="综合考评表",
            columns=[
                ("序号", 6),
                ("姓名", 8),
                ("性别", 6),
                ("年龄", 6),
                ("现任职务", 12),
                ("推荐情况", 22),
                ("近五年考核", 12),
                ("优先条件", 20),
                ("基本条件", 7),
                ("教职工代表意见", 14),
                ("一贯表现", 14),
                ("拟定梯队", 14),
                ("年龄提示", 14),
            ],
            blocks=[("", rows)],
            notes=[
                f"年龄按{format_cn(programme.reference_date)}计算周岁；基本条件为符合选拔标准"
                f"第1至{criteria}项的项数；优先条件按近五年计。"
            ],
            left=frozenset({5, 6, 7, 9, 10, 12}),
            landscape=True,
        )
        _write(table, stream, fmt)


def write_list(programme: Programme, stream, fmt: str) -> None:
    with translation.override("zh-hans"):
        decided = programme.status == Programme.Status.DECIDED
        lists = selectors.decided(programme) if decided else selectors.preliminary(programme)
        on = programme.reference_date
        blocks = [
            (
                f"{t.tier}（目标{t.tier.target}名，实有{len(t.rows)}名）",
                [[i, *_person(r.person, on)] for i, r in enumerate(t.rows, start=1)],
            )
            for t in lists
        ]
        closing = ""
        if decided and programme.decision:
            closing = f"经{format_cn(programme.decision.date)}党委会讨论确定。"
        kind = "后备干部名单" if decided else "后备干部初步人选名单"
        table = _Table(
            title=f"{programme.title}{kind}",
            sheet=kind,
            columns=[
                ("序号", 6),
                ("姓名", 8),
                ("性别", 6),
                ("出生年月", 16),
                ("年龄", 6),
                ("学历", 10),
                ("职称", 10),
                ("部门", 12),
                ("现任职务", 14),
            ],
            blocks=blocks,
            notes=[f"单位：{programme.organisation.name}\u3000\u3000年龄按{format_cn(on)}计算周岁"],
            closing=closing,
        )
        _write(table, stream, fmt)


KINDS = {
    "recommendations": ("后备干部推荐汇总表", write_recommendations),
    "sheets": ("综合考评表", write_sheets),
    "list": ("后备干部名单", write_list),
}


def _department(person) -> str:
    return person.department.name if person.department else DASH


def _person(person, on=None) -> list:
    """姓名, 性别, 出生年月, then (given the day ages are counted to) 年龄, 学历, 职称, 部门,
    现任职务."""
    cells = [person.name, person.gender, person.birth_display]
    if on is None:
        return cells
    return [
        *cells,
        age_on(person.birth_date, on),
        person.education or DASH,
        person.title or DASH,
        _department(person),
        person.current_post or DASH,
    ]


def _support(tier, nominee, channels: list[str], ballot: bool) -> str:
    """“三”梯队 3票（领导1、处室1、年级部1）；推荐票5"""
    by = "、".join(
        f"{label}{n}" for label, n in zip(channels, nominee.by_channel, strict=True) if n
    )
    text = f"“{tier.code}”梯队 {nominee.count.total}票" + (f"（{by}）" if by else "")
    return text + (f"；推荐票{nominee.count.ballot}" if ballot else "")


def _priority(priority) -> str:
    parts = [f"{role}{held}" for role, held in priority.roles]
    if priority.excellent_years:
        parts.append(f"{'、'.join(map(str, priority.excellent_years))}年度考核优秀")
    parts.extend(priority.honours)
    return "；".join(parts) or DASH


def _age_warning(row) -> str:
    tier = row.sheet.proposed_tier
    if row.age_fit == AgeFit.OLDER:
        return f"超出“{tier.code}”梯队年龄要求（{tier.age_text}）"
    if row.age_fit == AgeFit.YOUNGER:
        return f"低于“{tier.code}”梯队年龄要求（{tier.age_text}）"
    return ""


# ---------------------------------------------------------------- drawing


def _write(table: _Table, stream, fmt: str) -> None:
    (_xlsx if fmt == "xlsx" else _docx)(table, stream)


def _xlsx(table: _Table, stream) -> None:
    """One sheet: the title, the header row, and each tier as a shaded heading row over its
    rows, as the panels' ranking sheet shows its positions."""
    wb = Workbook()
    ws = wb.active
    ws.title = table.sheet[:31]
    widths = write_headers(ws, table.title, table.columns)
    headings = []
    for heading, rows in table.blocks:
        if heading:
            ws.append([heading])
            headings.append(ws.max_row)
            ws.merge_cells(
                start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(widths)
            )
        for row in rows:
            ws.append(row)
    style_table(ws, TITLE_ROW + 1, 1, widths)
    for row in ws.iter_rows(min_row=TITLE_ROW + 2, max_col=len(widths)):
        if row[0].row in headings:
            for cell in row:
                cell.fill = BLOCK_FILL
            row[0].font = Font(name=FONT, size=10.5, bold=True)
            row[0].alignment = Alignment(horizontal="left", vertical="center")
            continue
        for cell in row:
            if cell.column - 1 in table.left and cell.value != DASH:
                cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
        # style_table draws every row one line high; sentences need as many as they wrap to.
        lines = max(_lines(cell.value, widths[cell.column - 1]) for cell in row)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines + 6
    for text in [*table.notes, table.closing]:
        if text:
            note(ws, text, len(widths))
    set_up_printing(ws, 1, freeze_col=3)
    wb.save(stream)


def _lines(value, width: int) -> int:
    """The lines a cell wraps to, a Chinese character taking about two of Excel's units."""
    if value is None:
        return 1
    return sum(
        max(1, math.ceil(sum(2 if ord(c) > 0x2000 else 1 for c in line) / max(width - 1, 1)))
        for line in str(value).split("\n")
    )


def _docx(table: _Table, stream) -> None:
    """A title, the notes, then a ruled table per tier under its heading."""
    doc = style.a4_document(table.title)
    # A document of tables: single-spaced, and no gap between Chinese and digits in cells.
    style.plain_body(doc, style.BODY_SIZE)
    if table.landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = style.A4[1], style.A4[0]
    style.add_title(doc, table.title)
    for text in table.notes:
        style.add_paragraph(doc, text, indent=False)
    headers = [header for header, _width in table.columns]
    widths = [width for _header, width in table.columns]
    for heading, rows in table.blocks:
        if heading:
            doc.add_heading(heading, level=2)
        cells = [
            [(v, "left") if i in table.left and v != DASH else str(v) for i, v in enumerate(row)]
            for row in rows
        ]
        style.add_table(doc, headers, cells, widths)
    if table.closing:
        style.add_paragraph(doc, table.closing)
    doc.save(stream)
