"""The whole record of one campaign (全程纪实) as one Word document.

Written from the data and the audit trail, a section per step of the procedure, each present
once the campaign has reached it, so the document can be printed at any stage. The record is
read widely (the party branch, the bureau, the inspection of the school), so it names no
reporter of a concern and no one who recommended a colleague; its appendix lists the audit
trail with the chain's hashes, for a reader to check against `cadre audit verify`.
"""

import io
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from docx.shared import Pt

from cadre.audit.actions import action_label
from cadre.audit.models import AuditHead
from cadre.ballots import results
from cadre.ballots.models import Evaluation
from cadre.campaigns.models import (
    Application,
    Campaign,
    CampaignPosition,
    Candidacy,
    Exemption,
    Nomination,
)
from cadre.decisions.models import BodyMember, Decision
from cadre.documents import docx_style as style
from cadre.documents.review_sheet import ORDINALS, RESULTS, rule_cell
from cadre.panels import services as panels
from cadre.panels.exports import DASH, NOT_SUBMITTED, RECUSED
from cadre.panels.models import Panel
from cadre.people.dates import format_cn

from .models import Approval, Inspection, Notice, Objection, Proposal
from .schedule import Progress, State
from .selectors import campaign_audit_entries
from .timeline import timeline

PLAN_HEADINGS = {
    "preamble": "",
    "guiding_idea": "指导思想",
    "principles": "竞聘原则",
    "conditions_text": "竞聘条件",
    "procedure": "竞聘程序",
    "other_provisions": "其他事项",
    "how_to_apply": "报名方式",
}
HASH_SHOWN = 12


@dataclass
class Facts:
    """Everything the record shows, read in a fixed number of queries."""

    campaign: Campaign
    timetable: list = field(default_factory=list)  # schedule.Row: planned and actual dates
    members: dict = field(default_factory=dict)  # body id → [BodyMember]
    applications: list = field(default_factory=list)
    nominations: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)  # (evaluation, results.rows or [])
    panel: Panel | None = None
    experts: list = field(default_factory=list)
    ranking: list = field(default_factory=list)
    decisions: list = field(default_factory=list)
    inspections: list = field(default_factory=list)
    proposals: list = field(default_factory=list)
    notice: Notice | None = None
    objections: list = field(default_factory=list)
    approval: Approval | None = None
    entries: list = field(default_factory=list)
    head: str = ""

    def reached(self, status: str) -> bool:
        order = list(Campaign.Status.values)
        return order.index(self.campaign.status) >= order.index(status)

    def decision(self, pk) -> Decision | None:
        return next((d for d in self.decisions if d.pk == pk), None)


def campaign_record_docx(campaign: Campaign) -> bytes:
    """The 全程纪实 of `campaign`, at whatever stage it stands."""
    # Labels drawn from the models (levels, roles, sources) in the document's language.
    with translation.override("zh-hans"):
        facts = load(campaign)
        c = facts.campaign
        doc = style.a4_document(f"{c.title}全程纪实")
        _cover(doc, facts)
        number = 0
        for name, present, write in SECTIONS:
            if not present(facts):
                continue
            number += 1
            doc.add_heading(f"{ORDINALS[number - 1]}、{name}", level=1)
            write(doc, facts)
        doc.add_heading("附：全程操作记录", level=1)
        _audit_appendix(doc, facts)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- reading


