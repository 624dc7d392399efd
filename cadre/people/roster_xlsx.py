"""The roster workbook: one column specification drives the template, export and import.

Reading validates every cell and reports each problem with sheet, row and column; it never
touches the database, so a file with any error imports nothing.
"""

import functools
import re
import zipfile
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from . import vocab
from .dates import DateParseError, PartialDate, parse_cn_date

MAX_REPORTED_ERRORS = 500


@dataclass(frozen=True)
class Column:
    header: str
    attr: str
    kind: str = "text"  # text | choice | date | year | phone
    required: bool = False
    max_length: int = 60
    choices: tuple[str, ...] = ()
    default: Any = ""


PERSON_COLUMNS = (
    Column("工号", "staff_no", required=True, max_length=30),
    Column("姓名", "name", required=True, max_length=50),
    Column("性别", "gender", "choice", required=True, choices=vocab.GENDERS),
    Column("出生日期", "birth_date", "date", required=True),
    Column("民族", "ethnicity", "choice", choices=tuple(vocab.ETHNICITIES), default="汉族"),
    Column("籍贯", "native_place", max_length=30),
    Column(
        "政治面貌", "political_status", "choice", choices=vocab.POLITICAL_STATUSES, default="群众"
    ),
    Column("入党时间", "party_date", "date", default=None),
    Column("参加工作时间", "work_start_date", "date", default=None),
    Column("最高学历", "education", "choice", required=True, choices=vocab.EDUCATION_LEVELS),
    Column("学位", "degree", "choice", choices=vocab.DEGREES),
    Column("毕业院校", "graduated_from"),
    Column("专业", "major"),
    Column("职称", "title", max_length=30),
    Column("部门", "department"),
    Column("现任职务", "current_post"),
    Column("任教学科", "subject", max_length=30),
    Column("手机号", "phone", "phone"),
    Column("在职状态", "status", "choice", choices=vocab.EMPLOYMENT_STATUSES, default="在职"),
)
POST_COLUMNS = (
    Column("工号", "staff_no", required=True, max_length=30),
    Column("任职类别", "role_kind", "choice", required=True, choices=vocab.ROLE_KINDS),
    Column("部门或单位", "unit"),
    Column("开始日期", "start", "date", required=True),
    Column("结束日期", "end", "date", default=None),
)
APPRAISAL_COLUMNS = (
    Column("工号", "staff_no", required=True, max_length=30),
    Column("年度", "year", "year", required=True),
    Column("结果", "result", "choice", required=True, choices=vocab.APPRAISAL_RESULTS),
)
HONOUR_COLUMNS = (
    Column("工号", "staff_no", required=True, max_length=30),
    Column("日期", "date", "date", required=True),
    Column("名称", "name", required=True, max_length=100),
    Column("级别", "level", "choice", required=True, choices=vocab.HONOUR_LEVELS),
)


@dataclass(frozen=True)
class PersonRow:
    staff_no: str
    name: str
    gender: str
    birth_date: PartialDate
    ethnicity: str
    # Keyword-only with a default: rows built in code for demos and benchmarks need not know
    # a native place, and it keeps its place after 民族 as in the workbook.
    native_place: str = field(default="", kw_only=True)
    political_status: str
    party_date: PartialDate | None
    work_start_date: PartialDate | None
    education: str
    degree: str
    graduated_from: str
    major: str
    title: str
    department: str
    current_post: str
    subject: str
    phone: str
    status: str


@dataclass(frozen=True, order=True)
class PostRow:
    staff_no: str
    start: PartialDate
    role_kind: str
    unit: str
    end: PartialDate | None


@dataclass(frozen=True, order=True)
class AppraisalRow:
    staff_no: str
    year: int
    result: str


@dataclass(frozen=True, order=True)
class HonourRow:
    staff_no: str
    date: PartialDate
    name: str
    level: str


@dataclass
class RosterData:
    people: list[PersonRow] = field(default_factory=list)
    posts: list[PostRow] = field(default_factory=list)
    appraisals: list[AppraisalRow] = field(default_factory=list)
    honours: list[HonourRow] = field(default_factory=list)
    # The optional sheets the workbook leaves out: the roster's records of those are kept,
    # not read as "nobody has any".
    left_out: frozenset[str] = frozenset()


SHEETS = (
    ("教职工", PERSON_COLUMNS, PersonRow, "people"),
    ("任职经历", POST_COLUMNS, PostRow, "posts"),
    ("年度考核", APPRAISAL_COLUMNS, AppraisalRow, "appraisals"),
    ("荣誉", HONOUR_COLUMNS, HonourRow, "honours"),
)


@dataclass(frozen=True)
class CellError:
    sheet: str
    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"「{self.sheet}」"
        if self.row is not None:
            where += _("row %(row)s") % {"row": self.row}
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.message}"


