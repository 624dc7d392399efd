"""What an appointee is handed: the target-responsibility letter (聘用目标责任书) he signs with
the school, and the post certificate (岗位证书).

Both fill the same tags, the keys of context_for(); sample_context() shows each one filled
in, and is what an uploaded template of either kind is tried against.
"""

from datetime import date, timedelta

from cadre.appointments.models import Proposal
from cadre.people.dates import format_cn

from .application_form import BLANK_DATE, clean
from .models import DocumentTemplate
from .rendering import render_docx, safe_filename, template_file

KINDS = {
    DocumentTemplate.Kind.RESPONSIBILITY_LETTER: "聘用目标责任书",
    DocumentTemplate.Kind.POST_CERTIFICATE: "岗位证书",
}


def term_end(start: date, years: int) -> date:
    """The last day of a term of `years` from `start`: the day before its anniversary."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # from 29 February into a common year: the anniversary is 1 March
        anniversary = date(start.year + years, 3, 1)
    return anniversary - timedelta(days=1)


def _paragraphs(value) -> str:
    """Each line its own paragraph (docxtpl reads \\a so), keeping the indent of the one
    the tag stands in; a line break would start the next line at the margin."""
    return clean(value).replace("\n", "\a")


def context_for(proposal: Proposal) -> dict:
    start = proposal.appointed_on
    # Before the appointment the dates are not known yet: room is left to write them in.
    term = (format_cn(start), format_cn(term_end(start, proposal.term_years))) if start else None
    campaign = proposal.campaign
    return {
        "school_name": campaign.organisation.name,
        "campaign_title": clean(campaign.title),
        "staff_no": proposal.person.staff_no,
        "name": clean(proposal.person.name),
        "gender": proposal.person.gender,
        "position": clean(proposal.position.title),
        "department": proposal.position.department.name,
        "duties": _paragraphs(proposal.position.duties),
        "division_of_work": _paragraphs(proposal.division_of_work),
        "term_years": proposal.term_years,
        "term_start": term[0] if term else BLANK_DATE,
        "term_end": term[1] if term else BLANK_DATE,
        "signed_date": term[0] if term else BLANK_DATE,
    }


def sample_context() -> dict:
    """Every tag filled in, to try a school's template before accepting it."""
    return {
        "school_name": "示例中学",
        "campaign_title": "2025年中层干部聘任工作方案",
        "staff_no": "CZ0012",
        "name": "张三",
        "gender": "男",
        "position": "课程教学中心副主任",
        "department": "课程教学中心",
        "duties": "1．协助主任做好课程建设和教学管理工作。\a2．负责教学常规检查。",
        "division_of_work": "分管学校教学常规管理和校本课程建设工作。",
        "term_years": 3,
        "term_start": "2025年8月1日",
        "term_end": "2028年7月31日",
        "signed_date": "2025年8月1日",
    }


def letter_docx(proposal: Proposal, kind: str) -> tuple[str, bytes]:
    """(file name, content) of the appointee's letter or certificate, from the school's
    template of that kind or the default."""
    if kind not in KINDS:
        raise ValueError(f"not a letter: {kind}")
    _, template = template_file(proposal.campaign.organisation, kind)
    content = render_docx(template, context_for(proposal))
    return safe_filename(proposal.person.staff_no, proposal.person.name, KINDS[kind]), content
