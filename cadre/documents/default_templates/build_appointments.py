"""Builds the default templates of the appointment's documents: appointment_form.docx (干部任免
审批表), responsibility_letter.docx (聘用目标责任书) and post_certificate.docx (岗位证书).

Run `python cadre/documents/default_templates/build_appointments.py` after changing a layout
and commit the .docx files with it. As with build.py, the files are generated so that every
jinja tag sits whole in a single run.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from cadre.documents.docx_style import (
    A4,
    TITLE_FONT,
    add_title,
    plain_body,
    set_fonts,
    set_height,
    set_table_properties,
    write,
)

HERE = Path(__file__).parent
LEFT, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
SPACE = "\u3000"
STAMP_LINE = f"（盖章）{SPACE * 4}"
BLANK_DATE_LINE = f"年{SPACE * 2}月{SPACE * 2}日{SPACE * 2}"


def tag(name: str) -> str:
    return "{{ " + name + " }}"


def new_document(title: str, *, size, margins, landscape: bool = False):
    """A4 in 宋体 at `size`, margins (top, right, bottom, left), no space between paragraphs."""
    doc = Document()
    section = doc.sections[0]
    width, height = A4
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin) = margins
    plain_body(doc, size)
    doc.core_properties.title = title
    doc.core_properties.author = "Cadre"
    return doc


def text(container, content: str = "", *, indent=None, align=None, bold=False, first=False):
    """A paragraph; a newline in `content` becomes a line break. `first` writes into the
    paragraph a new table cell already has."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    if indent is not None:
        paragraph.paragraph_format.first_line_indent = indent
    if align is not None:
        paragraph.alignment = align
    lines = content.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def no_borders(table) -> None:
    """A table used for layout only."""
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for edge in borders:
        edge.set(qn("w:val"), "nil")


