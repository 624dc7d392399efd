"""Roster workbooks as offices really fill them in, then damaged at random: the import takes a
workbook whole or reports every problem where it is and takes nothing.

Hypothesis builds a valid workbook of a few people with their posts, appraisals and honours,
then breaks it: a cell of any type (empty, blanks, very long, full-width digits, emoji, a
number for text, an Excel date, a formula, negative numbers, 1985-13-40), a duplicated 工号, a
record of someone not on the staff sheet, an end before its start, headers dropped, renamed,
added or swapped, sheets dropped or added; or the file itself is no workbook at all (empty,
text, a zip of something else, an .xlsx cut short or with a damaged part).

Whatever it is, through the entry points of the import page and of `import_roster`
(read_roster, then roster_apply), either

- it is refused with RosterErrors, each error naming its sheet, row and column, and the
  people, posts, appraisals, honours, departments and audit trail are exactly as before; or
- it is accepted, and the roster then holds exactly what the workbook says for everyone it
  lists, and everyone else as before.

Nothing else may be raised. Each example runs in a savepoint that is rolled back.
"""

import io
import os
import zipfile
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cadre.audit.models import AuditEntry
from cadre.orgs.models import Department
from cadre.people import vocab
from cadre.people.models import Appraisal, Honour, Person, PostHistory, RosterUpload
from cadre.people.roster import roster_apply, roster_data
from cadre.people.roster_xlsx import RosterErrors, read_roster

from .workbooks import HEADERS, person, workbook

