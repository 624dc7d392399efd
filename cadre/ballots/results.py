"""Reading a closed evaluation: the rows of the 民主测评结果统计表, the meeting screen."""

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font

from .models import Evaluation, VotingCode


def rows(evaluation: Evaluation) -> list[dict]:
    tallies = evaluation.result.get("tally", {})
    out = []
    for c in evaluation.candidates.select_related("person"):
        t = tallies.get(c.key, {})
        out.append(
            {
                "candidate": c,
                "tally": t,
                "counts": [t.get("counts", {}).get(o["code"], 0) for o in evaluation.options],
                "paper": sum(t.get("paper", {}).values()),
            }
        )
    return out


def screen_context(evaluation: Evaluation) -> dict:
    candidates = list(evaluation.candidates.select_related("person"))
    current = evaluation.current_speaker
    speaker = candidates[current] if current is not None and current < len(candidates) else None
    upcoming = candidates[(current + 1) if current is not None else 0 :][:3]
    return {
        "evaluation": evaluation,
        "speaker": speaker,
        "upcoming": upcoming,
        "candidates": candidates,
        "started": evaluation.speech_started_at.isoformat() if evaluation.speech_started_at else "",
        "seconds": evaluation.speech_minutes * 60,
        "server_now": timezone.now().isoformat(),
        "codes_used": VotingCode.objects.filter(evaluation=evaluation, spent=True).count(),
        "checked_in": evaluation.check_ins.count(),
        "rows": rows(evaluation) if evaluation.status == Evaluation.Status.CLOSED else [],
    }


def write_xlsx(evaluation: Evaluation, stream) -> None:
    """The 民主测评结果统计表, with a chart of each candidate's marks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "民主测评结果统计表"
    options = [o["label"] for o in evaluation.options]
    header = [
        "序号",
        "姓名",
        "竞聘岗位",
        *options,
        "未标记",
        "无效",
        "计算基数",
        "满意人数",
        "满意度",
        "是否达到" + f"{evaluation.threshold_num}/{evaluation.threshold_den}",
    ]
    ws.append([f"{evaluation.organisation.name}{evaluation.title}民主测评结果统计表"])
    ws["A1"].font = Font(bold=True, size=14)
    rec = evaluation.result.get("reconciliation", {})
    ws.append(
        [
            f"应到 {rec.get('entitled', 0)} 人，实到 {rec.get('checked_in', 0)} 人；"
            f"发放投票码 {rec.get('codes_issued', 0)} 个，"
            f"使用 {rec.get('codes_used', 0)} 个；"
            f"电子票 {rec.get('electronic_ballots', 0)} 张，"
            f"纸质票 {rec.get('paper_ballots', 0)} 张。"
            f"公示板指纹 SHA-256：{evaluation.board_sha256}"
        ]
    )
    ws.append(header)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for i, row in enumerate(rows(evaluation), start=1):
        t = row["tally"]
        ws.append(
            [
                i,
                row["candidate"].person.name,
                row["candidate"].note,
                *row["counts"],
                t.get("blank", 0),
                t.get("spoiled", 0),
                t.get("base", 0),
                t.get("satisfied", 0),
                f"{t.get('percent', '0.00')}%（{t.get('rate', '')}）",
                "是" if t.get("passed") else "否",
            ]
        )
    for col, width in zip(
        "ABCDEFGHIJKLM", (6, 10, 28, 8, 8, 8, 8, 8, 8, 10, 10, 18, 10), strict=False
    ):
        ws.column_dimensions[col].width = width
    last = ws.max_row
    if last > 3:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = "各竞聘者测评票分布"
        data = Reference(ws, min_col=4, max_col=3 + len(options), min_row=3, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=2, min_row=4, max_row=last))
        chart.height = max(7, 0.8 * (last - 3) + 4)
        chart.width = 18
        ws.add_chart(chart, f"A{last + 3}")
    wb.save(stream)