def cant_split(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


# ---------------------------------------------------------------- 干部任免审批表

# A4 with 1.9 cm side margins leaves 17.2 cm over seven columns; the last holds the photo.
FORM_MARGINS = (Cm(2.0), Cm(1.9), Cm(1.6), Cm(1.9))
FORM_COLUMNS = (Cm(2.2), Cm(2.5), Cm(2.2), Cm(2.5), Cm(2.3), Cm(2.6), Cm(2.9))
FORM_SIZE = Pt(10.5)  # 五号
CELL_MARGIN = Cm(0.1)
ROW = Cm(1.15)
POST_ROW = Cm(0.95)
# The 简历 fills the rest of the first page.
RESUME_HEIGHT = Cm(14.6)
# The dates of a 简历 line, 2015.09—2020.08, are 14 half-width characters and the dash: the
# text after the tab starts nine characters of 五号 in, and a period whose text runs onto a
# second line continues under its text, not under its dates.
RESUME_HANG = Pt(9 * 10.5)
# (label, tag) pairs of the first three rows, left of the photo.
HEAD_ROWS = (
    (("姓\u3000名", "name"), ("性\u3000别", "gender"), ("出生年月\n（岁）", None)),
    (("民\u3000族", "ethnicity"), ("籍\u3000贯", "native_place"), ("出 生 地", "birthplace")),
    (
        ("入\u3000党\n时\u3000间", "party_date"),
        ("参加工\n作时间", "work_start_date"),
        ("健康状况", "health"),
    ),
)
POST_ROWS = (
    ("现 任 职 务", "current_post"),
    ("拟 任 职 务", "proposed_post"),
    ("拟 免 职 务", "leaving_post"),
)
FAMILY_ROWS = 7
FAMILY_HEADERS = ("称\u3000谓", "姓\u3000名", "年\u3000龄", "政治\n面貌")


def _form_table(doc, rows: int):
    table = doc.add_table(rows=rows, cols=len(FORM_COLUMNS))
    set_table_properties(table, FORM_COLUMNS, CELL_MARGIN)
    return table


def _span(table, row: int, first: int, last: int):
    return table.cell(row, first).merge(table.cell(row, last))


def _form_front(doc) -> None:
    table = _form_table(doc, 10)
    for r, pairs in enumerate(HEAD_ROWS):
        for i, (label, name) in enumerate(pairs):
            write(table.cell(r, 2 * i), label)
            if name:
                write(table.cell(r, 2 * i + 1), tag(name))
    write(table.cell(0, 5), tag("birth") + "\n（" + tag("age") + "岁）")
    write(table.cell(0, 6).merge(table.cell(3, 6)), "照\u3000片")
    write(table.cell(3, 0), "专业技\n术职务")
    write(_span(table, 3, 1, 2), tag("title"))
    write(table.cell(3, 3), "熟悉专业\n有何专长")
    write(_span(table, 3, 4, 5), tag("speciality"))
    write(table.cell(4, 0).merge(table.cell(5, 0)), "学\u3000历\n学\u3000位")
    for r, (kind, studied, school) in enumerate(
        (
            ("全日制\n教\u3000育", "education_degree", "graduated"),
            ("在\u3000职\n教\u3000育", "in_service_education_degree", "in_service_graduated"),
        ),
        start=4,
    ):
        write(table.cell(r, 1), kind)
        write(_span(table, r, 2, 3), tag(studied))
        write(table.cell(r, 4), "毕业院校\n系及专业")
        write(_span(table, r, 5, 6), tag(school), align=LEFT)
    for r, (label, name) in enumerate(POST_ROWS, start=6):
        write(_span(table, r, 0, 1), label)
        write(_span(table, r, 2, 6), tag(name), align=LEFT)
    _resume(table, 9)
    for r in range(6):
        set_height(table.rows[r], ROW)
        cant_split(table.rows[r])
    for r in range(6, 9):
        set_height(table.rows[r], POST_ROW)
        cant_split(table.rows[r])
    set_height(table.rows[9], RESUME_HEIGHT)


def _resume(table, r: int) -> None:
    write(table.cell(r, 0), "简\n\n\n\n\n\n历")
    cell = _span(table, r, 1, 6)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    # One paragraph per period, so that each keeps the hanging indent; the closing empty
    # paragraph keeps the cell valid for someone without any post history.
    text(cell, "{%p for line in resume_lines %}", first=True)
    line = text(cell, tag("line"))
    line.paragraph_format.left_indent = RESUME_HANG
    line.paragraph_format.first_line_indent = -RESUME_HANG
    line.paragraph_format.tab_stops.add_tab_stop(RESUME_HANG)
    line.paragraph_format.space_before = Pt(2)
    text(cell, "{%p endfor %}")
    text(cell)


def _vertical(label: str) -> str:
    """A label written down a narrow column, one character a line, as on the printed form."""
    return "\n".join(label)


def _page_break(doc) -> None:
    """A near-invisible paragraph that starts the back of the form on a new page wherever the
    front ends (a page-break character would add a blank page after a full front)."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.page_break_before = True
    mark = paragraph.add_run("")
    mark.font.size = Pt(1)
    paragraph.paragraph_format.line_spacing = Pt(1)


def _form_back(doc) -> None:
    family_first = 3
    signing = family_first + 1 + FAMILY_ROWS
    table = _form_table(doc, signing + 2)
    for r, (label, name, height) in enumerate(
        (
            (_vertical("奖惩情况"), "rewards", Cm(4.8)),
            ("年度考\n核结果", "appraisals", Cm(1.8)),
            (_vertical("任免理由"), "reason", Cm(3.4)),
        )
    ):
        write(table.cell(r, 0), label)
        write(_span(table, r, 1, 6), tag(name), align=LEFT, top=name != "appraisals")
        set_height(table.rows[r], height)
    write(
        table.cell(family_first, 0).merge(table.cell(signing - 1, 0)),
        "家庭\n主要\n成员\n及重\n要社\n会关\n系",
    )
    for c, header in enumerate(FAMILY_HEADERS, start=1):
        write(table.cell(family_first, c), header)
    write(_span(table, family_first, 5, 6), "工 作 单 位 及 职 务")
    for r in range(family_first, signing):
        if r > family_first:
            _span(table, r, 5, 6)
        set_height(table.rows[r], Cm(0.85))
        cant_split(table.rows[r])
    write(table.cell(signing, 0), "呈报\n单位")
    cell = _span(table, signing, 1, 6)
    write(cell, tag("school_name"), top=True)
    text(cell, STAMP_LINE, align=RIGHT).paragraph_format.space_before = Pt(30)
    text(cell, tag("filled_date") + SPACE * 2, align=RIGHT)
    set_height(table.rows[signing], Cm(3.0))
    approving = signing + 1
    write(table.cell(approving, 0), "审批\n机关\n意见")
    write(table.cell(approving, 4), "行政\n机关\n任免\n意见")
    for first, last in ((1, 3), (5, 6)):
        cell = _span(table, approving, first, last)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        text(cell, STAMP_LINE, align=RIGHT, first=True)
        text(cell, BLANK_DATE_LINE, align=RIGHT).paragraph_format.space_after = Pt(6)
    set_height(table.rows[approving], Cm(3.8))
    for r in (signing, approving):
        cant_split(table.rows[r])


def build_appointment_form(path: Path = HERE / "appointment_form.docx") -> Path:
    doc = new_document("干部任免审批表", size=FORM_SIZE, margins=FORM_MARGINS)
    add_title(doc, "干部任免审批表", size=Pt(22), space_after=Pt(10))
    _form_front(doc)
    _page_break(doc)
    _form_back(doc)
    filler = doc.add_paragraph()
    filler.paragraph_format.space_before = Pt(6)
    filler.add_run(f"填表人：{SPACE * 10}")
    doc.save(path)
    return path


# ---------------------------------------------------------------- 聘用目标责任书

LETTER_MARGINS = (Cm(2.5), Cm(2.6), Cm(2.3), Cm(2.6))
LETTER_SIZE = Pt(12)  # 小四
INDENT = Pt(24)  # two characters
TARGET_LINES = 6
SECTIONS = (
    ("一、岗位职责", tag("duties")),
    ("二、岗位分工", tag("division_of_work")),
)
DUTIES_OF_THE_SCHOOL = (
    "1．为乙方履行岗位职责提供必要的工作条件，支持乙方依法依规开展工作。",
    "2．按学校中层干部管理办法对乙方进行年度考核和聘期考核，考核结果作为续聘、"
    "调整、解聘和奖惩的依据。",
)
DUTIES_OF_THE_APPOINTEE = (
    "1．遵守国家法律法规和学校规章制度，落实党风廉政建设责任，廉洁自律。",
    "2．认真履行岗位职责，完成本责任书确定的工作目标，接受学校和教职工的监督。",
    "3．聘期内每年年底向学校述职，报告目标完成情况。",
)
OTHER_TERMS = (
    "1．乙方年度考核不称职或不能履行岗位职责的，甲方可按程序予以解聘。",
    "2．本责任书未尽事宜，由双方协商解决。",
    "3．本责任书一式两份，甲、乙双方各执一份，自签订之日起生效。",
)


def _heading(doc, content: str):
    paragraph = text(doc, content, bold=True)
    paragraph.paragraph_format.space_before = Pt(8)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.keep_with_next = True
    set_fonts(paragraph.runs[0]._element, TITLE_FONT)
    return paragraph


def _target_lines(doc) -> None:
    """Ruled lines the two parties fill in by hand."""
    section = doc.sections[0]
    width = Emu(section.page_width - section.left_margin - section.right_margin)
    table = doc.add_table(rows=TARGET_LINES, cols=1)
    set_table_properties(table, (width,), Cm(0))
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    for edge in borders:
        if edge.tag not in (qn("w:bottom"), qn("w:insideH")):
            edge.set(qn("w:val"), "nil")
        else:
            edge.set(qn("w:sz"), "4")
    for i, row in enumerate(table.rows, start=1):
        write(row.cells[0], f"{i}．", align=LEFT)
        row.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        set_height(row, Cm(0.95))


def _signatures(doc) -> None:
    table = doc.add_table(rows=3, cols=2)
    half = (Cm(7.9), Cm(7.9))
    set_table_properties(table, half, Cm(0))
    no_borders(table)
    rows = (
        ("甲方（盖章）：", "乙方（签字）："),
        ("法定代表人（签字）：", ""),
        (tag("signed_date"), tag("signed_date")),
    )
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            write(cell, value, align=LEFT)
        set_height(row, Cm(1.2))
        cant_split(row)


def build_responsibility_letter(path: Path = HERE / "responsibility_letter.docx") -> Path:
    doc = new_document("中层干部聘用目标责任书", size=LETTER_SIZE, margins=LETTER_MARGINS)
    normal = doc.styles["Normal"].paragraph_format
    normal.line_spacing = 1.5
    add_title(doc, tag("school_name"), size=Pt(18), space_after=Pt(0))
    add_title(doc, "中层干部聘用目标责任书", size=Pt(18), space_after=Pt(18))
    text(doc, "甲方（聘用单位）：" + tag("school_name"))
    text(doc, "乙方（受聘人员）：" + tag("name"))
    text(
        doc,
        "根据《"
        + tag("campaign_title")
        + "》，经公开竞聘、民主测评、组织考察、公示和党政联席会议研究决定，甲方聘任乙方为"
        + tag("position")
        + "，聘期"
        + tag("term_years")
        + "年，自"
        + tag("term_start")
        + "起至"
        + tag("term_end")
        + "止。为明确岗位职责和工作目标，经双方协商一致，签订本责任书。",
        indent=INDENT,
    ).paragraph_format.space_before = Pt(6)
    for heading, body in SECTIONS:
        _heading(doc, heading)
        text(doc, body, indent=INDENT)
    _heading(doc, "三、工作目标")
    text(doc, "聘期内乙方应完成的主要工作目标（由双方商定后填写）：", indent=INDENT)
    _target_lines(doc)
    for heading, terms in (
        ("四、甲方的责任", DUTIES_OF_THE_SCHOOL),
        ("五、乙方的责任", DUTIES_OF_THE_APPOINTEE),
        ("六、其他", OTHER_TERMS),
    ):
        _heading(doc, heading)
        for term in terms:
            text(doc, term, indent=INDENT)
    text(doc).paragraph_format.space_after = Pt(12)
    _signatures(doc)
    doc.save(path)
    return path


# ---------------------------------------------------------------- 岗位证书

CERTIFICATE_MARGINS = (Cm(3.0), Cm(3.5), Cm(2.5), Cm(3.5))
CERTIFICATE_SIZE = Pt(18)  # 小二


def _page_border(section) -> None:
    """A double frame round the page, as certificates have."""
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for edge in ("top", "left", "bottom", "right"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "thinThickSmallGap")
        border.set(qn("w:sz"), "24")
        border.set(qn("w:space"), "28")
        border.set(qn("w:color"), "9C1C1C")
        borders.append(border)
    # The schema wants pgBorders right after the margins.
    section._sectPr.find(qn("w:pgMar")).addnext(borders)


def build_post_certificate(path: Path = HERE / "post_certificate.docx") -> Path:
    doc = new_document(
        "岗位证书", size=CERTIFICATE_SIZE, margins=CERTIFICATE_MARGINS, landscape=True
    )
    _page_border(doc.sections[0])
    heading = add_title(doc, "岗\u2002位\u2002证\u2002书", size=Pt(42), space_after=Pt(36))
    heading.paragraph_format.space_before = Pt(18)
    body = text(
        doc,
        "兹聘任"
        + tag("name")
        + "同志为"
        + tag("position")
        + "，聘期自"
        + tag("term_start")
        + "至"
        + tag("term_end")
        + "。",
        indent=Pt(36),
    )
    body.paragraph_format.line_spacing = 1.8
    text(doc, "特发此证。", indent=Pt(36)).paragraph_format.line_spacing = 1.8
    school = text(doc, tag("school_name") + SPACE * 2, align=RIGHT)
    school.paragraph_format.space_before = Pt(54)
    text(doc, tag("signed_date") + SPACE * 2, align=RIGHT).paragraph_format.space_before = Pt(6)
    doc.save(path)
    return path


def build() -> list[Path]:
    return [build_appointment_form(), build_responsibility_letter(), build_post_certificate()]


if __name__ == "__main__":
    for built in build():
        print(built)
