"""The report to the education bureau (关于聘任中层干部的报告): the procedure the school followed,
with its dates, and a row per appointee; as a Word letter and as a spreadsheet of the table.

The figures come from `evaluation_outcomes` and `panels.services.ranking`, so the report says
what the ranking page and the ranking sheet say.
"""

import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Min
from django.utils import timezone, translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook

from cadre.ballots.models import Evaluation
from cadre.ballots.services import evaluation_outcomes
from cadre.campaigns.models import Application, Campaign, Candidacy, Stage
from cadre.documents import docx_style as style
from cadre.documents.xlsx_style import (
    DASH,
    PERCENT,
    note,
    set_up_printing,
    style_table,
    write_headers,
)
from cadre.panels import services as panels
from cadre.panels.models import Panel, ScoreSheet
from cadre.people.dates import format_cn, parse_cn_date

from .models import Approval, Notice, Objection, Proposal
from .record import day, span
from .timeline import milestone_dates

TITLE = "关于聘任中层干部的报告"
TABLE_TITLE = "拟聘任中层干部情况表"
NO_OBJECTION = "无异议"
# (header, width in Excel's units); the Word table takes the same proportions.
COLUMNS = (
    ("序号", 6),
    ("姓名", 9),
    ("性别", 6),
    ("出生年月", 11),
    ("学历", 10),
    ("职称", 10),
    ("现任职务", 16),
    ("拟任职务", 18),
    ("民主测评\n满意度", 10),
    ("答辩成绩", 9),
    ("综合成绩", 9),
    ("公示结果", 20),
)
# The Word table's widths in cm, on a portrait page with 2 cm margins (17 cm of text).
WORD_WIDTHS = (0.8, 1.2, 0.8, 1.6, 1.5, 1.4, 1.9, 2.1, 1.3, 1.1, 1.1, 2.2)
WORD_MARGIN = Cm(2.0)
DEFAULT_BUREAU = "市教育局"
Milestone = Stage.Milestone


@dataclass
class Appointee:
    name: str
    gender: str
    born: str
    education: str
    title: str
    current_post: str
    post: str
    satisfaction: Decimal | None
    defence: Decimal | None
    composite: Decimal | None
    notice_result: str

    def cells(self, number: int, percent_sign: bool = False) -> list:
        """The row; with `percent_sign` the satisfaction reads 87.50% (in Word, where it is
        text; a spreadsheet formats the number instead)."""
        satisfaction = self.satisfaction
        if percent_sign and satisfaction is not None:
            satisfaction = f"{satisfaction}%"
        return [
            number,
            self.name,
            self.gender,
            self.born,
            self.education,
            self.title,
            self.current_post or DASH,
            self.post,
            satisfaction,
            self.defence,
            self.composite,
            self.notice_result,
        ]


def appointees(campaign: Campaign) -> list[Appointee]:
    """The approved (or appointed) appointees, each as the application form described him
    when he applied: his post then, not the one he is appointed to."""
    proposals = list(
        Proposal.objects.filter(
            campaign=campaign, status__in=(Proposal.Status.APPROVED, Proposal.Status.APPOINTED)
        ).select_related("person", "position")
    )
    people = [p.person_id for p in proposals]
    profiles = dict(
        Application.objects.filter(campaign=campaign, person_id__in=people).values_list(
            "person_id", "profile"
        )
    )
    outcomes = evaluation_outcomes(campaign)
    panel = Panel.objects.filter(campaign=campaign).first()
    ranked = {(r["person"].pk, r["position"].pk): r for r in panels.ranking(panel)} if panel else {}
    findings: dict[int, list[str]] = {}
    for o in Objection.objects.filter(notice__campaign=campaign, proposal__in=proposals).order_by(
        "received_at", "id"
    ):
        findings.setdefault(o.proposal_id, []).append(
            o.get_finding_display() if o.status == Objection.Status.CONCLUDED else "核查中"
        )
    rows = []
    for p in proposals:
        profile = profiles.get(p.person_id) or {}
        row = ranked.get((p.person_id, p.position_id), {})
        percent = outcomes.get(p.person_id, {}).get("percent")
        rows.append(
            Appointee(
                name=p.person.name,
                gender=profile.get("gender") or p.person.gender,
                born=_born(profile.get("birth_date"), p.person),
                education=profile.get("education") or p.person.education,
                title=profile.get("title", p.person.title),
                current_post=profile.get("current_post", ""),
                post=p.position.title,
                satisfaction=Decimal(percent) if percent else None,
                defence=row.get("defence"),
                composite=row.get("composite"),
                notice_result=_notice_result(findings.get(p.pk, [])),
            )
        )
    return rows