# CADRE_FUZZ_WORKBOOKS=2000 digs deeper than CI's run.
WORKBOOKS = int(os.environ.get("CADRE_FUZZ_WORKBOOKS", 80))
FUZZ = settings(
    max_examples=WORKBOOKS,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # each example rolls back what it did
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
SHEETS = list(HEADERS)
# Two on the roster already (the world's A001 and A002), three new.
STAFF_NOS = ["A001", "A002", "N001", "N002", "N003"]

# ---------------------------------------------------------------- valid workbooks


def typed_dates(lo=date(1960, 1, 1), hi=date(2023, 12, 31)):
    """A date as offices type it, or as Excel stores it."""
    return st.dates(lo, hi).flatmap(
        lambda d: st.sampled_from(
            [
                d.isoformat(),
                f"{d.year}/{d.month}/{d.day}",
                f"{d.year}.{d.month:02d}.{d.day:02d}",
                f"{d.year}年{d.month}月{d.day}日",
                f"{d.year}{d.month:02d}",  # month only
                int(f"{d.year}{d.month:02d}"),  # month only, typed into a number cell
                datetime(d.year, d.month, d.day),
            ]
        )
    )


@st.composite
def person_row(draw, staff_no):
    status = draw(st.sampled_from(vocab.POLITICAL_STATUSES))
    return {
        "工号": staff_no,
        "姓名": draw(st.sampled_from(["赵老师", "钱老师", "孙 老师", "李老师"])),
        "性别": draw(st.sampled_from(vocab.GENDERS)),
        "出生日期": draw(typed_dates(date(1960, 1, 1), date(1980, 12, 31))),
        "民族": draw(st.sampled_from([None, "汉族", "回族"])),
        "籍贯": draw(st.sampled_from([None, "江苏常州"])),
        "政治面貌": status,
        "入党时间": (
            draw(typed_dates(date(2001, 1, 1))) if status in vocab.PARTY_STATUSES else None
        ),
        "参加工作时间": draw(st.one_of(st.none(), typed_dates(date(2001, 1, 1)))),
        "最高学历": draw(st.sampled_from(vocab.EDUCATION_LEVELS)),
        "学位": draw(st.sampled_from(["", *vocab.DEGREES])),
        "毕业院校": draw(st.sampled_from(["", "南京师范大学"])),
        "专业": "",
        "职称": draw(st.sampled_from(["", *vocab.TITLES])),
        "部门": draw(st.sampled_from(["", "党政办公室", "教务处"])),  # 教务处 is new
        "现任职务": "",
        "任教学科": draw(st.sampled_from(["", "语文"])),
        "手机号": draw(st.sampled_from(["", "13912345678", 13912345678])),
        "在职状态": draw(st.sampled_from([None, *vocab.EMPLOYMENT_STATUSES])),
    }


@st.composite
def valid_sheets(draw):
    """{sheet: [headers, *rows]} of a workbook that imports."""
    people = draw(st.lists(st.sampled_from(STAFF_NOS), min_size=1, max_size=4, unique=True))
    posts, appraisals, honours = [], [], []
    for staff_no in people:
        for _ in range(draw(st.integers(0, 2))):
            start = draw(st.dates(date(2001, 1, 1), date(2022, 12, 31)))
            end = draw(st.one_of(st.none(), st.dates(start, date(2023, 12, 31))))
            posts.append(
                {
                    "工号": staff_no,
                    "任职类别": draw(st.sampled_from(vocab.ROLE_KINDS)),
                    "部门或单位": draw(st.sampled_from(["", "七年级组"])),
                    "开始日期": start.isoformat(),
                    "结束日期": end and end.isoformat(),
                }
            )
        for year in draw(st.sets(st.integers(2015, 2023), max_size=2)):
            result = draw(st.sampled_from(vocab.APPRAISAL_RESULTS))
            appraisals.append({"工号": staff_no, "年度": year, "结果": result})
        for _ in range(draw(st.integers(0, 1))):
            honours.append(
                {
                    "工号": staff_no,
                    "日期": draw(typed_dates(date(2005, 1, 1))),
                    "名称": "市优秀教师",
                    "级别": draw(st.sampled_from(vocab.HONOUR_LEVELS)),
                }
            )
    rows = {
        "教职工": [draw(person_row(s)) for s in people],
        "任职经历": posts,
        "年度考核": appraisals,
        "荣誉": honours,
    }
    return {
        sheet: [list(HEADERS[sheet]), *([r.get(h) for h in HEADERS[sheet]] for r in rows[sheet])]
        for sheet in SHEETS
    }


# ---------------------------------------------------------------- damage

FORMULA = object()  # a formula, whose value a workbook saved by openpyxl does not hold
TEXT_FORMULA = "=A1+1 typed as text"


def cell_junk():
    return st.one_of(
        st.sampled_from(
            [
                None,
                "",
                "   ",
                "\t",
                "x" * 300,
                "长" * 120,
                "１９８５-０３-１２",  # full-width digits
                "Ａ００１",
                "😀",
                "赵老师👩‍🏫",
                "1985-13-40",
                "2023-02-29",
                "0000-00-00",
                "1899-12-31",
                "2999-01-01",
                "198513",
                "1985.13",
                "二〇二四",
                "²⁰²⁴",
                "-1",
                "#DIV/0!",
                "TRUE",
                FORMULA,
                TEXT_FORMULA,
            ]
        ),
        st.integers(-(2**40), 2**40),
        st.floats(-1e12, 1e12, allow_nan=False),
        st.booleans(),
        st.datetimes(datetime(1900, 1, 1), datetime(2100, 12, 31)),
        st.dates(date(1900, 1, 1), date(2100, 12, 31)),
        st.just(time(8, 30)),
        st.just(timedelta(days=3)),
        # Text as pasted from anywhere, but what an .xlsx can hold (no control characters).
        st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=40),
    )


@st.composite
def damaged(draw, sheets):
    """The workbook with a few things broken. Returns a note of what, for the report."""
    notes = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                [
                    "cell",
                    "cell",
                    "cell",
                    "duplicate staff number",
                    "record of a stranger",
                    "end before start",
                    "header dropped",
                    "header renamed",
                    "header added",
                    "headers swapped",
                    "sheet dropped",
                    "sheet added",
                    "blank rows",
                ]
            )
        )
        name = draw(st.sampled_from(SHEETS))
        table = sheets.get(name)
        if table is None:
            continue
        body = table[1:]
        if kind == "cell" and body:
            row = draw(st.sampled_from(body))
            column = draw(st.integers(0, len(row) - 1))
            row[column] = draw(cell_junk())
        elif kind == "duplicate staff number" and len(sheets["教职工"]) > 2:
            staff = sheets["教职工"]
            staff[2][0] = staff[1][0]
        elif kind == "record of a stranger" and name != "教职工" and body:
            body[0][0] = "Z999"
        elif kind == "end before start" and len(sheets["任职经历"]) > 1:
            post = sheets["任职经历"][1]
            post[3], post[4] = "2020-09-01", "2019-07-01"
        elif kind == "header dropped":
            i = draw(st.integers(0, len(table[0]) - 1))
            for r in table:
                del r[i : i + 1]
        elif kind == "header renamed":
            i = draw(st.integers(0, len(table[0]) - 1))
            table[0][i] = draw(st.sampled_from(["状态", f" {table[0][i]} ", "", 1]))
        elif kind == "header added":
            table[0].append(draw(st.sampled_from(["备注", "工号"])))
        elif kind == "headers swapped" and len(table[0]) > 1:
            table[0][0], table[0][1] = table[0][1], table[0][0]
        elif kind == "sheet dropped":
            del sheets[name]
        elif kind == "sheet added":
            sheets[draw(st.sampled_from(["Sheet1", "说明", f"{name}(2)"]))] = [["x"], [1]]
        elif kind == "blank rows":
            table[1:1] = [[None] * len(table[0]), ["  "] * len(table[0])]
        else:
            continue
        notes.append(f"{kind} in {name}")
    return notes


