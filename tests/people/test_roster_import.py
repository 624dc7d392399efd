import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cadre.audit.models import AuditEntry
from cadre.people.models import Appraisal, Person, PostHistory
from cadre.people.roster import roster_apply, roster_data, roster_plan
from cadre.people.roster_xlsx import RosterErrors, read_roster, write_roster

from .workbooks import HEADERS, person, workbook


def import_file(world, buf, actor="test"):
    return roster_apply(actor=actor, organisation=world.school, data=read_roster(buf))


def test_the_template_has_exactly_the_four_sheets_and_headers():
    buf = io.BytesIO()
    write_roster(buf)
    wb = load_workbook(buf)
    assert wb.sheetnames == list(HEADERS)
    for sheet, headers in HEADERS.items():
        assert [c.value for c in wb[sheet][1]] == headers


def test_a_valid_workbook_imports_people_and_their_records(world):
    buf = workbook(
        people=[
            person(
                "A100",
                "赵老师",
                出生日期="1985/3/12",
                政治面貌="中共党员",
                入党时间="2008.06",
                参加工作时间="200708",
                部门="教务处",
                手机号="13912345678",
            )
        ],
        posts=[
            {
                "工号": "A100",
                "任职类别": "班主任",
                "部门或单位": "七年级组",
                "开始日期": "2019年9月1日",
                "结束日期": None,
            }
        ],
        appraisals=[{"工号": "A100", "年度": 2024, "结果": "优秀"}],
        honours=[{"工号": "A100", "日期": "2023.09", "名称": "市优秀教育工作者", "级别": "市级"}],
    )
    plan = import_file(world, buf)
    assert [c.staff_no for c in plan.created] == ["A100"]
    p = Person.objects.get(organisation=world.school, staff_no="A100")
    assert p.birth_date == date(1985, 3, 12) and not p.birth_date_month_only
    assert p.party_date == date(2008, 6, 1) and p.party_date_month_only
    assert p.work_start_date == date(2007, 8, 1) and p.work_start_date_month_only
    assert p.department.name == "教务处"  # a new department is created on import
    post = p.posts.get()
    assert (post.role_kind, post.start_date, post.end_date) == ("班主任", date(2019, 9, 1), None)
    assert p.appraisals.get().result == "优秀"
    assert p.honours.get().date_month_only
    assert AuditEntry.objects.filter(action="person.import_create", object_id=str(p.pk)).exists()
    assert AuditEntry.objects.filter(action="roster.import").exists()


def test_every_error_is_reported_with_sheet_row_and_column_and_nothing_is_imported(world):
    before = Person.objects.count(), PostHistory.objects.count()
    buf = workbook(
        people=[
            person("A100", "赵老师"),
            person("A101", "", 出生日期="1985-13-45"),
            person("A100", "重复", 性别="未知", 手机号="12345"),
        ],
        posts=[
            {"工号": "A999", "任职类别": "校长助理", "开始日期": "2020-09-01"},
            {
                "工号": "A100",
                "任职类别": "班主任",
                "开始日期": "2020-09-01",
                "结束日期": "2019-07-01",
            },
        ],
        appraisals=[{"工号": "A100", "年度": "二〇二四", "结果": "优秀"}],
    )
    with pytest.raises(RosterErrors) as exc:
        read_roster(buf)
    found = {(e.sheet, e.row, e.column) for e in exc.value.errors}
    assert {
        ("教职工", 3, "姓名"),
        ("教职工", 3, "出生日期"),
        ("教职工", 4, "性别"),
        ("教职工", 4, "手机号"),
        ("教职工", 4, "工号"),
        ("任职经历", 2, "任职类别"),
        ("任职经历", 2, "工号"),
        ("任职经历", 3, "结束日期"),
        ("年度考核", 2, "年度"),
    } <= found
    # Reasons are in Chinese, and say which row, column and sheet.
    text = "\n".join(str(e) for e in exc.value.errors)
    assert "「教职工」第3行「出生日期」" in text
    assert "1985-13-45" in text
    assert (Person.objects.count(), PostHistory.objects.count()) == before


def test_wrong_headers_and_a_missing_sheet_are_refused(world):
    bad = dict(HEADERS, 教职工=[*HEADERS["教职工"][:-1], "状态"])
    with pytest.raises(RosterErrors) as exc:
        read_roster(workbook(people=[person("A1", "甲")], headers=bad))
    assert exc.value.errors[0].sheet == "教职工" and exc.value.errors[0].row == 1
    with pytest.raises(RosterErrors):
        read_roster(io.BytesIO(b"PK\x03\x04 not really a workbook"))