def load(campaign: Campaign) -> Facts:
    c = (
        Campaign.objects.select_related(
            "organisation__parent", "leading_group", "joint_meeting", "candidate_decision"
        )
        .prefetch_related(
            Prefetch("positions", queryset=CampaignPosition.objects.select_related("department")),
            "stages",
            "rules",
        )
        .get(pk=campaign.pk)
    )
    facts = Facts(campaign=c, timetable=timeline(c))
    bodies = [b for b in (c.leading_group_id, c.joint_meeting_id) if b]
    for m in BodyMember.objects.filter(body_id__in=bodies).select_related("person"):
        facts.members.setdefault(m.body_id, []).append(m)
    facts.decisions = list(
        Decision.objects.filter(body_id__in=bodies)
        .select_related("body")
        .prefetch_related(
            "present", Prefetch("recused", BodyMember.objects.select_related("person"))
        )
        .order_by("date", "id")
    )
    if facts.reached(Campaign.Status.PUBLISHED):
        facts.applications = list(
            Application.objects.filter(campaign=c)
            .exclude(status=Application.Status.DRAFT)
            .select_related("person")
            .prefetch_related(
                Prefetch(
                    "candidacies",
                    queryset=Candidacy.objects.select_related("position").prefetch_related(
                        Prefetch("exemptions", queryset=Exemption.objects.select_related("rule"))
                    ),
                )
            )
            .order_by("submitted_at", "id")
        )
        facts.nominations = list(
            Nomination.objects.filter(campaign=c)
            .select_related("nominee", "position")
            .order_by("created_at", "id")
        )
    for e in Evaluation.objects.filter(campaign=c).select_related("organisation").order_by("id"):
        closed = e.status == Evaluation.Status.CLOSED
        facts.evaluations.append((e, results.rows(e) if closed else []))
    facts.panel = Panel.objects.filter(campaign=c).select_related("campaign").first()
    if facts.panel:
        facts.experts = list(facts.panel.experts.prefetch_related("conflicts"))
        facts.ranking = panels.ranking(facts.panel)
    facts.inspections = list(c.inspections.select_related("person", "position"))
    facts.proposals = list(Proposal.objects.filter(campaign=c).select_related("person", "position"))
    facts.notice = Notice.objects.filter(campaign=c).first()
    if facts.notice:
        facts.objections = list(
            facts.notice.objections.select_related("proposal__person", "proposal__position")
        )
    facts.approval = Approval.objects.filter(campaign=c).first()
    facts.entries = list(campaign_audit_entries(c))
    facts.head = AuditHead.objects.filter(pk=1).values_list("hash", flat=True).first() or ""
    return facts


# ---------------------------------------------------------------- shared wording


def day(value) -> str:
    """A date or a moment as 2025年7月2日 (a moment on the school's local day)."""
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localdate(value)
    return format_cn(value)


def moment(value) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{format_cn(local.date())} {local:%H:%M}"


def span(start, end) -> str:
    """From one day to another, or the one day when both fall on it."""
    if not end or day(end) == day(start):
        return day(start)
    return f"{day(start)}至{day(end)}"


def decision_summary(decision: Decision, members: int) -> str:
    """The facts of a collective decision as the record states them."""
    present = len(decision.present.all())
    recused = [m.person.name for m in decision.recused.all()]
    aside = f"，{'、'.join(recused)}回避" if recused else ""
    return (
        f"{day(decision.date)}{decision.body.name}研究“{decision.subject}”：应到{members}人，"
        f"实到{present}人{aside}；同意{decision.votes_for}票，反对{decision.votes_against}票，"
        f"弃权{decision.abstentions}票，{decision.get_outcome_display()}。"
    )


def _decided(facts: Facts, pk) -> str:
    d = facts.decision(pk)
    if d is None:
        return ""
    return decision_summary(d, len(facts.members.get(d.body_id, [])))


def choice(rank: int) -> str:
    return f"第{ORDINALS[rank - 1]}志愿" if 1 <= rank <= len(ORDINALS) else f"第{rank}志愿"


def _progress(progress: Progress | None) -> str:
    if progress is None:
        return DASH
    late = progress.days_late
    return {
        State.DONE: "按期完成",
        State.LATE: f"推迟{late}天完成",
        State.OVERDUE: f"已逾期{late}天",
        State.UNDER_WAY: "进行中",
        State.AHEAD: "未开始",
    }[progress.state]


def _or_dash(value) -> str:
    return DASH if value in (None, "") else str(value)


def _subheading(doc, text: str) -> None:
    doc.add_heading(text, level=2)


# ---------------------------------------------------------------- the cover


def _cover(doc, facts: Facts) -> None:
    c = facts.campaign
    style.add_title(doc, c.organisation.name, space_after=Pt(6))
    style.add_title(doc, f"{c.title}全程纪实")
    style.add_paragraph(
        doc,
        f"当前阶段：{c.get_status_display()}。本纪实由系统根据工作数据和操作"
        f"记录于{moment(timezone.now())}生成，各部分依工作进程依次记载；附件所列操作记录与"
        f"审计链一一对应，可据以核验。",
    )


# ---------------------------------------------------------------- 一、工作方案