def _born(text: str | None, person) -> str:
    if text:
        return format_cn(parse_cn_date(text).value, month_only=True)
    return format_cn(person.birth_date, month_only=True)


def _notice_result(findings: list[str]) -> str:
    if not findings:
        return NO_OBJECTION
    return f"反映问题已查结：{'；'.join(findings)}"


def procedure(campaign: Campaign) -> list[str]:
    """The steps the school took, each with its date, as far as it has taken them."""
    steps = []
    # The dates the timeline shows, so that the report and the campaign's page agree.
    reached = milestone_dates(campaign)
    if campaign.approved_on:
        steps.append(
            f"制定方案。{day(campaign.approved_on)}，{campaign.title}经"
            f"{campaign.approval_note or '学校研究'}审定，{day(campaign.filed_on)}报教育局备案"
            f"（{campaign.filing_reference}）。"
        )
    if campaign.published_at:
        count = Application.objects.filter(
            campaign=campaign, status=Application.Status.SUBMITTED
        ).count()
        steps.append(
            f"发布公告，组织报名。{day(campaign.published_at)}发布竞聘公告，报名时间为"
            f"{span(campaign.registration_opens, campaign.registration_deadline)}，"
            f"共{count}人报名。"
        )
    if reached[Milestone.REVIEW]:
        qualified = (
            Candidacy.objects.filter(
                application__campaign=campaign,
                application__status=Application.Status.SUBMITTED,
                result=Candidacy.Result.QUALIFIED,
            )
            .values("application__person")
            .distinct()
            .count()
        )
        steps.append(
            f"资格审查。经逐项审查，{day(reached[Milestone.REVIEW])}领导小组集体研究确定"
            f"{qualified}名竞聘人选。"
        )
    evaluation = (
        Evaluation.objects.filter(
            campaign=campaign, kind=Evaluation.Kind.RATING, status=Evaluation.Status.CLOSED
        )
        .order_by("-closed_at")
        .first()
    )
    if evaluation:
        rec = evaluation.result.get("reconciliation", {})
        ballots = rec.get("electronic_ballots", 0) + rec.get("paper_ballots", 0)
        steps.append(
            f"竞聘演讲和民主测评。{day(evaluation.opened_at or evaluation.closed_at)}召开竞聘"
            f"演讲和民主测评大会，由{campaign.evaluators}以无记名方式测评，收回有效票{ballots}张。"
        )
    panel = Panel.objects.filter(campaign=campaign).first()
    if panel and panel.status == Panel.Status.CLOSED:
        held = ScoreSheet.objects.filter(panel=panel, status=ScoreSheet.Status.SUBMITTED).aggregate(
            first=Min("submitted_at"), last=Max("submitted_at")
        )
        steps.append(
            f"现场答辩。{span(held['first'], held['last'])}，由{panel.experts.count()}名外聘专家"
            f"组成评委会进行现场答辩，按民主测评占{_share(panel.evaluation_weight)}、"
            f"答辩占{_share(panel.defence_weight)}计算综合成绩。"
        )
    inspected = campaign.inspections.aggregate(count=Count("id"), last=Max("concluded_at"))
    if reached[Milestone.DEFENCE] and inspected["count"]:
        steps.append(
            f"组织考察。{day(reached[Milestone.DEFENCE])}领导小组研究确定考察对象"
            f"{inspected['count']}人，考察组采取个别谈话、征求意见、查阅档案等方式进行考察"
            + (f"，{day(inspected['last'])}完成考察" if inspected["last"] else "")
            + "。"
        )
    if reached[Milestone.INSPECTION]:
        steps.append(
            f"集体研究。{day(reached[Milestone.INSPECTION])}领导小组集体研究提出拟聘人选。"
        )
    notice = Notice.objects.filter(campaign=campaign).first()
    if notice:
        received = notice.objections.count()
        concluded = notice.objections.filter(status=Objection.Status.CONCLUDED).count()
        if not received:
            heard = "公示期间未收到反映问题"
        elif concluded == received:
            heard = f"公示期间收到反映问题{received}件，均已核查并作出结论"
        else:
            heard = f"公示期间收到反映问题{received}件，已查结{concluded}件"
        steps.append(
            f"公示。{span(notice.starts_on, notice.ends_on)}在校内公示，公示期"
            f"{notice.days}个{notice.get_counting_display()}，{heard}。"
        )
    approval = Approval.objects.filter(campaign=campaign).select_related("decision").first()
    if approval:
        steps.append(
            f"党政联席会议研究。{day(approval.decision.date)}召开党政联席会议，研究决定聘任。"
        )
    return steps


