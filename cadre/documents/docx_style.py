"""Word documents in the house style: fonts Chinese text actually gets, A4 pages, ruled tables.

Shared by the application form's builder (default_templates/build.py), the campaign's record
(appointments.record) and the report to the education bureau (appointments.exports).
"""

from copy import deepcopy

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor

BODY_FONT, TITLE_FONT = ("SimSun", "宋体"), ("SimHei", "黑体")  # (Latin name, East Asian name)
BODY_SIZE, TITLE_SIZE = Pt(10.5), Pt(16)  # 五号, 三号
TABLE_SIZE = Pt(9)  # 小五: tables of a record hold many columns
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.5)
TITLE_SPACE_AFTER = Pt(12)
BLACK = RGBColor(0, 0, 0)


def set_fonts(rpr_owner, fonts: tuple[str, str]) -> None:
    """Latin and East Asian font; Word ignores font.name for Chinese text.

    Theme fonts (the stock heading styles name them) win over named ones, so they go.
    """
    latin, east_asian = fonts
    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def set_document_defaults(doc) -> None:
    """宋体 and Chinese line breaking for the whole document.

    The stock defaults name theme fonts, which Word prefers over any font named below them,
    so they are replaced rather than overridden.
    """
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    latin, east_asian = BODY_FONT
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")


def plain_body(doc, size) -> None:
    """Normal text in 宋体 at `size`, single-spaced, no space between paragraphs, and no
    extra space between Chinese and digits (as in 公文): it would push a full date such as
    1985年3月12日 onto a second line in a narrow cell."""
    set_document_defaults(doc)
    normal = doc.styles["Normal"]
    normal.font.size = size
    set_fonts(normal.element, BODY_FONT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    spacing = normal.element.get_or_add_pPr().find(qn("w:spacing"))
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        element = OxmlElement(name)
        element.set(qn("w:val"), "0")
        spacing.addprevious(element)


def table_borders():
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        border.set(qn("w:val"), "single")
        # In eighths of a point: a heavier outer frame, as on a printed form.
        border.set(qn("w:sz"), "4" if edge.startswith("inside") else "12")
        border.set(qn("w:color"), "000000")
        borders.append(border)
    return borders


def cell_margins(margin):
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(margin.twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    return margins


def set_table_properties(table, widths, cell_margin) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # A fixed layout keeps the columns as drawn instead of stretching them to the text.
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(w.twips for w in widths)))
    # Word rejects a file whose table properties are out of the schema's order.
    layout = tbl_pr.find(qn("w:tblLayout"))
    layout.addprevious(table_borders())
    layout.addnext(cell_margins(cell_margin))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # Word reads the cells' widths, LibreOffice the grid's


def write(cell, text: str, *, align=WD_ALIGN_PARAGRAPH.CENTER, top=False) -> None:
    """Text into a cell; a newline in a label becomes a line break, not a new paragraph."""
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    cell.vertical_alignment = (
        WD_CELL_VERTICAL_ALIGNMENT.TOP if top else WD_CELL_VERTICAL_ALIGNMENT.CENTER
    )


def set_height(row, height) -> None:
    row.height = height
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST


# ---------------------------------------------------------------- documents of several pages


def a4_document(title: str, *, margin=MARGIN):
    """A portrait A4 document in 宋体 五号, with 黑体 headings in black (not the stock blue),
    titled `title` in its properties."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = A4
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = margin
    set_document_defaults(doc)
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    set_fonts(normal.element, BODY_FONT)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.25
    for level, size in ((1, Pt(14)), (2, Pt(12))):
        style = doc.styles[f"Heading {level}"]
        style.font.size = size
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = BLACK
        set_fonts(style.element, TITLE_FONT)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 6)
        style.paragraph_format.space_after = Pt(6 if level == 1 else 3)
    doc.core_properties.title = title
    doc.core_properties.author = "Cadre"
    _page_numbers(section)
    return doc


def text_width(doc):
    section = doc.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def add_title(doc, text: str, *, size=TITLE_SIZE, space_after=TITLE_SPACE_AFTER):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = space_after
    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = size
    set_fonts(run._element, TITLE_FONT)
    return paragraph


def add_paragraph(doc, text: str = "", *, indent=True, bold_lead: str = "", align=None):
    """A paragraph of prose, its first line indented two characters as Chinese prose is;
    `bold_lead` (a label such as 考察结论：) opens it in bold."""
    paragraph = doc.add_paragraph()
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(21)
    if align is not None:
        paragraph.alignment = align
    if bold_lead:
        paragraph.add_run(bold_lead).bold = True
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def add_table(doc, headers: list[str], rows: list[list], widths: list[float], *, size=TABLE_SIZE):
    """A ruled table across the text width: `widths` are relative (scaled to fit), the
    header row repeats on every page and a row never splits across two. Cells are written
    as text; a cell given as (text, "left") is aligned left (sentences read best so)."""
    total = text_width(doc)
    scale = sum(widths)
    emus = [int(total * w / scale) for w in widths]
    table = doc.add_table(rows=1, cols=len(headers))
    _fill_row(table.rows[0], headers, size, bold=True)
    header = table.rows[0]._tr
    header.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    set_table_properties(table, [Emu(e) for e in emus], Cm(0.1))
    # Each row is a copy of the header as drawn, its text replaced: python-docx's cell by cell
    # calls cost seconds on a record of a thousand rows.
    prototype = deepcopy(header)
    row_pr = prototype.trPr
    row_pr.remove(row_pr.find(qn("w:tblHeader")))
    row_pr.append(OxmlElement("w:cantSplit"))
    for bold in prototype.iter(qn("w:b")):
        bold.getparent().remove(bold)
    for values in rows:
        row = deepcopy(prototype)
        for tc, value in zip(row.tc_lst, values, strict=True):
            _set_text(tc, value)
        table._tbl.append(row)
    # A little air after the table before the next paragraph.
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    return table


def _fill_row(row, values, size, bold=False) -> None:
    for cell, value in zip(row.cells, values, strict=True):
        write(cell, str(value))
        for run in cell.paragraphs[0].runs:
            run.font.size = size
            run.bold = bold or None
        cell.paragraphs[0].paragraph_format.first_line_indent = Pt(0)
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        cell.paragraphs[0].paragraph_format.line_spacing = 1.0


def _set_text(tc, value) -> None:
    """Replace a copied cell's text, keeping its run's formatting; a newline breaks the line."""
    align = None
    if isinstance(value, tuple):
        value, side = value
        align = WD_ALIGN_PARAGRAPH.LEFT if side == "left" else None
    paragraph = tc.p_lst[0]
    runs = paragraph.r_lst
    run_pr = runs[0].rPr if runs else None
    for run in runs:
        paragraph.remove(run)
    run = OxmlElement("w:r")
    if run_pr is not None:
        run.append(deepcopy(run_pr))
    for i, line in enumerate(("" if value is None else str(value)).split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = line
        run.append(text)
    paragraph.append(run)
    if align is not None:
        paragraph.get_or_add_pPr().jc_val = align


def _page_numbers(section) -> None:
    """第 N 页 in the footer, as a PAGE field Word and LibreOffice fill in."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    paragraph.add_run(" 页")