def _plan(doc, facts: Facts) -> None:
    c = facts.campaign
    style.add_paragraph(doc, c.title, bold_lead="方案名称：")
    for name in Campaign.TEXT_SECTIONS:
        text = getattr(c, name).strip()
        if not text:
            continue
        heading = PLAN_HEADINGS.get(name, str(Campaign._meta.get_field(name).verbose_name))
        if heading:
            _subheading(doc, heading)
        for line in text.splitlines():
            if line.strip():
                style.add_paragraph(doc, line.strip())
    _subheading(doc, "竞聘岗位及职数")
    positions = list(c.positions.all())
    style.add_table(
        doc,
        ["序号", "部门", "岗位", "层级", "职数", "岗位职责"],
        [
            [
                i,
                p.department.name,
                p.title,
                p.get_level_display(),
                p.quota_text,
                (p.duties or DASH, "left"),
            ]
            for i, p in enumerate(positions, start=1)
        ],
        [1, 3, 4, 2, 1.2, 7],
    )
    style.add_paragraph(
        doc,
        f"每人可填报{c.max_choices}个志愿；年龄、任职年限等计算至{day(c.reference_date)}；"
        f"报名时间为{moment(c.registration_opens)}至{moment(c.registration_deadline)}；"
        f"民主测评由{c.evaluators}参加，竞聘演讲每人{c.speech_minutes}分钟。",
    )
    _subheading(doc, "竞聘条件")
    style.add_table(
        doc,
        ["序号", "条件", "适用岗位层级", "特别优秀者可放宽"],
        [
            [i, (r.label, "left"), r.levels_display or "全部", "是" if r.exemptable else "否"]
            for i, r in enumerate(c.rules.all(), start=1)
        ],
        [1, 9, 3, 2.5],
    )
    _subheading(doc, "工作日程")
    style.add_table(
        doc,
        ["序号", "工作内容", "计划时间", "实际完成", "完成情况"],
        [
            [
                i,
                (row.stage.name, "left"),
                span(row.stage.planned_start, row.stage.planned_end),
                day(row.actual) or DASH,
                _progress(row.progress),
            ]
            for i, row in enumerate(facts.timetable, start=1)
        ],
        [1, 5, 4.5, 2.6, 2.4],
    )
    _subheading(doc, "工作领导小组")
    members = facts.members.get(c.leading_group_id, [])
    if c.leading_group_formed_on:
        style.add_paragraph(doc, f"{day(c.leading_group_formed_on)}成立。")
    if members:
        style.add_table(
            doc,
            ["序号", "姓名", "职务"],
            [[i, m.person.name, m.get_role_display()] for i, m in enumerate(members, start=1)],
            [1, 4, 4],
        )
    else:
        style.add_paragraph(doc, "尚未确定。")
    _subheading(doc, "审定与备案")
    if c.approved_on:
        note = f"（{c.approval_note}）" if c.approval_note else ""
        style.add_paragraph(
            doc,
            f"方案于{day(c.approved_on)}经学校研究审定{note}，于{day(c.filed_on)}报教育局备案，"
            f"备案文号：{c.filing_reference or DASH}。"
            + (f"{moment(c.published_at)}发布竞聘公告。" if c.published_at else ""),
        )
    else:
        style.add_paragraph(doc, "方案尚未审定备案。")


# ---------------------------------------------------------------- 二、报名


def _registration(doc, facts: Facts) -> None:
    apps = facts.applications
    submitted = [a for a in apps if a.status == Application.Status.SUBMITTED]
    withdrawn = [a for a in apps if a.status == Application.Status.WITHDRAWN]
    style.add_paragraph(
        doc,
        f"报名期间共收到自荐表{len(apps)}份，其中有效{len(submitted)}份，"
        f"本人撤回{len(withdrawn)}份。",
    )
    for position in facts.campaign.positions.all():
        rows = []
        for a in apps:
            mine = [k for k in a.candidacies.all() if k.position_id == position.pk]
            if not mine:
                continue
            choices = "；".join(
                f"{choice(k.rank)}：{k.position.title}"
                for k in sorted(a.candidacies.all(), key=lambda k: k.rank)
            )
            state = "" if a.status == Application.Status.SUBMITTED else "（已撤回）"
            rows.append(
                [
                    len(rows) + 1,
                    a.person.name + state,
                    a.get_source_display(),
                    choice(mine[0].rank),
                    (choices, "left"),
                    moment(a.submitted_at),
                ]
            )
        _subheading(doc, f"{position.title}（职数{position.quota_text}）")
        if rows:
            style.add_table(
                doc,
                ["序号", "姓名", "报名方式", "本岗位志愿", "所报志愿", "提交时间"],
                rows,
                [1, 2.5, 2.5, 2.2, 6, 3.3],
            )
        else:
            style.add_paragraph(doc, "无人报名。")
    if facts.nominations:
        _subheading(doc, "举荐与推荐")
        # Who recommended a colleague is not named: a peer's recommendation is his own
        # business, like a vote.
        style.add_table(
            doc,
            ["序号", "被推荐人", "推荐岗位", "推荐方式", "推荐理由", "本人意见", "推荐日期"],
            [
                [
                    i,
                    n.nominee.name,
                    n.position.title,
                    n.get_channel_display(),
                    (n.reason, "left"),
                    n.get_status_display(),
                    day(n.created_at),
                ]
                for i, n in enumerate(facts.nominations, start=1)
            ],
            [1, 2.2, 3.2, 2.2, 5, 2.2, 3],
        )


