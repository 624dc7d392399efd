"""The cadre appointment approval form (干部任免审批表) of a proposed appointee.

appointment_record() gathers what the form says, once; context_for() lays it out for the Word
template and lrmx.py for the file of the 任免审批表 editor, so that the two never disagree.
The tags a Word template may use are the keys of context_for(); sample_context() shows each
one filled in, and is what an uploaded template is tried against.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from cadre.appointments.models import Approval, Proposal
from cadre.appointments.services.approval import CADRE_ROLE_KINDS
from cadre.audit.models import AuditEntry
from cadre.people.dates import PartialDate, age_on, format_cn

from .application_form import clean
from .models import DocumentTemplate
from .rendering import render_docx, safe_filename, template_file

KIND = DocumentTemplate.Kind.APPOINTMENT_FORM
# The roster keeps no health record; a school proposes only staff fit for the post, and the
# form is printed with 健康 unless someone corrects it by hand.
HEALTH = "健康"
NO_DEGREE = "无"  # the roster's word for none; the form leaves the cell empty
# Where a period has no end yet, the .lrmx line pads it to the width of "2020.08" so that the
# text of every line starts in the same column; the Word form aligns them with a tab stop.
OPEN_END = " " * 7
FORM_NAME = "干部任免审批表"


def dotted(value: PartialDate | None) -> str:
    """A date as the form writes it: 1986.01."""
    return f"{value.value.year}.{value.value.month:02d}" if value else ""


@dataclass(frozen=True)
class Period:
    """One line of the 简历."""

    start: PartialDate
    end: PartialDate | None
    what: str

    def line(self, *, dash: str = "—", gap: str = "\t") -> str:
        end = dotted(self.end) or ("" if gap == "\t" else OPEN_END)
        return f"{dotted(self.start)}{dash}{end}{gap}{self.what}"


@dataclass(frozen=True)
class AppointmentRecord:
    """What the form says about one appointee, before it is laid out."""

    school_name: str
    name: str
    gender: str
    birth: PartialDate
    age: int
    age_on: date  # the day the age is counted on (计算年龄时间)
    ethnicity: str
    native_place: str
    party_date: PartialDate | None
    work_start_date: PartialDate | None
    health: str
    title: str
    speciality: str
    education: str
    degree: str
    graduated: str  # 毕业院校系及专业
    current_post: str
    proposed_post: str
    leaving_post: str
    resume: tuple[Period, ...]
    rewards: str
    appraisals: str
    reason: str
    filled_on: date


def appointment_record(proposal: Proposal, *, today: date | None = None) -> AppointmentRecord:
    today = today or timezone.localdate()
    person = proposal.person
    approval = (
        Approval.objects.filter(campaign=proposal.campaign).select_related("decision").first()
    )
    # The form shows the appointee as he was when proposed: once appointed, as of the day before.
    as_of = proposal.appointed_on - timedelta(days=1) if proposal.appointed_on else today
    posts = [p for p in person.posts.all() if p.start_date <= as_of]
    held = [p for p in posts if p.end_date is None or p.end_date >= as_of]
    current_post = clean(_current_post(proposal)) or "、".join(_post_name(p) for p in held)
    leaving = [p for p in held if p.role_kind in CADRE_ROLE_KINDS]
    leaving_post = (current_post or "、".join(_post_name(p) for p in leaving)) if leaving else ""
    counted_on = approval.decision.date if approval else today
    return AppointmentRecord(
        school_name=proposal.campaign.organisation.name,
        name=clean(person.name),
        gender=person.gender,
        birth=PartialDate(person.birth_date, person.birth_date_month_only),
        age=age_on(person.birth_date, counted_on),
        age_on=counted_on,
        ethnicity=person.ethnicity,
        native_place=clean(person.native_place),
        party_date=_partial(person.party_date, person.party_date_month_only),
        work_start_date=_partial(person.work_start_date, person.work_start_date_month_only),
        health=HEALTH,
        title=clean(person.title),
        speciality=clean(person.major),
        education=person.education,
        degree="" if person.degree == NO_DEGREE else person.degree,
        graduated=_graduated(clean(person.graduated_from), clean(person.major)),
        current_post=current_post,
        proposed_post=clean(proposal.position.title),
        leaving_post=leaving_post,
        resume=tuple(
            Period(
                PartialDate(p.start_date, p.start_date_month_only),
                _partial(p.end_date, p.end_date_month_only),
                _post_name(p, sep="  "),
            )
            for p in posts
        ),
        rewards=_rewards(person),
        appraisals="、".join(f"{a.year}年度{a.result}" for a in _last_appraisals(person)),
        reason=_reason(proposal, approval, leaving_post),
        filled_on=(approval.reported_on if approval else None) or today,
    )


def _partial(value: date | None, month_only: bool) -> PartialDate | None:
    return PartialDate(value, month_only) if value else None


def _current_post(proposal: Proposal) -> str:
    if proposal.status != Proposal.Status.APPOINTED:
        return proposal.person.current_post
    # The appointment replaced the roster's current post; its audit entry keeps the old one.
    before = (
        AuditEntry.objects.filter(
            action="proposal.appoint",
            object_type=Proposal._meta.label_lower,
            object_id=str(proposal.pk),
        )
        .order_by("-id")
        .values_list("before", flat=True)
        .first()
    )
    return (before or {}).get("current_post", "")


def _post_name(post, sep: str = "") -> str:
    return sep.join(part for part in (clean(post.unit), post.role_kind) if part)


def _graduated(school: str, major: str) -> str:
    if major and not major.endswith("专业"):
        major += "专业"
    return school + major


def _rewards(person) -> str:
    honours = [
        f"{dotted(PartialDate(h.date, h.date_month_only))}  {clean(h.name)}（{h.level}）"
        for h in sorted(person.honours.all(), key=lambda h: h.date)
    ]
    disciplines = [
        f"{dotted(PartialDate(d.date, True))}  {clean(d.reason)}，"
        f"受{'' if d.kind == '其他' else d.kind}处分"
        for d in sorted(person.disciplines.all(), key=lambda d: d.date)
    ]
    return "\n".join(honours + disciplines) or "无"


def _last_appraisals(person, count: int = 3) -> list:
    return sorted(person.appraisals.all(), key=lambda a: a.year)[-count:]


def _reason(proposal: Proposal, approval: Approval | None, leaving_post: str) -> str:
    if approval:
        steps = "经公开竞聘、民主测评、组织考察和公示"
        decided = f"{format_cn(approval.decision.date)}党政联席会议研究决定"
    else:
        steps, decided = "经公开竞聘、民主测评和组织考察", "竞聘工作领导小组研究"
    reason = f"{steps}，{decided}，拟聘任为{clean(proposal.position.title)}"
    if leaving_post:
        reason += f"，免去{leaving_post}职务"
    return reason + "。"


def context_for(proposal: Proposal, *, today: date | None = None) -> dict:
    return _context(appointment_record(proposal, today=today))


def _context(r: AppointmentRecord) -> dict:
    resume_lines = [p.line() for p in r.resume]
    return {
        "school_name": r.school_name,
        "name": r.name,
        "gender": r.gender,
        "birth": dotted(r.birth),
        "age": r.age,
        "birth_age": f"{dotted(r.birth)}（{r.age}岁）",
        "ethnicity": r.ethnicity,
        "native_place": r.native_place,
        "birthplace": r.native_place,
        "party_date": dotted(r.party_date),
        "work_start_date": dotted(r.work_start_date),
        "health": r.health,
        "title": r.title,
        "speciality": r.speciality,
        "education": r.education,
        "degree": r.degree,
        "education_degree": "\n".join(part for part in (r.education, r.degree) if part),
        "graduated": r.graduated,
        "in_service_education_degree": "",
        "in_service_graduated": "",
        "current_post": r.current_post,
        "proposed_post": r.proposed_post,
        "leaving_post": r.leaving_post,
        "resume_lines": resume_lines,
        "resume": "\n".join(resume_lines),
        "rewards": r.rewards,
        "appraisals": r.appraisals,
        "reason": r.reason,
        "filled_date": format_cn(r.filled_on),
    }


def sample_context() -> dict:
    """Every tag filled in, to try a school's template before accepting it."""
    return _context(
        AppointmentRecord(
            school_name="示例中学",
            name="张三",
            gender="男",
            birth=PartialDate(date(1986, 1, 1), month_only=True),
            age=39,
            age_on=date(2025, 7, 8),
            ethnicity="汉族",
            native_place="江苏常州",
            party_date=PartialDate(date(2008, 6, 1), month_only=True),
            work_start_date=PartialDate(date(2008, 8, 1), month_only=True),
            health=HEALTH,
            title="一级教师",
            speciality="汉语言文学",
            education="大学本科",
            degree="学士",
            graduated="江苏师范大学汉语言文学专业",
            current_post="语文教研组长",
            proposed_post="课程教学中心副主任",
            leaving_post="",
            resume=(
                Period(
                    PartialDate(date(2015, 9, 1), True),
                    PartialDate(date(2020, 8, 1), True),
                    "学生成长中心  班主任",
                ),
                Period(PartialDate(date(2020, 9, 1), True), None, "语文组  教研组长"),
            ),
            rewards="2023.09  市优秀教育工作者（市级）",
            appraisals="2022年度优秀、2023年度合格、2024年度优秀",
            reason=(
                "经公开竞聘、民主测评、组织考察和公示，2025年7月8日党政联席会议研究决定，"
                "拟聘任为课程教学中心副主任。"
            ),
            filled_on=date(2025, 7, 8),
        )
    )


def appointment_form_docx(proposal: Proposal, *, today: date | None = None) -> tuple[str, bytes]:
    """(file name, content) of the form, from the school's template or the default."""
    _, template = template_file(proposal.campaign.organisation, KIND)
    content = render_docx(template, context_for(proposal, today=today))
    return safe_filename(proposal.person.staff_no, proposal.person.name, FORM_NAME), content