def to_xlsx(sheets) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, table in sheets.items():
        ws = wb.create_sheet(name)
        for r, values in enumerate(table, start=1):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c)
                if value is FORMULA:
                    cell.value = f"=SUM(A1:A{r})"
                elif value == TEXT_FORMULA:
                    cell.value, cell.data_type = "=A1+1", "s"  # text that looks like one
                else:
                    cell.value = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def rezip(content: bytes, part: str, change) -> bytes:
    """The .xlsx with one of its parts changed (or dropped, if `change` returns None)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == part:
                data = change(data)
            if data is not None:
                new.writestr(item.filename, data)
    return out.getvalue()


PARTS = [
    "xl/workbook.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/styles.xml",
    "[Content_Types].xml",
]


def not_workbooks(content: bytes) -> list[tuple[str, bytes]]:
    """Files someone might upload instead of the roster, made from the workbook `content`."""
    files = [
        ("an empty file", b""),
        ("a text file", "工号,姓名\nA001,张老师\n".encode()),
        ("a zip of something else", rezip(content, "xl/workbook.xml", lambda _d: None)),
        ("an .xlsx cut short", content[: len(content) // 2]),
        ("a zip header and junk", b"PK\x03\x04" + bytes(range(64))),
    ]
    for part in PARTS:
        files += [
            (f"{part} cut short", rezip(content, part, lambda d: d[: len(d) // 2])),
            (f"{part} not XML", rezip(content, part, lambda _d: b"<<<\x00")),
            (f"{part} missing", rezip(content, part, lambda _d: None)),
        ]
    files.append(
        (
            "a bad cell reference",
            rezip(content, PARTS[1], lambda d: d.replace(b'r="A2"', b'r="!!"')),
        )
    )
    return files


@st.composite
def uploads(draw):
    """(what it is, the file's bytes)."""
    sheets = draw(valid_sheets())
    notes = [] if draw(st.integers(0, 5)) == 0 else draw(damaged(sheets))
    content = to_xlsx(sheets)
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(not_workbooks(content)))
    return ", ".join(notes) or "a valid workbook", content


# ---------------------------------------------------------------- the property


def roster_tables():
    """Everything an import may write, row by row."""
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Person, PostHistory, Appraisal, Honour, Department, AuditEntry)
    }


def by_person(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.staff_no, []).append(row)
    return {k: sorted(v, key=repr) for k, v in grouped.items()}


def assert_well_placed(errors):
    assert errors
    for e in errors:
        # In the office's words, not Python's ("invalid literal for int() ...").
        assert e.message.strip() and "literal" not in e.message, e
        if e.sheet in HEADERS:
            # A cell's problem names its column; a sheet's (headers, missing) has none.
            if e.row is not None and e.row > 1:
                assert e.column in HEADERS[e.sheet], e
            else:
                assert e.row in (None, 1) and e.column in ("", *HEADERS[e.sheet]), e
        else:  # the file as a whole
            assert e.row is None and not e.column, e