# ---------------------------------------------------------------- 三、资格审查


def _review(doc, facts: Facts) -> None:
    c = facts.campaign
    rules = list(c.rules.all())
    submitted = [a for a in facts.applications if a.status == Application.Status.SUBMITTED]
    candidacies = [k for a in submitted for k in a.candidacies.all()]
    counts = {r: sum(1 for k in candidacies if k.result == r) for r in RESULTS}
    style.add_paragraph(
        doc,
        f"对{len(submitted)}人的{len(candidacies)}个志愿逐项审查竞聘条件：合格"
        f"{counts[Candidacy.Result.QUALIFIED]}个，不合格{counts[Candidacy.Result.NOT_QUALIFIED]}个"
        + (
            f"，尚未审查{counts[Candidacy.Result.PENDING]}个"
            if counts[Candidacy.Result.PENDING]
            else ""
        )
        + "。逐项审查意见如下（✓ 符合，✗ 不符合，? 需人工核实）。",
    )
    people = {a.pk: a.person for a in submitted}
    for position in c.positions.all():
        mine = sorted(
            (k for k in candidacies if k.position_id == position.pk),
            key=lambda k: (k.rank, people[k.application_id].staff_no),
        )
        if not mine:
            continue
        _subheading(doc, position.title)
        rows = []
        for i, k in enumerate(mine, start=1):
            by_rule = {v["rule"]: v for v in k.verdicts}
            lines = [
                f"{r.label}：{rule_cell(r, position.level, by_rule)}"
                for r in rules
                if r.applies_to(position.level) and r.pk in by_rule
            ]
            rows.append(
                [
                    i,
                    people[k.application_id].name,
                    choice(k.rank),
                    ("\n".join(lines) or DASH, "left"),
                    RESULTS.get(k.result, k.result),
                    (k.reason or DASH, "left"),
                ]
            )
        style.add_table(
            doc, ["序号", "姓名", "志愿", "审查意见", "结论", "理由"], rows, [1, 2, 2, 9, 1.6, 3]
        )
    exemptions = [(k, e) for k in candidacies for e in k.exemptions.all()]
    if exemptions:
        _subheading(doc, "放宽条件")
        style.add_table(
            doc,
            ["序号", "姓名", "岗位", "放宽的条件", "理由", "领导小组决定"],
            [
                [
                    i,
                    people[k.application_id].name,
                    k.position.title,
                    (e.rule.label, "left"),
                    (e.reason, "left"),
                    (_decided(facts, e.decision_id), "left"),
                ]
                for i, (k, e) in enumerate(exemptions, start=1)
            ],
            [1, 2, 3, 3.5, 4, 5],
        )
    if c.candidate_decision_id:
        _subheading(doc, "确定竞聘人选")
        style.add_paragraph(doc, _decided(facts, c.candidate_decision_id))


# ---------------------------------------------------------------- 四、民主测评


def _evaluations(doc, facts: Facts) -> None:
    for evaluation, rows in facts.evaluations:
        _subheading(doc, evaluation.title)
        _evaluation(doc, facts, evaluation, rows)