def test_reimport_updates_people_by_staff_number_and_shows_the_changes(world):
    import_file(
        world,
        workbook(
            people=[person("A100", "赵老师", 职称="一级教师")],
            posts=[{"工号": "A100", "任职类别": "班主任", "开始日期": "2019-09-01"}],
        ),
    )
    again = workbook(
        people=[person("A100", "赵老师", 职称="高级教师"), person("A101", "钱老师")],
        posts=[
            {
                "工号": "A100",
                "任职类别": "班主任",
                "开始日期": "2019-09-01",
                "结束日期": "2022-07-01",
            },
            {"工号": "A100", "任职类别": "年级组长", "开始日期": "2022-09-01"},
        ],
    )
    plan = roster_plan(world.school, read_roster(again))
    update = plan.updated[0]
    assert update.staff_no == "A100"
    assert update.fields == {"title": ("一级教师", "高级教师")}
    assert update.records == ["任职经历", "年度考核", "荣誉"][:1]
    assert [c.staff_no for c in plan.created] == ["A101"]
    again.seek(0)
    import_file(world, again)
    p = Person.objects.get(organisation=world.school, staff_no="A100")
    assert p.title == "高级教师"
    assert sorted(p.posts.values_list("role_kind", flat=True)) == ["年级组长", "班主任"]
    assert Person.objects.filter(organisation=world.school).count() == 4  # 2 + 2 new


def test_export_then_import_changes_nothing(world):
    import_file(
        world,
        workbook(
            people=[
                person(
                    "A100",
                    "赵老师",
                    出生日期="198503",
                    政治面貌="中共党员",
                    入党时间="2008.06",
                    手机号="13912345678",
                    部门="党政办公室",
                )
            ],
            posts=[
                {"工号": "A100", "任职类别": "班主任", "开始日期": "2019-09", "结束日期": "2021-07"}
            ],
            appraisals=[{"工号": "A100", "年度": 2024, "结果": "合格"}],
            honours=[{"工号": "A100", "日期": "2023-09-10", "名称": "区教学能手", "级别": "区级"}],
        ),
    )
    buf = io.BytesIO()
    write_roster(buf, roster_data(world.school))
    buf.seek(0)
    entries = AuditEntry.objects.count()
    plan = import_file(world, buf)
    assert plan.changes == [] and plan.unchanged == 3
    assert AuditEntry.objects.count() == entries


def test_native_place_round_trips_through_the_workbook(world):
    import_file(world, workbook(people=[person("A100", "赵老师", 籍贯="江苏常州")]))
    p = Person.objects.get(organisation=world.school, staff_no="A100")
    assert p.native_place == "江苏常州"
    buf = io.BytesIO()
    write_roster(buf, roster_data(world.school))
    buf.seek(0)
    sheet = load_workbook(buf)["教职工"]
    headers = [c.value for c in sheet[1]]
    assert headers[headers.index("民族") + 1] == "籍贯"
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "A100")
    assert row[headers.index("籍贯")] == "江苏常州"
    buf.seek(0)
    assert roster_plan(world.school, read_roster(buf)).changes == []
    changed = workbook(people=[person("A100", "赵老师", 籍贯="安徽合肥")])
    assert roster_plan(world.school, read_roster(changed)).updated[0].fields == {
        "native_place": ("江苏常州", "安徽合肥")
    }


def test_a_failure_during_apply_leaves_the_roster_as_it_was(world, monkeypatch):
    from cadre.people import roster

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(roster, "audit_record_many", boom)
    with pytest.raises(RuntimeError):
        import_file(
            world,
            workbook(
                people=[person("A100", "赵老师")],
                appraisals=[{"工号": "A100", "年度": 2024, "结果": "优秀"}],
            ),
        )
    assert not Person.objects.filter(staff_no="A100").exists()
    assert not Appraisal.objects.filter(person__staff_no="A100").exists()


def test_the_command_imports_by_code_or_full_name_and_fails_loudly(world, tmp_path, capsys):
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(people=[person("A100", "赵老师")]).getvalue())
    call_command("import_roster", "--org", "甲中学", str(good))
    assert Person.objects.filter(organisation=world.school, staff_no="A100").exists()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook(people=[person("A200", "孙老师", 性别="?")]).getvalue())
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_roster", "--org", "school-a", str(bad))
    assert "「教职工」第2行「性别」" in capsys.readouterr().err
    assert not Person.objects.filter(staff_no="A200").exists()
    out = tmp_path / "out.xlsx"
    call_command("export_roster", "--org", "school-a", str(out))
    assert load_workbook(out)["教职工"].max_row == 1 + 3
