import io
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from cadre.appointments.exports import (
    COLUMNS,
    NO_OBJECTION,
    TITLE,
    filing_report_docx,
    filing_report_xlsx,
)
from cadre.appointments.models import Objection
from cadre.appointments.services import approval, notice
from cadre.ballots.services import evaluation_outcomes
from cadre.panels.services import ranking
from tests.appointments.conftest import at, joint_meeting

HEADERS = [header for header, _width in COLUMNS]
HEADER_ROW = 2  # under the title


def expected(campaign, name="甲"):
    """甲's figures as the ranking states them."""
    row = next(r for r in ranking(campaign.panel) if r["person"].name == name)
    percent = evaluation_outcomes(campaign)[row["person"].pk]["percent"]
    return Decimal(percent), row["defence"], row["composite"]


def word_table(content: bytes):
    doc = Document(io.BytesIO(content))
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "姓名")
    return doc, [[c.text for c in row.cells] for row in table.rows]


def test_the_word_report_names_the_appointee_with_his_figures(appointed):
    satisfaction, defence, composite = expected(appointed)
    doc, rows = word_table(filing_report_docx(appointed))
    assert rows[0] == HEADERS
    assert len(rows) == 2  # 乙 was not proposed
    assert rows[1] == [
        "1",
        "甲",
        "女",
        "1986年1月",
        "大学本科",
        "—",
        "—",
        "党政办公室副主任",
        f"{satisfaction}%",
        str(defence),
        str(composite),
        NO_OBJECTION,
    ]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert TITLE in text
    assert "测试区教育局：" in text  # the school's bureau
    assert "附中〔2025〕9号" in text
    assert "2025年7月2日至2025年7月7日" in text  # the notice period
    assert "2025年7月8日召开党政联席会议" in text
    assert text.rstrip().endswith("甲中学\n2025年7月8日")


def test_the_spreadsheet_holds_the_same_row(appointed):
    satisfaction, defence, composite = expected(appointed)
    ws = load_workbook(io.BytesIO(filing_report_xlsx(appointed))).active
    assert [c.value for c in ws[HEADER_ROW]] == HEADERS
    row = [c.value for c in ws[HEADER_ROW + 1]]
    assert row[:3] == [1, "甲", "女"]
    assert row[7] == "党政办公室副主任"
    assert row[8] == pytest.approx(float(satisfaction))
    assert ws.cell(HEADER_ROW + 1, 9).number_format == '0.00"%"'
    assert (row[9], row[10]) == (pytest.approx(float(defence)), pytest.approx(float(composite)))
    assert row[11] == NO_OBJECTION
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4


def test_a_concern_looked_into_is_reported_with_its_finding(on_notice, world):
    objection = notice.objection_file(
        notice=on_notice.notice,
        content="反映问题。",
        proposal=on_notice.proposals.get(person__name="甲"),
        received_at=at(2025, 7, 4),
    )
    notice.objection_conclude(
        actor="t",
        objection=objection,
        handling="核查。",
        finding=Objection.Finding.PARTLY,
        conclusion="批评教育，不影响聘任。",
    )
    approval.approval_record(
        actor="t",
        campaign=on_notice,
        decision=joint_meeting(on_notice, world),
        today=date(2025, 7, 8),
    )
    _doc, rows = word_table(filing_report_docx(on_notice))
    assert rows[1][-1] == "反映问题已查结：部分属实"
    ws = load_workbook(io.BytesIO(filing_report_xlsx(on_notice))).active
    assert ws.cell(HEADER_ROW + 1, len(HEADERS)).value == "反映问题已查结：部分属实"


@pytest.mark.parametrize("stage", ["reviewed", "inspecting", "on_notice"])
def test_before_the_approval_the_report_has_no_appointee(stage, request):
    campaign = request.getfixturevalue(stage)
    _doc, rows = word_table(filing_report_docx(campaign))
    assert rows == [HEADERS]
    ws = load_workbook(io.BytesIO(filing_report_xlsx(campaign))).active
    assert ws.cell(HEADER_ROW + 1, 2).value is None or "报送" in str(
        ws.cell(HEADER_ROW + 1, 1).value
    )