def _evaluation(doc, facts: Facts, e: Evaluation, rows: list) -> None:
    state = e.get_status_display()
    style.add_paragraph(
        doc,
        f"方式：{e.get_kind_display()}；状态：{state}"
        + (f"；{moment(e.opened_at)}开始投票" if e.opened_at else "")
        + (f"，{moment(e.closed_at)}结束" if e.closed_at else "")
        + "。",
    )
    if e.status != Evaluation.Status.CLOSED:
        style.add_paragraph(doc, "投票尚未结束，结果待计票后载入。")
        return
    rec = e.result.get("reconciliation", {})
    style.add_paragraph(
        doc,
        f"应到{rec.get('entitled', 0)}人，实到（签到）{rec.get('checked_in', 0)}人；发放投票码"
        f"{rec.get('codes_issued', 0)}个，使用{rec.get('codes_used', 0)}个；收到电子票"
        f"{rec.get('electronic_ballots', 0)}张，纸质票{rec.get('paper_ballots', 0)}张，"
        f"共{rec.get('electronic_ballots', 0) + rec.get('paper_ballots', 0)}张。",
    )
    if e.kind == Evaluation.Kind.CHOOSE:
        votes = e.result.get("tally", {}).get("votes", {})
        style.add_table(
            doc,
            ["序号", "姓名", "得票"],
            [
                [i, r["candidate"].person.name, votes.get(r["candidate"].key, 0)]
                for i, r in enumerate(rows, start=1)
            ],
            [1, 4, 3],
        )
        spoiled = e.result.get("tally", {}).get("spoiled", 0)
        style.add_paragraph(doc, f"每票最多选{e.max_choices}人；无效票{spoiled}张。")
    else:
        _rating_tables(doc, e, rows)
    url = reverse("board_json", args=[e.public_id])
    style.add_paragraph(
        doc,
        f"{e.board_sha256}。公示板（{url}）载明每一张选票（不含投票人信息）、追踪码和计票结果；"
        "任何人可下载该文件，用 sha256sum 核对上述指纹，并以 cadre ballots recount 重新计票；"
        "投票人可凭回执上的追踪码查到本人选票已计入。",
        bold_lead="公示板指纹（SHA-256）：",
    )


def _rating_tables(doc, e: Evaluation, rows: list) -> None:
    options = e.options
    satisfied = "、".join(o["label"] for o in options if o.get("satisfied"))
    unknown = [o["label"] for o in options if o.get("unknown")]
    style.add_paragraph(
        doc,
        f"满意度 = 满意人数（{satisfied}）÷ 计算基数，达到{e.threshold_num}/{e.threshold_den}"
        f"（含）为达到要求；未标记{'计入' if e.blank_in_base else '不计入'}计算基数"
        + (
            f"，“{'、'.join(unknown)}”{'计入' if e.unknown_in_base else '不计入'}计算基数"
            if unknown
            else ""
        )
        + "。下表含纸质票。",
    )
    style.add_table(
        doc,
        [
            "序号",
            "姓名",
            *(o["label"] for o in options),
            "未标记",
            "无效",
            "计算基数",
            "满意人数",
            "满意度",
            "是否达到",
        ],
        [
            [
                i,
                r["candidate"].person.name,
                *r["counts"],
                r["tally"].get("blank", 0),
                r["tally"].get("spoiled", 0),
                r["tally"].get("base", 0),
                r["tally"].get("satisfied", 0),
                f"{r['tally'].get('percent', '0.00')}%",
                "是" if r["tally"].get("passed") else "否",
            ]
            for i, r in enumerate(rows, start=1)
        ],
        [1, 2.2, *([1.4] * len(options)), 1.3, 1.2, 1.5, 1.5, 1.8, 1.4],
    )
    if any(r["paper"] for r in rows):
        _subheading(doc, "其中纸质票")
        style.add_table(
            doc,
            ["序号", "姓名", *(o["label"] for o in options), "未标记", "无效"],
            [
                [
                    i,
                    r["candidate"].person.name,
                    *(r["tally"].get("paper", {}).get(o["code"], 0) for o in options),
                    r["tally"].get("paper", {}).get("", 0),
                    r["tally"].get("paper", {}).get("*", 0),
                ]
                for i, r in enumerate(rows, start=1)
            ],
            [1, 2.2, *([1.4] * len(options)), 1.3, 1.2],
        )


# ---------------------------------------------------------------- 五、现场答辩


