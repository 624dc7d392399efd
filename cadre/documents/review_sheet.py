"""The qualification review sheet (资格审查表): one row per candidacy, one column per condition,
printed for the party committee to check and sign."""

import io
import math

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cadre.campaigns.models import Application, Campaign, Candidacy, Rule
from cadre.campaigns.services.registration import profile_of
from cadre.campaigns.services.review import candidacy_verdicts
from cadre.people.dates import format_cn

from .application_form import cn_date
from .xlsx_style import BORDER, FONT, HEADER_FILL, set_up_printing

# (header, column width in Excel's units: about one Latin or half a Chinese character)
LEADING_COLUMNS = (
    ("序号", 5),
    ("工号", 9),
    ("姓名", 8),
    ("性别", 5),
    ("出生日期", 14),
    ("学历", 10),
    ("职称", 10),
    ("竞聘岗位", 16),
    ("志愿", 9),
)
RULE_WIDTH = 28
REASON_WIDTH = 24
TRAILING_COLUMNS = (("审查结论", 9), ("理由", REASON_WIDTH), ("审查人", 9), ("审查时间", 17))
SENTENCE_WIDTH = min(RULE_WIDTH, REASON_WIDTH)  # columns this wide hold sentences
SYMBOLS = {"pass": "✓", "fail": "✗", "review": "?"}
RESULTS = {
    Candidacy.Result.QUALIFIED: "合格",
    Candidacy.Result.NOT_QUALIFIED: "不合格",
    Candidacy.Result.PENDING: "未审查",
}
NOT_APPLICABLE = "不适用"
ORDINALS = "一二三四五六七八九十"
SIGNATURE_LINE = (
    "审查人（签字）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000"
    "党组织（盖章）：\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000"
    "日期：\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
)
TITLE_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3
LINE_HEIGHT = 15  # points per wrapped line at 10.5 pt

# A failed condition in red and one needing a look in amber, so they stand out on paper too.
OUTCOME_COLOURS = {"✗": "C00000", "?": "B45F06"}


def review_sheet_xlsx(campaign: Campaign) -> bytes:
    rules = list(campaign.rules.all())
    widths = [w for _, w in LEADING_COLUMNS] + [RULE_WIDTH] * len(rules)
    widths += [w for _, w in TRAILING_COLUMNS]
    headers = [h for h, _ in LEADING_COLUMNS] + [r.label for r in rules]
    headers += [h for h, _ in TRAILING_COLUMNS]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "资格审查表"
    _write_title(sheet, f"{campaign.title}资格审查表", len(headers))
    sheet.append(headers)
    for number, candidacy in enumerate(_candidacies(campaign), start=1):
        sheet.append(row_for(number, candidacy, rules))
    _style_table(sheet, widths)
    _write_signature_line(sheet, len(headers))
    set_up_printing(sheet, header_rows=1, freeze_col=4)  # 序号/工号/姓名 stay in view
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _candidacies(campaign: Campaign):
    return (
        Candidacy.objects.filter(
            application__campaign=campaign, application__status=Application.Status.SUBMITTED
        )
        .select_related(
            "application__campaign", "application__person__department", "position", "reviewed_by"
        )
        .prefetch_related("exemptions__decision")
        .order_by("position__order", "position__id", "application__person__staff_no")
    )


def row_for(number: int, candidacy: Candidacy, rules: list[Rule]) -> list:
    application = candidacy.application
    profile = application.profile or profile_of(application.person)
    by_rule = {v["rule"]: v for v in _verdicts(candidacy)}
    level = candidacy.position.level
    return [
        number,
        profile.get("staff_no", ""),
        profile.get("name", ""),
        profile.get("gender", ""),
        cn_date(profile.get("birth_date", "")),
        profile.get("education", ""),
        profile.get("title", ""),
        candidacy.position.title,
        f"第{ORDINALS[candidacy.rank - 1]}志愿" if candidacy.rank <= len(ORDINALS) else "",
        *(rule_cell(rule, level, by_rule) for rule in rules),
        RESULTS.get(candidacy.result, candidacy.result),
        candidacy.reason,
        _reviewer(candidacy),
        _reviewed_at(candidacy),
    ]


def _verdicts(candidacy: Candidacy) -> list[dict]:
    # What the reviewer saw when deciding, once decided; until then, the roster as it stands.
    if candidacy.result and candidacy.verdicts:
        return candidacy.verdicts
    return candidacy_verdicts(candidacy)


def rule_cell(rule: Rule, level: str, by_rule: dict) -> str:
    if not rule.applies_to(level):
        return NOT_APPLICABLE
    verdict = by_rule.get(rule.pk)
    if verdict is None:  # the condition was added after this candidacy was reviewed
        return ""
    text = f"{SYMBOLS.get(verdict['outcome'], '?')} {verdict['message']}"
    exemption = verdict.get("exemption")
    if exemption:
        text += f"（已放宽：{exemption['reason']}，{cn_date(exemption['date'])}领导小组决定）"
    return text


def _reviewer(candidacy: Candidacy) -> str:
    user = candidacy.reviewed_by
    return (user.get_full_name() or user.get_username()) if user else ""


def _reviewed_at(candidacy: Candidacy) -> str:
    if not candidacy.reviewed_at:
        return ""
    local = timezone.localtime(candidacy.reviewed_at)
    return f"{format_cn(local.date())} {local:%H:%M}"


def _write_title(sheet: Worksheet, title: str, columns: int) -> None:
    sheet.append([title])
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=columns)
    cell = sheet.cell(TITLE_ROW, 1)
    cell.font = Font(name=FONT, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[TITLE_ROW].height = 32


def _style_table(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=sheet.max_row):
        for cell in row:
            cell.border = BORDER
            cell.alignment = _alignment_for(cell, widths[cell.column - 1])
            cell.font = _font_for(cell)
            if cell.row == HEADER_ROW:
                cell.fill = HEADER_FILL
        sheet.row_dimensions[row[0].row].height = _height(row, widths)


def _alignment_for(cell, width: int) -> Alignment:
    # Verdicts and reasons are sentences and read best from the left; the rest (names, dates,
    # 不适用) reads best centred.
    sentence = cell.row != HEADER_ROW and width >= SENTENCE_WIDTH and cell.value != NOT_APPLICABLE
    return Alignment(wrap_text=True, vertical="center", horizontal="left" if sentence else "center")


def _font_for(cell) -> Font:
    if cell.row == HEADER_ROW:
        return Font(name=FONT, size=10.5, bold=True)
    colour = OUTCOME_COLOURS.get(str(cell.value or "")[:1])
    exempted = "（已放宽：" in str(cell.value or "")
    return Font(name=FONT, size=10.5, color=None if exempted else colour)


def _height(row, widths: list[int]) -> float:
    """Excel does not grow a row to fit wrapped text written by a program, so estimate it."""
    lines = max(_lines(str(c.value or ""), widths[c.column - 1]) for c in row)
    return max(lines, 1) * LINE_HEIGHT + 6


def _lines(text: str, width: int) -> int:
    per_line = max(width - 1, 1)
    return sum(
        max(1, math.ceil(sum(2 if ord(ch) > 0xFF else 1 for ch in part) / per_line))
        for part in text.split("\n")
    )


def _write_signature_line(sheet: Worksheet, columns: int) -> None:
    row = sheet.max_row + 2
    sheet.cell(row, 1, SIGNATURE_LINE).font = Font(name=FONT, size=10.5)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    sheet.row_dimensions[row].height = 30
