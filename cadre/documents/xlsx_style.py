"""The look of the Excel sheets the office prints: a title row, one or two header rows,
bordered cells in 宋体, landscape A4 with the headers on every page."""

from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONT = "宋体"
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="E7E6E6")
TITLE_ROW = 1
NUMBER = "0.00"
PERCENT = '0.00"%"'  # the satisfaction rate is stored as 87.50, not 0.875
DASH = "—"


def write_headers(ws: Worksheet, title: str, columns: list) -> list[int]:
    """The title row and one or two header rows (two when a column group has sub-headers).
    Returns the column widths."""
    two = any(isinstance(spec, list) for _label, spec in columns)
    top, bottom = TITLE_ROW + 1, TITLE_ROW + (2 if two else 1)
    widths: list[int] = []
    col = 1
    for label, spec in columns:
        if isinstance(spec, list):
            if not spec:
                continue
            ws.cell(top, col, label)
            if len(spec) > 1:
                ws.merge_cells(
                    start_row=top, start_column=col, end_row=top, end_column=col + len(spec) - 1
                )
            for sub, width in spec:
                ws.cell(bottom, col, sub)
                widths.append(width)
                col += 1
        else:
            ws.cell(top, col, label)
            if two:
                ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
            widths.append(spec)
            col += 1
    ws.cell(TITLE_ROW, 1, title)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(widths))
    cell = ws.cell(TITLE_ROW, 1)
    cell.font = Font(name=FONT, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[TITLE_ROW].height = 32
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    return widths


def style_table(ws: Worksheet, header: int, header_rows: int, widths: list[int]) -> None:
    for row in ws.iter_rows(min_row=header, max_row=ws.max_row, max_col=len(widths)):
        for cell in row:
            cell.border = BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell.row < header + header_rows:
                cell.font = Font(name=FONT, size=10.5, bold=True)
                cell.fill = HEADER_FILL
            else:
                cell.font = Font(name=FONT, size=10.5)
                if isinstance(cell.value, Decimal | float) and cell.number_format == "General":
                    cell.number_format = NUMBER
        height = 36 if row[0].row < header + header_rows else 20
        ws.row_dimensions[row[0].row].height = height


def note(ws: Worksheet, text: str, columns: int, gap: int = 0) -> None:
    row = ws.max_row + 1 + gap
    cell = ws.cell(row, 1, text)
    cell.font = Font(name=FONT, size=10.5)
    cell.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    ws.row_dimensions[row].height = 34 if len(text) > 60 else 22


def set_up_printing(ws: Worksheet, header_rows: int, freeze_col: int) -> None:
    ws.freeze_panes = f"{get_column_letter(freeze_col)}{TITLE_ROW + header_rows + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{TITLE_ROW}:{TITLE_ROW + header_rows}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
