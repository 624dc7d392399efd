import io

import pytest
from openpyxl import load_workbook

from cadre.campaigns.models import Application, Candidacy
from cadre.documents.review_sheet import review_sheet_xlsx
from tests.conftest import make_person

from .factories import apply, exempt, leading_group_decision, make_campaign, review

LEADING = ["序号", "工号", "姓名", "性别", "出生日期", "学历", "职称", "竞聘岗位", "志愿"]
TRAILING = ["审查结论", "理由", "审查人", "审查时间"]


@pytest.fixture
def sheet(world):
    """张老师 applies for both posts (the head post reviewed, with an exemption), 李老师 for the
    deputy post only, and 赵老师 withdrew."""
    setup = make_campaign(world)
    first, _second = apply(
        setup.campaign, world.person, [setup.head, setup.deputy]
    ).candidacies.order_by("rank")
    apply(setup.campaign, world.colleague, [setup.deputy])
    withdrawn = make_person(world.school, "A003", "赵老师")
    apply(setup.campaign, withdrawn, [setup.head], status=Application.Status.WITHDRAWN)
    decision = leading_group_decision(setup.campaign)
    exempt(first, setup.rules["political_status"], "教学业绩特别突出", decision)
    review(first, world.users["school_admin"], attested={setup.rules["manual"]: "经党总支审查"})
    # Changed after the review: the sheet keeps what the reviewer saw.
    world.person.political_status = "中共党员"
    world.person.save()
    workbook = load_workbook(io.BytesIO(review_sheet_xlsx(setup.campaign)))
    return setup, workbook["资格审查表"]


def values(ws, row):
    return [c.value for c in ws[row]]


def column_of(ws, header):
    return values(ws, 2).index(header) + 1


def test_title_and_one_column_per_condition(sheet):
    setup, ws = sheet
    assert ws["A1"].value == "2025年中层干部竞聘资格审查表"
    rule_labels = [r.label for r in setup.campaign.rules.all()]
    assert values(ws, 2) == LEADING + rule_labels + TRAILING


def test_rows_follow_the_positions_then_staff_numbers_without_withdrawn_applications(sheet):
    _, ws = sheet
    rows = [values(ws, r)[:9] for r in range(3, 6)]
    assert [r[1:3] + r[7:9] for r in rows] == [
        ["A001", "张老师", "党政办公室主任", "第一志愿"],
        ["A001", "张老师", "课程教学中心副主任", "第二志愿"],
        ["A002", "李老师", "课程教学中心副主任", "第一志愿"],
    ]
    assert rows[0][0] == 1 and rows[0][4] == "1988年5月1日"
    assert "赵老师" not in {ws.cell(r, 3).value for r in range(1, ws.max_row + 1)}


def test_verdicts_exemption_and_inapplicable_conditions(sheet):
    _, ws = sheet
    political = column_of(ws, "中共党员")
    assert ws.cell(3, political).value == (
        "✗ 政治面貌为群众，要求中共党员（已放宽：教学业绩特别突出，2025年6月24日领导小组决定）"
    )
    assert ws.cell(4, political).value == "不适用"  # the condition is for head posts only
    assert ws.cell(3, column_of(ws, "45周岁以下（1980年1月1日后出生）")).value.startswith("✓ ")
    manual = column_of(ws, "政治素质好，事业心强")
    assert ws.cell(3, manual).value == "✓ 经党总支审查"
    assert ws.cell(5, manual).value == "? 需审查人认定"


def test_review_result_reviewer_and_time(sheet):
    _, ws = sheet
    reviewed = values(ws, 3)[-4:]
    assert reviewed == ["合格", None, "admin-a", "2025年6月24日 15:00"]
    assert values(ws, 5)[-4:] == ["未审查", None, None, None]


def test_a_not_qualified_candidacy_gives_its_reason(world):
    setup = make_campaign(world)
    candidacy = apply(setup.campaign, world.colleague, [setup.head]).candidacies.get()
    review(candidacy, world.users["leader"], Candidacy.Result.NOT_QUALIFIED, "非中共党员")
    ws = load_workbook(io.BytesIO(review_sheet_xlsx(setup.campaign)))["资格审查表"]
    assert values(ws, 3)[-4:-2] == ["不合格", "非中共党员"]


def test_printing_setup(sheet):
    _, ws = sheet
    assert ws.freeze_panes == "D3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$2"
    assert ws.cell(2, 1).border.left.style == "thin"
    assert ws.cell(3, column_of(ws, "政治素质好，事业心强")).alignment.wrap_text
