"""Builds application_form.docx, the default 公开竞聘中层干部个人自荐表.

Run `python cadre/documents/default_templates/build.py` after changing the layout and commit
the .docx with it. The file is generated rather than drawn in Word so that its jinja tags sit
whole in single runs: Word splits runs freely, and docxtpl only mends split tags in simple
cases. A school may still open the result in Word, edit it and upload it as its own template.
"""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from cadre.documents.docx_style import (
    BODY_SIZE,
    TITLE_FONT,
    TITLE_SIZE,
    plain_body,
    set_fonts,
    set_height,
    set_table_properties,
    write,
)

OUTPUT = Path(__file__).with_name("application_form.docx")

# A4 with 1.8 cm side margins leaves 17.4 cm; the photo column takes a one-inch photo. The
# columns holding dates (1 and 5) fit a full date such as 1985年3月12日 on one line.
SIDE_MARGIN = Cm(1.8)
COLUMN_WIDTHS = (Cm(2.5), Cm(3.2), Cm(1.9), Cm(2.1), Cm(1.9), Cm(3.2), Cm(2.6))
CELL_MARGIN = Cm(0.1)
FIELD_HEIGHT = Cm(0.9)
BLANK_LINE = "\u3000" * 8

# (label, tag) pairs laid out over the six columns left of the photo.
HEAD_ROWS = (
    (("姓名", "name"), ("性别", "gender"), ("出生年月", "birth_date")),
    (("民族", "ethnicity"), ("政治面貌", "political_status"), ("入党时间", "party_date")),
    (("参加工作时间", "work_start_date"), ("学历", "education"), ("学位", "degree")),
)
# (label, tag, minimum height): free text the applicant writes, given room to write it.
TEXT_ROWS = (
    ("工作简历", "history", Cm(3.0)),
    ("主要业绩\n及获奖情况", "achievements", Cm(3.5)),
    ("竞聘优势", "strengths", Cm(3.0)),
    ("工作设想", "work_plan", Cm(4.0)),
)


def tag(name: str) -> str:
    return "{{ " + name + " }}"


def setup_document(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin = section.right_margin = SIDE_MARGIN
    plain_body(doc, BODY_SIZE)
    doc.core_properties.title = "公开竞聘中层干部个人自荐表"
    doc.core_properties.author = "Cadre"


def add_title(doc) -> None:
    paragraph = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(12)
    run = paragraph.add_run(tag("school_name") + "公开竞聘中层干部个人自荐表")
    run.bold = True
    run.font.size = TITLE_SIZE
    set_fonts(run._element, TITLE_FONT)


def fill_head(table) -> None:
    for r, pairs in enumerate(HEAD_ROWS):
        for i, (label, name) in enumerate(pairs):
            write(table.cell(r, 2 * i), label)
            write(table.cell(r, 2 * i + 1), tag(name))
    write(table.cell(3, 0), "毕业院校\n及专业")
    write(table.cell(3, 1).merge(table.cell(3, 3)), tag("graduated_from_major"))
    write(table.cell(3, 4), "职称")
    write(table.cell(3, 5), tag("title"))
    write(table.cell(0, 6).merge(table.cell(3, 6)), "照片")
    write(table.cell(4, 0), "现任职务")
    write(table.cell(4, 1).merge(table.cell(4, 3)), tag("current_post"))
    write(table.cell(4, 4), "联系电话")
    write(table.cell(4, 5).merge(table.cell(4, 6)), tag("phone"))
    for r in range(5):
        set_height(table.rows[r], FIELD_HEIGHT)


def fill_choices(table) -> None:
    write(table.cell(5, 0), "竞聘岗位")
    write(table.cell(5, 1), "第一志愿")
    write(table.cell(5, 2).merge(table.cell(5, 3)), tag("first_choice"))
    write(table.cell(5, 4), "第二志愿")
    write(table.cell(5, 5).merge(table.cell(5, 6)), tag("second_choice"))
    write(table.cell(6, 0), "是否服从调剂")
    write(table.cell(6, 1).merge(table.cell(6, 6)), tag("accepts_reassignment"))
    set_height(table.rows[5], FIELD_HEIGHT)
    set_height(table.rows[6], FIELD_HEIGHT)


def fill_text_rows(table, first_row: int) -> None:
    for offset, (label, name, height) in enumerate(TEXT_ROWS):
        r = first_row + offset
        write(table.cell(r, 0), label)
        write(
            table.cell(r, 1).merge(table.cell(r, 6)),
            tag(name),
            align=WD_ALIGN_PARAGRAPH.LEFT,
            top=True,
        )
        set_height(table.rows[r], height)


def fill_pledge(table, r: int) -> None:
    cell = table.cell(r, 0).merge(table.cell(r, 6))
    pledge = cell.paragraphs[0]
    pledge.paragraph_format.first_line_indent = Pt(21)  # two characters, as in Chinese prose
    pledge.paragraph_format.space_before = Pt(6)
    pledge.add_run("本人承诺以上所填内容真实可信。")
    signature = cell.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.space_before = Pt(24)
    signature.add_run("本人签名：")
    signature.add_run(BLANK_LINE).underline = True
    signature.add_run("\u3000\u3000日期：" + tag("submitted_date") + "\u3000\u3000")
    set_height(table.rows[r], Cm(2.4))
    # The pledge and the signature belong together, never split over two pages.
    table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def build(path: Path = OUTPUT) -> Path:
    doc = Document()
    setup_document(doc)
    add_title(doc)
    rows = 7 + len(TEXT_ROWS) + 1
    table = doc.add_table(rows=rows, cols=len(COLUMN_WIDTHS))
    set_table_properties(table, COLUMN_WIDTHS, CELL_MARGIN)
    fill_head(table)
    fill_choices(table)
    fill_text_rows(table, first_row=7)
    fill_pledge(table, rows - 1)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