def _defence(doc, facts: Facts) -> None:
    panel = facts.panel
    dims = "、".join(f"{d['label']}{d['max']}分" for d in panel.dimensions)
    trim = (
        f"有效评分表达到{panel.trim_from}份的去掉一个最高分和一个最低分后取平均分"
        if panel.trim_from
        else "取全部有效评分的平均分"
    )
    style.add_paragraph(
        doc,
        f"评委会由{len(facts.experts)}名外聘专家组成；评分表满分{panel.maximum}分（{dims}），"
        f"{trim}。状态：{panel.get_status_display()}。",
    )
    _subheading(doc, "评委")
    style.add_table(
        doc,
        ["序号", "姓名", "工作单位", "职称", "申明回避"],
        [
            [
                i,
                e.name,
                e.affiliation,
                e.title or DASH,
                "、".join(p.name for p in e.conflicts.all()) or "无",
            ]
            for i, e in enumerate(facts.experts, start=1)
        ],
        [1, 2.5, 5, 2.5, 4],
    )
    people: dict[int, dict] = {}
    for row in facts.ranking:
        entry = people.setdefault(row["person"].pk, {"row": row, "positions": []})
        entry["positions"].append(row["position"].title)
    if not people:
        return
    _subheading(doc, "评分汇总")
    recused = {e.pk: {p.pk for p in e.conflicts.all()} for e in facts.experts}
    rows = []
    for i, entry in enumerate(people.values(), start=1):
        row = entry["row"]
        sheets = {s.expert_id: s for s in row["sheets"]}
        cells = []
        for e in facts.experts:
            if row["person"].pk in recused[e.pk]:
                cells.append(RECUSED)
            elif e.pk in sheets:
                cells.append(str(sheets[e.pk].total))
            else:
                cells.append(NOT_SUBMITTED)
        rows.append(
            [
                i,
                row["person"].name,
                "、".join(entry["positions"]),
                *cells,
                len(sheets),
                _or_dash(row["defence"]),
            ]
        )
    style.add_table(
        doc,
        ["序号", "姓名", "竞聘岗位", *(e.name for e in facts.experts), "有效评分表", "答辩得分"],
        rows,
        [1, 2, 3.5, *([1.5] * len(facts.experts)), 1.6, 1.8],
    )


# ---------------------------------------------------------------- 六、综合排名


def _ranking(doc, facts: Facts) -> None:
    panel = facts.panel
    rate = panel.evaluation_measure == Panel.Measure.RATE
    style.add_paragraph(
        doc,
        f"综合成绩 = 民主测评{'满意度' if rate else '加权得分'} × {panel.evaluation_weight} + "
        f"答辩得分（折合百分制）× {panel.defence_weight}。满意度未达到要求者不列为考察对象。",
    )
    style.add_table(
        doc,
        [
            "竞聘岗位",
            "名次",
            "姓名",
            "志愿",
            "民主测评",
            "达到满意度要求",
            "答辩得分",
            "综合成绩",
            "考察对象",
        ],
        [
            [
                r["position"].title,
                _or_dash(r["rank"]),
                r["person"].name,
                choice(r["choice"]),
                _or_dash(r["evaluation"]) + ("%" if rate and r["evaluation"] is not None else ""),
                "是" if r["passed"] else "否",
                _or_dash(r["defence"]),
                _or_dash(r["composite"]),
                "是" if r["shortlisted"] else "否",
            ]
            for r in facts.ranking
        ],
        [3.2, 1.1, 2, 2, 2, 2, 1.8, 1.8, 1.6],
    )
    if panel.shortlist_decision_id:
        _subheading(doc, "确定考察对象")
        style.add_paragraph(doc, _decided(facts, panel.shortlist_decision_id))


# ---------------------------------------------------------------- 七、组织考察


def _inspections(doc, facts: Facts) -> None:
    for i in facts.inspections:
        _subheading(doc, f"{i.person.name}（{i.position.title}）")
        if i.composite is not None:
            style.add_paragraph(doc, f"综合成绩{i.composite}，名次{_or_dash(i.rank)}。")
        group = f"组长{i.group_leader}" if i.group_leader else "尚未记录"
        if i.group_members:
            group += f"；成员{i.group_members}"
        style.add_paragraph(doc, group + "。", bold_lead="考察组：")
        style.add_paragraph(doc, "；".join(i.methods) or "尚未记录", bold_lead="考察方式：")
        style.add_paragraph(doc, i.findings or "尚未记录", bold_lead="考察情况：")
        if i.status == Inspection.Status.CONCLUDED:
            conclusion = f"{i.get_conclusion_display()}（{day(i.concluded_at)}）"
        else:
            conclusion = "考察中"
        style.add_paragraph(doc, conclusion, bold_lead="考察结论：")
    if facts.proposals:
        _subheading(doc, "研究确定拟聘人选")
        style.add_table(
            doc,
            ["序号", "姓名", "拟任职务", "领导小组研究", "结果"],
            [
                [
                    n,
                    p.person.name,
                    p.position.title,
                    (_decided(facts, p.decision_id), "left"),
                    p.get_status_display(),
                ]
                for n, p in enumerate(facts.proposals, start=1)
            ],
            [1, 2, 3.5, 8, 2.2],
        )