class RosterErrors(Exception):
    def __init__(self, errors: list[CellError], total: int | None = None):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors
        self.total = total if total is not None else len(errors)


# ---------------------------------------------------------------- reading


_PHONE = re.compile(r"^1[3-9]\d{9}$")


def _text(raw) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def _cell_value(col: Column, raw, today: date):
    """Returns the parsed value or raises ValueError with the reason."""
    if isinstance(raw, str):
        raw = raw.strip()
    empty = raw is None or raw == ""
    if empty:
        if col.required:
            raise ValueError(_("this cell is required"))
        return col.default
    if col.kind == "date":
        try:
            value = parse_cn_date(raw)
        except DateParseError as exc:
            raise ValueError(str(exc)) from None
        if not date(1900, 1, 1) <= value.value <= today:
            raise ValueError(_("the date %(date)s is not plausible") % {"date": value})
        return value
    text = _text(raw)
    if col.kind == "year":
        # isdecimal, not isdigit: int() reads full-width digits but not superscripts (²⁰²⁴).
        if not text.isdecimal() or not 1950 <= int(text) <= today.year:
            raise ValueError(_("“%(value)s” is not a year") % {"value": text})
        return int(text)
    if col.kind == "choice":
        if text not in col.choices:
            shown = (
                "、".join(col.choices)
                if len(col.choices) <= 16
                else _("the national standard list")
            )
            raise ValueError(
                _("“%(value)s” is not one of: %(choices)s") % {"value": text, "choices": shown}
            )
        return text
    if col.kind == "phone":
        if not _PHONE.match(text):
            raise ValueError(_("“%(value)s” is not an 11-digit mobile number") % {"value": text})
        return text
    if len(text) > col.max_length:
        raise ValueError(_("longer than %(n)s characters") % {"n": col.max_length})
    return text


PROGRESS_EVERY = 500


class _Unreadable(Exception):
    """openpyxl could not parse the file."""


def _not_a_workbook() -> RosterErrors:
    return RosterErrors(
        [CellError(_("file"), None, "", _("This is not an Excel workbook (.xlsx)."))]
    )


def _rows(sheet):
    """The sheet's rows as values. A read-only workbook is parsed as it is read, so a
    damaged sheet (truncated XML, a bad cell reference) fails here, not on opening: openpyxl
    then raises whatever its zip or XML parser does, none of which is a problem of a cell."""
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise _Unreadable from exc
        yield values


def _data_rows(sheet) -> int:
    """How many rows below the headers the sheet says it has, for the progress bar only: 0
    if it cannot say (reading it then reports the damage)."""
    try:
        return max((sheet.max_row or 1) - 1, 0)
    except Exception:
        return 0


def read_roster(fileobj, progress=None) -> RosterData:
    """Parse and validate a roster workbook. Raises RosterErrors listing every problem.

    `progress(done, total)` is told how many rows have been read, every few hundred rows.
    """
    try:
        return _read_roster(fileobj, progress)
    except _Unreadable:
        raise _not_a_workbook() from None


def _read_roster(fileobj, progress) -> RosterData:
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise _not_a_workbook() from None
    except Exception as exc:  # a damaged part: lxml's XMLSyntaxError, zlib.error...
        raise _Unreadable from exc
    errors: list[CellError] = []
    data = RosterData()
    # Staff numbers of every row, valid or not, so that duplicates and unknown numbers are
    # reported even on rows that have other problems too.
    staff_nos: dict[str, list[tuple[int, str]]] = {}
    today = timezone.localdate()
    done = 0
    total = sum(_data_rows(wb[name]) for name, *_ in SHEETS if name in wb.sheetnames)
    try:
        for sheet_name, columns, row_type, target in SHEETS:
            if sheet_name not in wb.sheetnames:
                if sheet_name == "教职工":
                    errors.append(CellError(sheet_name, None, "", _("the sheet is missing")))
                else:
                    data.left_out |= {sheet_name}
                continue
            rows = _rows(wb[sheet_name])
            header = next(rows, None) or ()
            header = [_text(h) for h in header]
            while header and header[-1] == "":
                header.pop()
            expected = [c.header for c in columns]
            if header != expected:
                errors.append(
                    CellError(
                        sheet_name,
                        1,
                        "",
                        _("the headers must be exactly: %(headers)s")
                        % {"headers": "、".join(expected)},
                    )
                )
                continue
            out = getattr(data, target)
            for row_no, values in enumerate(rows, start=2):
                done += 1
                if progress and done % PROGRESS_EVERY == 0:
                    progress(done, max(total, done))
                values = tuple(values[: len(columns)]) + (None,) * (len(columns) - len(values))
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                parsed = {}
                row_ok = True
                for col, raw in zip(columns, values, strict=True):
                    try:
                        parsed[col.attr] = _cell_value(col, raw, today)
                    except ValueError as exc:
                        row_ok = False
                        errors.append(CellError(sheet_name, row_no, col.header, str(exc)))
                if row_ok:
                    out.append((row_no, row_type(**parsed)))
                if parsed.get("staff_no"):
                    staff_nos.setdefault(sheet_name, []).append((row_no, parsed["staff_no"]))
    finally:
        wb.close()
    errors.extend(_cross_check(data, staff_nos))
    if errors:
        raise RosterErrors(errors[:MAX_REPORTED_ERRORS], total=len(errors))
    for _sheet, _cols, _type, target in SHEETS:
        setattr(data, target, [row for _no, row in getattr(data, target)])
    return data


