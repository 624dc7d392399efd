"""The application form (公开竞聘中层干部个人自荐表) as a Word document.

The tags a template may use are the keys of context_for(); sample_context() shows each one
filled in, and is what an uploaded template is tried against.
"""

import io
import re
import zipfile
from operator import attrgetter

from django.utils import timezone

from cadre.campaigns.models import Application
from cadre.campaigns.services.registration import profile_of
from cadre.people.dates import format_cn, parse_cn_date

from .models import DocumentTemplate
from .rendering import render_docx, safe_filename, template_file

KIND = DocumentTemplate.Kind.APPLICATION_FORM
# What an unsubmitted form shows on its date line: room to write the date by hand.
BLANK_DATE = "\u3000\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"
# XML 1.0 forbids these, and docxtpl reads \a and \f as paragraph and page breaks.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
PROFILE_FIELDS = (
    "staff_no",
    "name",
    "gender",
    "ethnicity",
    "political_status",
    "education",
    "degree",
    "graduated_from",
    "major",
    "title",
    "department",
    "current_post",
    "phone",
)
PROFILE_DATES = ("birth_date", "party_date", "work_start_date")


def clean(value) -> str:
    """Text as typed into a browser (CRLF, pasted control characters) made safe for Word."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARS.sub("", text).strip()


def cn_date(text: str) -> str:
    """A profile date, "1985-03-12" or "1985-03", as 1985年3月12日 or 1985年3月."""
    if not text:
        return ""
    partial = parse_cn_date(text)
    return format_cn(partial.value, partial.month_only)


def _post(post: dict) -> dict:
    start, end = cn_date(post.get("start", "")), cn_date(post.get("end", ""))
    parts = (f"{start}—{end or '至今'}", post.get("unit", ""), post.get("role_kind", ""))
    return {
        "role_kind": post.get("role_kind", ""),
        "unit": post.get("unit", ""),
        "start": start,
        "end": end,
        "line": "\u3000".join(p for p in parts if p),
    }


def _profile_context(profile: dict) -> dict:
    context = {key: clean(profile.get(key)) for key in PROFILE_FIELDS}
    context.update({key: cn_date(profile.get(key, "")) for key in PROFILE_DATES})
    context["graduated_from_major"] = "\u3000".join(
        part for part in (context["graduated_from"], context["major"]) if part
    )
    posts = [_post(p) for p in profile.get("posts", [])]
    context["posts"] = posts
    context["history"] = "\n".join(p["line"] for p in posts)
    return context


def _roster_context(person) -> dict:
    """Honours and appraisals: not on the form's snapshot, offered to schools' own templates."""
    honours = [
        f"{format_cn(h.date, h.date_month_only)}\u3000{h.name}（{h.level}）"
        for h in person.honours.all()
    ]
    appraisals = [f"{a.year}年度\u3000{a.result}" for a in person.appraisals.all()]
    return {"honours": "\n".join(honours), "appraisals": "\n".join(appraisals)}


def _profile(application: Application) -> dict:
    # A submitted form shows the roster as it stood when submitted, not as it has since become.
    if application.status == Application.Status.SUBMITTED and application.profile:
        return application.profile
    return profile_of(application.person)


def context_for(application: Application) -> dict:
    campaign = application.campaign
    candidacies = sorted(application.candidacies.all(), key=attrgetter("rank"))
    choices = [c.position.title for c in candidacies]
    context = _profile_context(_profile(application))
    context.update(_roster_context(application.person))
    context.update(
        {
            "school_name": campaign.organisation.name,
            "campaign_title": campaign.title,
            "choices": choices,
            "first_choice": choices[0] if choices else "",
            "second_choice": choices[1] if len(choices) > 1 else "",
            "accepts_reassignment": "是" if application.accepts_reassignment else "否",
            "achievements": clean(application.achievements),
            "strengths": clean(application.strengths),
            "work_plan": clean(application.work_plan),
            "submitted_date": _submitted_date(application),
        }
    )
    return context


def _submitted_date(application: Application) -> str:
    if application.status != Application.Status.SUBMITTED or not application.submitted_at:
        return BLANK_DATE
    return format_cn(timezone.localdate(application.submitted_at))


def sample_context() -> dict:
    """Every tag filled in, to try a school's template before accepting it."""
    posts = [
        _post({"role_kind": "班主任", "unit": "初二（3）班", "start": "2012-09", "end": "2018-07"}),
        _post({"role_kind": "教研组长", "unit": "语文组", "start": "2018-09-01", "end": ""}),
    ]
    return {
        "school_name": "示例中学",
        "campaign_title": "2025年中层干部竞聘",
        "staff_no": "CZ0012",
        "name": "张三",
        "gender": "男",
        "birth_date": "1985年3月12日",
        "ethnicity": "汉族",
        "political_status": "中共党员",
        "party_date": "2008年6月",
        "work_start_date": "2007年8月",
        "education": "大学本科",
        "degree": "学士",
        "graduated_from": "江苏师范大学",
        "major": "汉语言文学",
        "graduated_from_major": "江苏师范大学\u3000汉语言文学",
        "title": "高级教师",
        "department": "课程教学中心",
        "current_post": "语文教研组长",
        "phone": "13800000000",
        "posts": posts,
        "history": "\n".join(p["line"] for p in posts),
        "honours": "2023年9月\u3000市优秀教育工作者（市级）",
        "appraisals": "2024年度\u3000优秀",
        "choices": ["党政办公室主任", "课程教学中心副主任"],
        "first_choice": "党政办公室主任",
        "second_choice": "课程教学中心副主任",
        "accepts_reassignment": "是",
        "achievements": "主持市级课题一项。\n获市优秀教育工作者称号。",
        "strengths": "熟悉学校管理工作。",
        "work_plan": "一、……\n二、……",
        "submitted_date": "2025年6月10日",
    }


def render_application_form(application: Application) -> bytes:
    _, template = template_file(application.campaign.organisation, KIND)
    return render_docx(template, context_for(application))


def form_filename(application: Application) -> str:
    return safe_filename(application.person.staff_no, application.person.name, "自荐表")


def applications_zip(applications) -> bytes:
    """One filled-in form per application, in a zip with UTF-8 file names."""
    templates: dict[int, bytes] = {}
    used: set[str] = set()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for application in _with_related(applications):
            organisation = application.campaign.organisation
            if organisation.pk not in templates:
                templates[organisation.pk] = template_file(organisation, KIND)[1]
            content = render_docx(templates[organisation.pk], context_for(application))
            # zipfile flags non-ASCII names as UTF-8, which Windows' own unzip honours.
            archive.writestr(_unique(form_filename(application), used), content)
    return buffer.getvalue()


def _with_related(applications):
    if hasattr(applications, "select_related"):
        return applications.select_related(
            "campaign__organisation", "person__department"
        ).prefetch_related(
            "candidacies__position", "person__posts", "person__honours", "person__appraisals"
        )
    return applications


def _unique(name: str, used: set[str]) -> str:
    stem, n = name.removesuffix(".docx"), 2
    while name in used:
        name, n = f"{stem}-{n}.docx", n + 1
    used.add(name)
    return name