# ---------------------------------------------------------------- 八、集体决策


def _decisions(doc, facts: Facts) -> None:
    style.add_paragraph(
        doc,
        "本次工作中工作领导小组和党政联席会议的每一项集体决策，按会议日期排列。"
        "会议须有三分之二以上成员到会，与议题有利害关系的成员回避。",
    )
    style.add_table(
        doc,
        ["序号", "日期", "决策机构", "议题", "实到/应到", "回避", "同意/反对/弃权", "结果"],
        [
            [
                n,
                day(d.date),
                d.body.name,
                (d.subject, "left"),
                f"{len(d.present.all())}/{len(facts.members.get(d.body_id, []))}",
                "、".join(m.person.name for m in d.recused.all()) or "无",
                f"{d.votes_for}/{d.votes_against}/{d.abstentions}",
                d.get_outcome_display(),
            ]
            for n, d in enumerate(facts.decisions, start=1)
        ],
        [1, 3.2, 3.5, 4.1, 1.6, 1.8, 2.2, 1.4],
    )


# ---------------------------------------------------------------- 九、公示


def _notice(doc, facts: Facts) -> None:
    n = facts.notice
    _subheading(doc, "公示情况")
    first = "发布当日计入" if n.first_day_counts else "发布当日不计入"
    style.add_paragraph(
        doc,
        f"{moment(n.published_at)}发布公示，公示期{n.days}个{n.get_counting_display()}"
        f"（{first}），自{day(n.starts_on)}至{day(n.ends_on)}。",
    )
    style.add_paragraph(doc, n.contact, bold_lead="反映问题的方式：")
    shown = [p for p in facts.proposals if p.status != Proposal.Status.NOT_PROPOSED]
    if shown:
        style.add_paragraph(
            doc,
            "、".join(f"{p.person.name}（{p.position.title}）" for p in shown) + "。",
            bold_lead="公示人选：",
        )
    _subheading(doc, "反映问题")
    if not facts.objections:
        style.add_paragraph(doc, "公示期间未收到反映问题。")
    for number, o in enumerate(facts.objections, start=1):
        about = (
            f"{o.proposal.person.name}（{o.proposal.position.title}）" if o.proposal else "未指明"
        )
        # A named report is marked as such and no more: the reporter's name and contact stay
        # with the party committee, never in a record this widely read.
        signed = "匿名" if o.anonymous else "实名"
        style.add_paragraph(
            doc,
            f"{moment(o.received_at)}收到（{o.get_channel_display()}，{signed}），"
            f"反映对象：{about}。",
            bold_lead=f"{number}. 编号 {o.reference}：",
        )
        if o.status == Objection.Status.CONCLUDED:
            style.add_paragraph(doc, o.handling, bold_lead="核查情况：")
            style.add_paragraph(doc, o.get_finding_display(), bold_lead="核查结论：")
            style.add_paragraph(
                doc, f"{o.conclusion}（{day(o.concluded_at)}查结）", bold_lead="处理意见："
            )
        else:
            style.add_paragraph(doc, "正在核查。", bold_lead="核查情况：")
    withdrawn = [p for p in facts.proposals if p.status == Proposal.Status.WITHDRAWN]
    for p in withdrawn:
        style.add_paragraph(
            doc,
            f"{p.person.name}（{p.position.title}）不再作为拟聘人选：{p.withdrawn_reason}",
            bold_lead="撤回拟聘人选：",
        )


# ---------------------------------------------------------------- 十、报批与聘任