def _cross_check(data: RosterData, staff_nos: dict[str, list[tuple[int, str]]]) -> list[CellError]:
    errors = []
    seen: dict[str, int] = {}
    for row_no, staff_no in staff_nos.get("教职工", []):
        if staff_no in seen:
            errors.append(
                CellError(
                    "教职工",
                    row_no,
                    "工号",
                    _("staff number %(no)s is already used in row %(row)s")
                    % {"no": staff_no, "row": seen[staff_no]},
                )
            )
        seen.setdefault(staff_no, row_no)
    for row_no, p in data.people:
        if p.party_date and p.political_status not in vocab.PARTY_STATUSES:
            errors.append(
                CellError(
                    "教职工",
                    row_no,
                    "入党时间",
                    _("a party joining date is given but the political status is %(status)s")
                    % {"status": p.political_status},
                )
            )
        if p.party_date and p.party_date.value < p.birth_date.value:
            errors.append(
                CellError("教职工", row_no, "入党时间", _("earlier than the date of birth"))
            )
        if p.work_start_date and p.work_start_date.value < p.birth_date.value:
            errors.append(
                CellError("教职工", row_no, "参加工作时间", _("earlier than the date of birth"))
            )
    for sheet in ("任职经历", "年度考核", "荣誉"):
        for row_no, staff_no in staff_nos.get(sheet, []):
            if staff_no not in seen:
                errors.append(
                    CellError(
                        sheet,
                        row_no,
                        "工号",
                        _("staff number %(no)s is not in the 教职工 sheet") % {"no": staff_no},
                    )
                )
    for row_no, r in data.posts:
        if r.end and r.end.value < r.start.value:
            errors.append(
                CellError("任职经历", row_no, "结束日期", _("earlier than the start date"))
            )
    years: dict[tuple[str, int], int] = {}
    for row_no, r in data.appraisals:
        key = (r.staff_no, r.year)
        if key in years:
            errors.append(
                CellError(
                    "年度考核",
                    row_no,
                    "年度",
                    _("%(year)s is already appraised in row %(row)s")
                    % {"year": r.year, "row": years[key]},
                )
            )
        years.setdefault(key, row_no)
    return errors


# ---------------------------------------------------------------- writing

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")
_DATE_HELP = "可填 1985-03-12、1985/3/12、1985.03.12、1985年3月12日；只知年月时填 198503 或 1985.03"


def _out(col: Column, value):
    if value is None:
        return None
    if isinstance(value, PartialDate):
        # Month-only values stay text so that they come back month-only.
        return str(value) if value.month_only else value.value
    return value


def write_roster(stream, data: RosterData | None = None) -> None:
    """Write the roster workbook (the empty template when `data` is None)."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet_name, columns, _row_type, target in SHEETS:
        ws = wb.create_sheet(sheet_name)
        ws.append([c.header for c in columns])
        for i, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=i)
            cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = 14 if col.kind != "text" else 18
            if col.kind == "date":
                cell.comment = Comment(_DATE_HELP, "Cadre")
            if col.kind == "choice" and len(",".join(col.choices)) < 250:
                dv = DataValidation(
                    type="list", formula1=f'"{",".join(col.choices)}"', allow_blank=not col.required
                )
                dv.add(f"{letter}2:{letter}20000")
                ws.add_data_validation(dv)
        ws.freeze_panes = "A2"
        if data is None:
            continue
        date_cols = [i for i, c in enumerate(columns) if c.kind == "date"]
        for row_no, row in enumerate(getattr(data, target), start=2):
            values = [_out(c, getattr(row, c.attr)) for c in columns]
            ws.append(values)
            for i in date_cols:
                if isinstance(values[i], date):
                    ws.cell(row=row_no, column=i + 1).number_format = "yyyy-mm-dd"
    wb.save(stream)


@functools.cache
def row_fields(row_type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(row_type))
