"""The 培养档案 as files: the dossier as one Word document, in the order the seed lists its
contents (五、3.(1): 后备干部信息表、培养登记表、考核考察情况、培训情况与培训内容相关的调查报告、
学习体会、学习笔记总结), and a zip of that document with every material uploaded to it.

The document is a Chinese form and is written in Chinese whatever the reader's language, as
the programme's other exports are; the labels of choices come from the Chinese catalogue.
Everything is read by `dossier.dossier` and, for the meetings, one more query, so the
document costs the same queries however long the cultivation has run.
"""

import io
import zipfile
from pathlib import PurePath

from django.utils import timezone, translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt

from cadre.core.uploads import DOCX
from cadre.decisions.models import Decision
from cadre.documents import docx_style as style
from cadre.documents.rendering import safe_filename
from cadre.documents.review_sheet import ORDINALS
from cadre.documents.xlsx_style import DASH
from cadre.people.dates import format_cn

from .cycle import Due
from .dossier import Dossier
from .models import Activity, Material, ReserveCadre, Tier

TITLE = "后备干部培养档案"
LEFT = WD_ALIGN_PARAGRAPH.LEFT
# The information forms: three (label, value) pairs a row, in these proportions of the width.
FORM_WIDTHS = (2.2, 3.0, 2.2, 3.0, 2.2, 3.4)
FORM_ROW = Cm(0.9)
# The extension a material gets in the zip, from the type its content was checked to be.
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    DOCX: "docx",
}
# 五、2: which measure a tier's horizon calls for; the register shows it even when empty.
MEASURES = {
    Tier.Horizon.NEAR: Activity.Kind.ROTATION,
    Tier.Horizon.MID: Activity.Kind.MENTORING,
    Tier.Horizon.LONG: Activity.Kind.PRACTICE,
}


def filename(d: Dossier, suffix: str) -> str:
    """张三培养档案.docx"""
    return f"{d.person.name}培养档案.{suffix}"


def material_filename(number: int, material: Material) -> str:
    """01_学习体会_关于班级管理的调查.pdf: numbered as the document's table lists them, so the
    names are unique and sort in that order."""
    with translation.override("zh-hans"):
        kind = material.get_kind_display()
    extension = EXTENSIONS.get(material.content_type) or PurePath(material.name).suffix[1:]
    extension = extension or "bin"
    return safe_filename(f"{number:02d}_{kind}_{material.title}", suffix=f".{extension}")


def dossier_docx(d: Dossier, stream) -> None:
    """The dossier as a Word document written to `stream`."""
    with translation.override("zh-hans"):
        meetings = _meetings(d)
        doc = style.a4_document(f"{d.person.name}{TITLE}")
        # A document of forms and tables: single-spaced, no gap between Chinese and digits.
        style.plain_body(doc, style.BODY_SIZE)
        _cover(doc, d)
        for number, (name, write) in enumerate(SECTIONS):
            doc.add_heading(f"{ORDINALS[number]}、{name}", level=1)
            write(doc, d, meetings)
        doc.save(stream)


def dossier_zip(d: Dossier, stream) -> None:
    """A zip of the dossier's Word document and the file of every material it lists."""
    document = io.BytesIO()
    dossier_docx(d, document)
    # The dossier's list of materials leaves their content out; it is read here, in one query.
    contents = dict(
        Material.objects.filter(pk__in=[m.pk for m in d.materials]).values_list("pk", "content")
    )
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(filename(d, "docx"), document.getvalue())
        for number, material in enumerate(d.materials, start=1):
            # Each file keeps the moment it was uploaded, as an archive of originals should.
            entry = zipfile.ZipInfo(
                material_filename(number, material),
                date_time=timezone.localtime(material.uploaded_at).timetuple()[:6],
            )
            entry.compress_type = zipfile.ZIP_DEFLATED
            # PostgreSQL hands binary fields back as a memoryview.
            archive.writestr(entry, bytes(contents[material.pk]))


# ---------------------------------------------------------------- wording


def _day(value, month_only: bool = False) -> str:
    return format_cn(value, month_only) if value else DASH