def _share(weight: Decimal) -> str:
    return f"{(Decimal(weight) * 100).normalize():f}%"


def _bureau(campaign: Campaign) -> str:
    parent = campaign.organisation.parent
    return parent.name if parent else DEFAULT_BUREAU


def _report_date(campaign: Campaign):
    approval = Approval.objects.filter(campaign=campaign).first()
    return approval.reported_on if approval and approval.reported_on else timezone.localdate()


@translation.override("zh-hans")
def filing_report_docx(campaign: Campaign) -> bytes:
    """The letter to the bureau, with the table of appointees."""
    campaign = Campaign.objects.select_related("organisation__parent", "candidate_decision").get(
        pk=campaign.pk
    )
    doc = style.a4_document(TITLE, margin=WORD_MARGIN)
    approval = Approval.objects.filter(campaign=campaign).first()
    if approval and approval.report_reference:
        style.add_paragraph(
            doc, approval.report_reference, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER
        )
    style.add_title(doc, TITLE)
    style.add_paragraph(doc, f"{_bureau(campaign)}：", indent=False)
    style.add_paragraph(
        doc,
        f"根据干部管理权限和{campaign.title}，我校按照公开、平等、竞争、择优的原则开展中层干部"
        "竞聘工作。现将有关情况报告如下：",
    )
    for number, step in enumerate(procedure(campaign), start=1):
        style.add_paragraph(doc, step, bold_lead=f"{number}. ")
    rows = appointees(campaign)
    style.add_paragraph(
        doc,
        f"经党政联席会议研究，拟聘任以下{len(rows)}名同志为我校中层干部，现予报批：",
    )
    style.add_table(
        doc,
        [header for header, _width in COLUMNS],
        [[str(_blank(v)) for v in a.cells(n, percent_sign=True)] for n, a in enumerate(rows, 1)],
        WORD_WIDTHS,
        size=Pt(8),
    )
    style.add_paragraph(doc, "特此报告。")
    for line in (campaign.organisation.name, format_cn(_report_date(campaign))):
        style.add_paragraph(doc, line, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _blank(value):
    return DASH if value in (None, "") else value


@translation.override("zh-hans")
def filing_report_xlsx(campaign: Campaign) -> bytes:
    """The table of appointees on one sheet, printed landscape on A4."""
    campaign = Campaign.objects.select_related("organisation__parent").get(pk=campaign.pk)
    wb = Workbook()
    ws = wb.active
    ws.title = TABLE_TITLE
    widths = write_headers(ws, f"{campaign.organisation.name}{TABLE_TITLE}", list(COLUMNS))
    for number, a in enumerate(appointees(campaign), start=1):
        ws.append([_blank(v) for v in a.cells(number)])
        if a.satisfaction is not None:
            # Stored as 87.50, not 0.875; the other figures get two decimals from the styling.
            ws.cell(ws.max_row, 9).number_format = PERCENT
    style_table(ws, 2, 1, widths)
    note(
        ws,
        f"报送：{_bureau(campaign)}。{campaign.organisation.name}，"
        f"{format_cn(_report_date(campaign))}。",
        len(widths),
        gap=1,
    )
    set_up_printing(ws, 1, freeze_col=3)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