def _appointment(doc, facts: Facts) -> None:
    a = facts.approval
    c = facts.campaign
    _subheading(doc, "党政联席会议")
    members = facts.members.get(c.joint_meeting_id, [])
    if members:
        style.add_paragraph(
            doc,
            "、".join(m.person.name for m in members) + "。",
            bold_lead=f"组成人员（{len(members)}人）：",
        )
    style.add_paragraph(doc, _decided(facts, a.decision_id))
    _subheading(doc, "报教育局")
    bureau = c.organisation.parent.name if c.organisation.parent else "教育局"
    if a.reported_on:
        reference = f"（{a.report_reference}）" if a.report_reference else ""
        style.add_paragraph(doc, f"{day(a.reported_on)}报{bureau}{reference}。")
        if a.bureau_reply_on:
            style.add_paragraph(
                doc, f"{day(a.bureau_reply_on)}{bureau}答复：{a.bureau_reply or DASH}。"
            )
    else:
        style.add_paragraph(doc, "尚未上报。")
    _subheading(doc, "聘任")
    chosen = [
        p
        for p in facts.proposals
        if p.status in (Proposal.Status.APPROVED, Proposal.Status.APPOINTED)
    ]
    style.add_table(
        doc,
        ["序号", "姓名", "聘任职务", "岗位分工", "任期", "聘任时间"],
        [
            [
                n,
                p.person.name,
                p.position.title,
                (p.division_of_work or "尚未确定", "left"),
                f"{p.term_years}年",
                day(p.appointed_on) if p.appointed_on else "待聘任",
            ]
            for n, p in enumerate(chosen, start=1)
        ],
        [1, 2, 3.5, 6, 1.4, 3],
    )
    appointed = [p.appointed_on for p in chosen if p.appointed_on]
    if c.status == Campaign.Status.CLOSED and appointed:
        style.add_paragraph(doc, f"自{day(min(appointed))}起聘任，本次竞聘工作结束。")


# ---------------------------------------------------------------- 附：全程操作记录


def _audit_appendix(doc, facts: Facts) -> None:
    entries = facts.entries
    style.add_paragraph(
        doc,
        f"以下为系统审计链中与本次工作有关的全部操作记录，共{len(entries)}条，按时间先后排列。"
        "每条记录的哈希值由其内容和前一条记录的哈希值计算得出，任何修改、插入或删除都会使其后"
        "的哈希值不再相符。投票不记入操作记录：选票与投票人之间没有任何关联。",
    )
    style.add_table(
        doc,
        ["序号", "时间", "操作人", "操作", "对象", "链哈希（前12位）"],
        [
            [
                n,
                f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}",
                _actor(e),
                (_action(e.action), "left"),
                (e.object_repr, "left"),
                e.hash[:HASH_SHOWN],
            ]
            for n, e in enumerate(entries, start=1)
        ],
        [0.9, 2.2, 2, 4.4, 4, 2.8],
        size=Pt(8),
    )
    if entries:
        style.add_paragraph(doc, entries[-1].hash, bold_lead="本记录最后一条的链哈希：")
    style.add_paragraph(doc, facts.head or DASH, bold_lead="生成本纪实时审计链的最新哈希：")
    style.add_paragraph(
        doc,
        "核验方法：在服务器上运行 cadre audit verify，确认审计链完整；再在系统的操作记录中"
        "查到上列哈希值，即可确认本纪实所载操作与系统记录一致。",
    )


def _actor(entry) -> str:
    # Like the nominations table, the trail printed here does not say who recommended a
    # colleague; the audit view, for those entitled to it, still does.
    peer = entry.action == "nomination.create" and (entry.after or {}).get("channel") == (
        Nomination.Channel.PEER
    )
    return "举荐人" if peer else entry.actor_label


def _action(code: str) -> str:
    # In the document's language (campaign_record_docx overrides it), over the code.
    label = action_label(code)
    return f"{label}\n{code}" if label != code else code


SECTIONS = (
    ("工作方案", lambda f: True, _plan),
    ("报名", lambda f: f.reached(Campaign.Status.PUBLISHED), _registration),
    ("资格审查", lambda f: f.reached(Campaign.Status.REGISTRATION_CLOSED), _review),
    ("民主测评", lambda f: bool(f.evaluations), _evaluations),
    ("现场答辩", lambda f: f.panel is not None, _defence),
    (
        "综合排名",
        lambda f: f.panel is not None and f.panel.status == Panel.Status.CLOSED,
        _ranking,
    ),
    ("组织考察", lambda f: bool(f.inspections), _inspections),
    ("集体决策", lambda f: bool(f.decisions), _decisions),
    ("公示", lambda f: f.notice is not None, _notice),
    ("报批与聘任", lambda f: f.approval is not None, _appointment),
)
