import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from cadre.audit.models import AuditEntry
from cadre.campaigns.models import Application
from cadre.documents.application_form import (
    BLANK_DATE,
    applications_zip,
    context_for,
    render_application_form,
)
from cadre.documents.models import DocumentTemplate
from cadre.documents.services import template_reset, template_upload
from tests.conftest import make_person

from .factories import apply, docx_text, docx_with, make_campaign

KIND = DocumentTemplate.Kind.APPLICATION_FORM
PLEDGE = "本人承诺以上所填内容真实可信。"


@pytest.fixture
def setup(world):
    return make_campaign(world)


def upload(world, content, filename="我校自荐表.docx"):
    return template_upload(
        actor=world.users["school_admin"],
        organisation=world.school,
        kind=KIND,
        filename=filename,
        content=content,
    )


def test_the_default_form_shows_the_applicant_both_choices_and_the_pledge(world, setup):
    application = apply(setup.campaign, world.person, [setup.head, setup.deputy])
    text = docx_text(render_application_form(application))
    assert "甲中学公开竞聘中层干部个人自荐表" in text
    assert "张老师" in text
    assert "党政办公室主任" in text and "课程教学中心副主任" in text
    assert "2019年9月1日—至今\u3000班主任" in text  # the post history from the roster
    assert "1988年5月1日" in text
    assert "一、完善制度。" in text and "二、提高效率。" in text
    assert PLEDGE in text
    assert "日期：2025年6月10日" in text


def test_the_form_of_a_submitted_application_shows_the_roster_as_submitted(world, setup):
    application = apply(setup.campaign, world.person, [setup.head])
    world.person.title = "高级教师"
    world.person.save()
    context = context_for(application)
    assert context["title"] == ""
    assert context["second_choice"] == ""
    assert context["accepts_reassignment"] == "是"


def test_a_draft_shows_the_roster_as_it_is_and_leaves_the_date_to_be_written(world, setup):
    application = apply(
        setup.campaign,
        world.person,
        [setup.deputy],
        status=Application.Status.DRAFT,
        accepts_reassignment=False,
    )
    world.person.title = "高级教师"
    world.person.save()
    context = context_for(application)
    assert context["title"] == "高级教师"
    assert context["first_choice"] == "课程教学中心副主任"
    assert context["accepts_reassignment"] == "否"
    assert context["submitted_date"] == BLANK_DATE


def test_text_typed_in_a_browser_cannot_break_the_document(world, setup):
    application = apply(
        setup.campaign,
        world.person,
        [setup.head],
        achievements="市级 <一等奖> & “优秀”\r\n区级\x0b论文",
    )
    text = docx_text(render_application_form(application))
    assert "市级 <一等奖> & “优秀”" in text
    assert "区级论文" in text


def test_a_schools_own_template_is_used_instead_of_the_default(world, setup):
    upload(world, docx_with("{{ name }}的自荐表：{{ first_choice }}"))
    application = apply(setup.campaign, world.person, [setup.head])
    text = docx_text(render_application_form(application))
    assert text == "张老师的自荐表：党政办公室主任"
    entry = AuditEntry.objects.get(action="document_template.upload")
    assert entry.organisation == world.school
    assert entry.after == {
        "kind": KIND,
        "filename": "我校自荐表.docx",
        "size": len(DocumentTemplate.objects.get().content),
    }


def test_another_schools_template_is_not_used(world, setup):
    template_upload(
        actor=world.users["other_admin"],
        organisation=world.other_school,
        kind=KIND,
        filename="乙.docx",
        content=docx_with("{{ name }}"),
    )
    application = apply(setup.campaign, world.person, [setup.head])
    assert PLEDGE in docx_text(render_application_form(application))


@pytest.mark.parametrize(
    "filename,content,message",
    [
        ("坏.docx", docx_with("{{ name "), "This template cannot be used"),
        ("坏.docx", docx_with("{% for p in posts %}{{ p.line }}"), "This template cannot be used"),
        # A template is code run on the server: it may not reach past the data it is given.
        ("坏.docx", docx_with("{{ name.__class__.__mro__ }}"), "This template cannot be used"),
        ("坏.docx", b"not a zip at all", r"is not a Word \.docx file"),
        ("坏.doc", docx_with("{{ name }}"), r"is not a Word \.docx file"),
    ],
)
def test_a_broken_template_is_refused_and_the_previous_one_stays(
    world, setup, filename, content, message
):
    good = docx_with("{{ name }}")
    upload(world, good, filename="好.docx")
    with pytest.raises(ValidationError, match=message):
        upload(world, content, filename=filename)
    template = DocumentTemplate.objects.get(organisation=world.school, kind=KIND)
    assert template.filename == "好.docx" and bytes(template.content) == good
    assert AuditEntry.objects.filter(action="document_template.upload").count() == 1


def test_a_zip_without_a_document_is_refused(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError, match=r"is not a Word \.docx file"):
        upload(world, buffer.getvalue())
    assert not DocumentTemplate.objects.exists()


def test_a_second_upload_replaces_the_first(world, setup):
    upload(world, docx_with("一：{{ name }}"))
    upload(world, docx_with("二：{{ name }}"), filename="第二版.docx")
    template = DocumentTemplate.objects.get()
    assert template.filename == "第二版.docx"
    entry = AuditEntry.objects.filter(action="document_template.upload").order_by("id").last()
    assert entry.before["filename"] == "我校自荐表.docx"


def test_resetting_returns_to_the_default_template(world, setup):
    upload(world, docx_with("{{ name }}"))
    assert template_reset(actor=world.users["school_admin"], organisation=world.school, kind=KIND)
    assert not DocumentTemplate.objects.exists()
    assert AuditEntry.objects.get(action="document_template.reset").before["filename"] == (
        "我校自荐表.docx"
    )
    application = apply(setup.campaign, world.person, [setup.head])
    assert PLEDGE in docx_text(render_application_form(application))
    assert not template_reset(
        actor=world.users["school_admin"], organisation=world.school, kind=KIND
    )


def test_the_zip_holds_one_form_per_applicant_under_its_own_name(world, setup):
    apply(setup.campaign, world.person, [setup.head, setup.deputy])
    apply(setup.campaign, world.colleague, [setup.deputy])
    apply(
        setup.campaign,
        make_person(world.school, "A003", "赵老师"),
        [setup.head],
        status=Application.Status.WITHDRAWN,
    )
    submitted = Application.objects.filter(
        campaign=setup.campaign, status=Application.Status.SUBMITTED
    )
    with zipfile.ZipFile(io.BytesIO(applications_zip(submitted))) as archive:
        infos = archive.infolist()
        names = sorted(i.filename for i in infos)
        assert names == ["A001-张老师-自荐表.docx", "A002-李老师-自荐表.docx"]
        assert all(i.flag_bits & 0x800 for i in infos)  # names marked as UTF-8
        colleague = docx_text(archive.read("A002-李老师-自荐表.docx"))
    assert "李老师" in colleague and "张老师" not in colleague


def test_the_default_template_is_a4_with_chinese_fonts():
    from cadre.documents.rendering import default_template

    document = Document(io.BytesIO(default_template(KIND)[1]))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        "宋体"
    )


def test_the_default_template_itself_may_be_uploaded_after_editing(world, setup):
    from cadre.documents.rendering import default_template

    filename, content = default_template(KIND)
    upload(world, content, filename=filename)
    application = apply(setup.campaign, world.person, [setup.head])
    assert PLEDGE in docx_text(render_application_form(application))