def _span(starts, ends, *, starts_month_only: bool = False, ends_month_only: bool = False) -> str:
    """From one day to another; an open end is “至今”."""
    to = format_cn(ends, ends_month_only) if ends else "今"
    return f"{format_cn(starts, starts_month_only)}至{to}"


def _hours(value) -> str:
    if value is None:
        return DASH
    return str(value.quantize(1)) if value == value.to_integral_value() else str(value)


def _or_dash(value) -> str:
    return DASH if value in (None, "") else str(value)


def _text(value) -> tuple[str, str] | str:
    """A cell of sentences, aligned left; an empty one is a dash."""
    return (value, "left") if value else DASH


def _user(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else DASH


def _meetings(d: Dossier) -> dict[int, Decision]:
    """Every decision the dossier names, with its body, in one query."""
    cadre = d.cadre
    ids = {cadre.decision_id, cadre.left_decision_id}
    if d.backfill:
        ids |= {d.backfill.proposal_id, d.backfill.approval_id}
    ids |= {row.assessment.decision_id for row in d.years if row.assessment}
    ids |= {o.decision_id for o in d.outcomes}
    ids.discard(None)
    return Decision.objects.select_related("body").in_bulk(ids)


def _meeting(decision: Decision | None) -> str:
    """2024年3月14日党委会研究“确定……人选”，通过"""
    if decision is None:
        return DASH
    return (
        f"{format_cn(decision.date)}{decision.body.name}研究“{decision.subject}”，"
        f"{decision.get_outcome_display()}"
    )


# ---------------------------------------------------------------- drawing


def _form(doc, rows: list[list[tuple[str, object]]]) -> None:
    """A ruled form of (label, value) pairs, three a row as on a printed 信息表; the last
    value of a row with fewer stretches to the right edge. A value given as (text, "left")
    is aligned left (sentences read best so)."""
    columns = len(FORM_WIDTHS)
    total = style.text_width(doc)
    widths = [Emu(int(total * w / sum(FORM_WIDTHS))) for w in FORM_WIDTHS]
    table = doc.add_table(rows=len(rows), cols=columns)
    style.set_table_properties(table, widths, Cm(0.1))
    for r, pairs in enumerate(rows):
        column = 0
        for i, (label, value) in enumerate(pairs):
            style.write(table.cell(r, column), label)
            cell = table.cell(r, column + 1)
            if i == len(pairs) - 1 and column + 1 < columns - 1:
                cell = cell.merge(table.cell(r, columns - 1))
            if isinstance(value, tuple):
                style.write(cell, value[0], align=LEFT)
            else:
                style.write(cell, _or_dash(value))
            column += 2
        style.set_height(table.rows[r], FORM_ROW)
    doc.add_paragraph()


def _subheading(doc, text: str) -> None:
    doc.add_heading(text, level=2)


def _none(doc, text: str = "无。") -> None:
    style.add_paragraph(doc, text)


# ---------------------------------------------------------------- the cover


def _cover(doc, d: Dossier) -> None:
    cadre = d.cadre
    style.add_title(doc, cadre.programme.organisation.name, space_after=Pt(6))
    style.add_title(doc, TITLE)
    style.add_paragraph(
        doc,
        f"姓名：{d.person.name}\u3000\u3000培养梯队：{cadre.tier}"
        f"\u3000\u3000培养状态：{cadre.get_status_display()}",
        indent=False,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    style.add_paragraph(
        doc,
        f"{cadre.programme.title}。本档案由系统根据培养记录于"
        f"{format_cn(timezone.localdate())}生成。",
    )


# ---------------------------------------------------------------- 一、后备干部信息表


def _information(doc, d: Dossier, meetings) -> None:
    p = d.person
    education = "\n".join(v for v in (p.education, p.degree) if v)
    school = "\n".join(v for v in (p.graduated_from, p.major) if v)
    _form(
        doc,
        [
            [
                ("姓\u3000名", p.name),
                ("性\u3000别", p.gender),
                ("出生年月\n（岁）", f"{p.birth_display}\n（{d.age}岁）"),
            ],
            [
                ("民\u3000族", p.ethnicity),
                ("籍\u3000贯", p.native_place),
                ("政治面貌", p.political_status),
            ],
            [
                ("入党时间", _day(p.party_date, p.party_date_month_only)),
                ("参加工\n作时间", _day(p.work_start_date, p.work_start_date_month_only)),
                ("专业技\n术职务", p.title),
            ],
            [("学历学位", education), ("毕业院校\n系及专业", school)],
            [
                ("部\u3000门", p.department.name if p.department else ""),
                ("现任职务", p.current_post),
                ("联系电话", p.phone),
            ],
        ],
    )
    _subheading(doc, "任职经历")
    if d.posts:
        style.add_table(
            doc,
            ["序号", "起止时间", "职务", "部门或单位"],
            [
                [
                    i,
                    _span(
                        h.start_date,
                        h.end_date,
                        starts_month_only=h.start_date_month_only,
                        ends_month_only=h.end_date_month_only,
                    ),
                    h.role_kind,
                    _or_dash(h.unit),
                ]
                for i, h in enumerate(d.posts, start=1)
            ],
            [1, 5, 3, 5],
        )
    else:
        _none(doc)
    _subheading(doc, "近五年年度考核")
    recent = sorted(d.appraisals, key=lambda a: a.year)[-5:]
    if recent:
        style.add_table(
            doc, [f"{a.year}年度" for a in recent], [[a.result for a in recent]], [1] * len(recent)
        )
    else:
        _none(doc)
    _subheading(doc, "获奖情况")
    if d.honours:
        style.add_table(
            doc,
            ["序号", "时间", "荣誉", "级别"],
            [
                [i, format_cn(h.date, h.date_month_only), _text(h.name), h.level]
                for i, h in enumerate(d.honours, start=1)
            ],
            [1, 3.2, 8, 2],
        )
    else:
        _none(doc)


# ---------------------------------------------------------------- 二、培养登记表


def _register(doc, d: Dossier, meetings) -> None:
    cadre = d.cadre
    tier = cadre.tier
    _form(
        doc,
        [
            [("培养计划", _text(cadre.programme.title))],
            [("培养梯队", str(tier)), ("使用时限", tier.get_horizon_display())],
            [("培养目标", _text(tier.goal))],
            [
                ("列入后备\n干部时间", format_cn(cadre.since)),
                ("培养周期", _span(cadre.cycle_starts, cadre.cycle_ends)),
            ],
            [("列入方式", _text(_entry(d, meetings)))],
            [("培养状态", cadre.get_status_display())],
        ],
    )
    _subheading(doc, "民主推荐情况")
    if d.recommendations:
        style.add_table(
            doc,
            ["序号", "推荐渠道", "推荐人或单位", "推荐梯队", "推荐日期", "推荐理由"],
            [
                [
                    i,
                    r.get_channel_display(),
                    r.source or "本人",
                    str(r.tier),
                    format_cn(r.made_on),
                    _text(r.reason),
                ]
                for i, r in enumerate(d.recommendations, start=1)
            ],
            [1, 2.6, 2.4, 2.8, 3.2, 5],
        )
    else:
        _none(doc, "无民主推荐记录。")
    measure = MEASURES.get(tier.horizon)
    # A cadre who moved up a tier keeps the records of the measure he had before.
    if d.rotations or measure == Activity.Kind.ROTATION:
        _rotations(doc, d)
    if d.mentorships or measure == Activity.Kind.MENTORING:
        _mentorships(doc, d)
    if d.practice or measure == Activity.Kind.PRACTICE:
        _practice(doc, d)


def _entry(d: Dossier, meetings) -> str:
    """How he came into the reserve: the committee's decision, or the back-fill."""
    b = d.backfill
    if b is None:
        return f"经{_meeting(meetings.get(d.cadre.decision_id))}。"
    vacancy = f"，接替{b.vacancy.person.name}的空缺" if b.vacancy else ""
    return (
        f"增补（{b.get_source_display()}{vacancy}）。\n理由：{b.reason}\n"
        f"领导小组动议：{_meeting(meetings.get(b.proposal_id))}。\n"
        f"党委会同意：{_meeting(meetings.get(b.approval_id))}。"
    )


def _rotations(doc, d: Dossier) -> None:
    _subheading(doc, "岗位锻炼")
    if not d.rotations:
        _none(doc, "尚未安排。")
        return
    style.add_table(
        doc,
        ["序号", "锻炼部门", "担任", "起止时间", "指导人", "承担工作", "部门评价"],
        [
            [
                i,
                r.department.name,
                r.role,
                _span(r.starts, r.ends),
                r.supervisor.name if r.supervisor else DASH,
                _text(r.duties),
                _text(r.evaluation),
            ]
            for i, r in enumerate(d.rotations, start=1)
        ],
        [1, 2.4, 1.6, 3.2, 1.8, 4, 4],
    )
    notes = [(r, n) for r in d.rotations for n in r.notes.all()]
    if notes:
        style.add_paragraph(doc, "锻炼记录：", indent=False)
        style.add_table(
            doc,
            ["序号", "日期", "锻炼部门", "内容", "小时", "记录"],
            [
                [
                    i,
                    format_cn(n.date),
                    r.department.name,
                    _text(n.topic),
                    _hours(n.hours),
                    _text(n.notes),
                ]
                for i, (r, n) in enumerate(notes, start=1)
            ],
            [1, 3.2, 2.4, 4, 1.2, 5],
        )


def _mentorships(doc, d: Dossier) -> None:
    _subheading(doc, "结对培养")
    if not d.mentorships:
        _none(doc, "尚未结对。")
        return
    years = [row.year for row in d.years]
    for m in d.mentorships:
        year = next((y for y in years if y.starts <= m.starts <= y.ends), None)
        period = _span(m.starts, m.ends)
        heading = f"第{year.number}年度（{period}）" if year else period
        style.add_paragraph(doc, indent=False, bold_lead=heading)
        mentor = m.mentor.name + (f"（{m.mentor.current_post}）" if m.mentor.current_post else "")
        _form(
            doc,
            [
                [("导\u3000师", mentor), ("结对时间", period)],
                [("培养目标", _text(m.goals))],
                [("导师年度\n小结", _text(m.summary) if m.summary else "尚未填写")],
            ],
        )
        meetings = list(m.meetings.all())
        if meetings:
            style.add_table(
                doc,
                ["序号", "日期", "结对活动内容", "小时", "记录"],
                [
                    [i, format_cn(a.date), _text(a.topic), _hours(a.hours), _text(a.notes)]
                    for i, a in enumerate(meetings, start=1)
                ],
                [1, 3.2, 5, 1.2, 6],
            )


def _practice(doc, d: Dossier) -> None:
    _subheading(doc, "自我提升")
    if not d.practice:
        _none(doc, "尚无实践记录。")
        return
    order = {value: i for i, value in enumerate(Activity.Area.values)}
    rows = sorted(d.practice, key=lambda a: (order.get(a.area, len(order)), a.date, a.pk))
    style.add_table(
        doc,
        ["序号", "实践岗位", "日期", "内容", "小时", "记录"],
        [
            [
                i,
                a.get_area_display(),
                format_cn(a.date),
                _text(a.topic),
                _hours(a.hours),
                _text(a.notes),
            ]
            for i, a in enumerate(rows, start=1)
        ],
        [1, 3, 3.2, 4, 1.2, 4.6],
    )


# ---------------------------------------------------------------- 三、考核考察情况


def _assessments(doc, d: Dossier, meetings) -> None:
    cadre = d.cadre
    _subheading(doc, "综合考评")
    sheet = d.sheet
    if sheet is None:
        _none(doc, "无综合考评表。")
    else:
        criteria = cadre.programme.criteria
        met = list(sheet.criteria_met) + [False] * (len(criteria) - len(sheet.criteria_met))
        style.add_table(
            doc,
            ["序号", "基本条件", "是否符合"],
            [
                [i, (text, "left"), "符合" if ok else "未确认"]
                for i, (text, ok) in enumerate(zip(criteria, met, strict=False), start=1)
            ],
            [1, 12, 2],
        )
        _form(
            doc,
            [
                [("教职工代表\n意见", _text(sheet.staff_opinion))],
                [("一贯表现", _text(sheet.conduct))],
                [("备\u3000注", _text(sheet.remarks))],
            ],
        )
    _subheading(doc, "年度考核")
    style.add_table(
        doc,
        ["培养年度", "考核期间", "评定意见", "考核评语", "研究会议"],
        [_year_row(cadre, row, meetings) for row in d.years],
        [1.6, 3.6, 2.2, 5, 5],
    )
    _subheading(doc, "培养期满")
    if d.outcomes:
        style.add_table(
            doc,
            ["序号", "决定", "新梯队或延长至", "意见", "党委会"],
            [
                [
                    i,
                    o.get_kind_display(),
                    str(o.tier) if o.tier else _day(o.extended_to),
                    _text(o.comments),
                    _text(_meeting(meetings.get(o.decision_id))),
                ]
                for i, o in enumerate(d.outcomes, start=1)
            ],
            [1, 2.6, 3, 5, 5.4],
        )
    else:
        _none(doc, "培养周期尚未结束，党委会尚未作出决定。")
    if cadre.status == ReserveCadre.Status.DISQUALIFIED:
        _subheading(doc, "取消培养资格")
        _form(
            doc,
            [
                [
                    ("原\u3000因", _text(cadre.get_left_reason_display())),
                    ("日\u3000期", _day(cadre.left_on)),
                ],
                [("事\u3000实", _text(cadre.left_note))],
                [("党委会\n决定", _text(_meeting(meetings.get(cadre.left_decision_id))))],
            ],
        )


def _year_row(cadre: ReserveCadre, row, meetings) -> list:
    y, a = row.year, row.assessment
    period = _span(y.starts, y.ends)
    if a is not None:
        return [
            f"第{y.number}年",
            period,
            a.get_grade_display(),
            _text(a.comments),
            _text(_meeting(meetings.get(a.decision_id))),
        ]
    due = ""
    if cadre.active:
        late = {Due.OVERDUE: "已逾期，", Due.SOON: "即将到期，"}.get(row.state, "")
        due = f"{late}应于{format_cn(y.ends)}本年度期满时考核"
    return [f"第{y.number}年", period, "未考核", _text(due), DASH]


# ---------------------------------------------------------------- 四、培训情况


def _training(doc, d: Dossier, meetings) -> None:
    if not d.study:
        _none(doc, "尚无学习记录。")
        return
    style.add_paragraph(doc, f"共参加组织学习{len(d.study)}次，累计{_hours(d.study_hours)}学时。")
    style.add_table(
        doc,
        ["序号", "日期", "学习内容", "学时", "备注"],
        [
            [i, format_cn(a.date), _text(a.topic), _hours(a.hours), _text(a.notes)]
            for i, a in enumerate(d.study, start=1)
        ]
        + [["合计", "", "", _hours(d.study_hours), ""]],
        [1.2, 3.2, 6, 1.2, 5],
    )


# ---------------------------------------------------------------- 五、材料


def _materials(doc, d: Dossier, meetings) -> None:
    if not d.materials:
        _none(doc, "尚未上传材料。")
        return
    style.add_table(
        doc,
        ["序号", "类别", "题目", "上传时间", "上传人", "档案包中的文件名"],
        [
            [
                i,
                m.get_kind_display(),
                _text(m.title),
                format_cn(timezone.localdate(m.uploaded_at)),
                _user(m.uploaded_by),
                _text(material_filename(i, m)),
            ]
            for i, m in enumerate(d.materials, start=1)
        ],
        [1, 2.4, 4, 3.2, 1.8, 5],
    )
    style.add_paragraph(
        doc,
        f"以上材料的原件见随本档案导出的压缩包（{filename(d, 'zip')}），文件名前的序号与本表一致。",
    )


SECTIONS = (
    ("后备干部信息表", _information),
    ("培养登记表", _register),
    ("考核考察情况", _assessments),
    ("培训情况", _training),
    ("调查报告、学习体会、学习笔记总结", _materials),
)