def assert_imported_exactly(organisation, data, before):
    """The workbook's people hold what it says, everyone else what they held."""
    after = roster_data(organisation)
    listed = {p.staff_no for p in data.people}
    people = {p.staff_no: p for p in after.people}
    assert [people[p.staff_no] for p in data.people] == data.people
    assert {p for p in after.people if p.staff_no not in listed} == {
        p for p in before.people if p.staff_no not in listed
    }
    for target in ("posts", "appraisals", "honours"):
        now, wanted, then = (by_person(getattr(x, target)) for x in (after, data, before))
        for staff_no in listed:
            assert now.get(staff_no, []) == wanted.get(staff_no, []), (target, staff_no)
        for staff_no in set(then) - listed:
            assert now.get(staff_no) == then[staff_no], (target, staff_no)


@FUZZ
@given(upload=uploads())
def test_a_roster_workbook_is_imported_whole_or_not_at_all(world, upload):
    what, content = upload
    with transaction.atomic():
        tables, before = roster_tables(), roster_data(world.school)
        try:
            data = read_roster(io.BytesIO(content))
        except RosterErrors as exc:
            event("refused")
            assert_well_placed(exc.errors)
            assert roster_tables() == tables, what
        else:
            event("accepted")
            roster_apply(actor="fuzz", organisation=world.school, data=data)
            assert_imported_exactly(world.school, data, before)
        transaction.set_rollback(True)


@settings(FUZZ, max_examples=max(WORKBOOKS // 3, 1))
@given(upload=uploads())
def test_the_import_page_checks_and_applies_any_upload_without_a_server_error(world, upload):
    """The same through the page: upload, check, confirm; the jobs run in the request here."""
    what, content = upload
    with transaction.atomic():
        client = world.client("school_admin")
        client.raise_request_exception = False
        tables = roster_tables()
        response = client.post(
            reverse("people:import", args=[world.school.code]),
            {"file": SimpleUploadedFile("名册.xlsx", content)},
        )
        assert response.status_code in (200, 302), (what, response.status_code)
        upload_row = RosterUpload.objects.filter(organisation=world.school).first()
        event(upload_row.status if upload_row else "refused by the form")
        if response.status_code == 200:  # refused at once: not even a zip
            assert upload_row is None and not content.startswith(b"PK\x03\x04"), what
        elif upload_row.status == RosterUpload.Status.FAILED:
            assert upload_row.result["errors"], what
            assert roster_tables() == tables, what
        else:
            assert upload_row.status == RosterUpload.Status.CHECKED, what
            confirm = client.post(
                reverse("people:import_confirm", args=[world.school.code, upload_row.pk]),
                {"fingerprint": upload_row.result["fingerprint"]},
            )
            assert confirm.status_code == 302, what
            upload_row.refresh_from_db()
            assert upload_row.status == RosterUpload.Status.APPLIED, what
        transaction.set_rollback(True)


# openpyxl reads a workbook without its styles, and one without the part of a sheet as if the
# sheet were not there (only the staff sheet is required).
MAY_BE_READ = {"xl/styles.xml missing", "xl/worksheets/sheet2.xml missing"}


def test_a_file_that_is_no_workbook_is_refused_as_such(world):
    """Every kind of file that is not a workbook, not left to chance."""
    sheets = {sheet: [list(HEADERS[sheet])] for sheet in SHEETS}
    sheets["教职工"].append(["N001", "赵老师", "女", "1985-03-12", *[None] * 5, "大学本科"])
    tables = roster_tables()
    for what, junk in not_workbooks(to_xlsx(sheets)):
        try:
            read_roster(io.BytesIO(junk))
        except RosterErrors as exc:
            assert_well_placed(exc.errors)
        else:
            assert what in MAY_BE_READ, f"{what} was read as a roster"
    assert roster_tables() == tables


def test_a_year_in_full_width_digits_is_read_and_one_in_superscripts_refused_in_words(world):
    def year(typed):
        return (
            read_roster(
                workbook(
                    people=[person("N001", "赵老师")],
                    appraisals=[{"工号": "N001", "年度": typed, "结果": "优秀"}],
                )
            )
            .appraisals[0]
            .year
        )

    assert year("２０２３") == 2023
    with translation.override("en"):
        try:
            year("²⁰²³")
        except RosterErrors as exc:
            [error] = exc.errors
            assert (error.sheet, error.row, error.column) == ("年度考核", 2, "年度")
            assert error.message == "“²⁰²³” is not a year"
        else:
            raise AssertionError("a year in superscripts was read")
