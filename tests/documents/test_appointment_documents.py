import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from docx.enum.section import WD_ORIENT

from cadre.appointments.services import approval
from cadre.documents.application_form import BLANK_DATE
from cadre.documents.appointment_form import appointment_form_docx, context_for
from cadre.documents.letters import letter_docx, term_end
from cadre.documents.lrmx import appointment_form_lrmx
from cadre.documents.models import DocumentTemplate
from cadre.documents.rendering import default_template
from cadre.documents.services import template_upload
from cadre.people.models import Appraisal, Discipline, Honour, PostHistory

from .factories import docx_text, docx_with

Kind = DocumentTemplate.Kind
LRMX_ORDER = [
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "JiGuan",
    "ChuShengDi",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "JianKangZhuangKuang",
    "ZhuanYeJiShuZhiWu",
    "ShuXiZhuanYeYouHeZhuanChang",
    "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi",
    "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu",
    "NiRenZhiWu",
    "NiMianZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
    "RenMianLiYou",
    "JiaTingChengYuan",
    "ChengBaoDanWei",
    "JiSuanNianLingShiJian",
    "TianBiaoShiJian",
    "TianBiaoRen",
    "ShenFenZheng",
    "ZhaoPian",
    "Version",
]


def proposal_of(campaign, name="甲"):
    return campaign.proposals.get(person__name=name)


def with_record(person):
    """甲 as the roster describes a teacher of some years."""
    person.native_place = "江苏常州"
    person.major = "汉语言文学"
    person.graduated_from = "江苏师范大学"
    person.degree = "学士"
    person.title = "一级教师"
    person.save()
    for year, result in ((2021, "合格"), (2022, "优秀"), (2023, "合格"), (2024, "优秀")):
        Appraisal.objects.create(person=person, year=year, result=result)
    Honour.objects.create(
        person=person,
        date=date(2023, 9, 1),
        date_month_only=True,
        name="市优秀班主任",
        level="市级",
    )
    return person


def upload(world, kind, content, filename="我校模板.docx"):
    return template_upload(
        actor=world.users["school_admin"],
        organisation=world.school,
        kind=kind,
        filename=filename,
        content=content,
    )


def appoint(campaign, on=date(2025, 8, 1)):
    """What the `appointed` fixture does, for a test that changes the roster first."""
    approval.report_record(
        actor="t", campaign=campaign, reported_on=date(2025, 7, 8), reference="9"
    )
    for p in campaign.proposals.filter(status="approved"):
        approval.division_save(actor="t", proposal=p, division_of_work="分管档案。", term_years=3)
    approval.appointment_complete(actor="t", campaign=campaign, appointed_on=on)


# ---------------------------------------------------------------- 干部任免审批表


def test_the_form_puts_each_value_in_its_cell(appointed):
    proposal = proposal_of(appointed)
    with_record(proposal.person)
    filename, content = appointment_form_docx(proposal)
    assert filename == "C0-甲-干部任免审批表.docx"
    front, back = Document(io.BytesIO(content)).tables
    assert front.cell(0, 1).text == "甲"
    # Aged 39 on the day of the joint meeting, 2025-07-08.
    assert front.cell(0, 5).text == "1986.01\n（39岁）"
    assert front.cell(1, 3).text == "江苏常州"
    assert front.cell(1, 5).text == "江苏常州"
    assert front.cell(3, 1).text == "一级教师"
    assert front.cell(4, 2).text == "大学本科\n学士"
    assert front.cell(4, 5).text == "江苏师范大学汉语言文学专业"
    # As before the appointment: he was a class teacher, and gives up no cadre post.
    assert front.cell(6, 2).text == "班主任"
    assert front.cell(7, 2).text == "党政办公室副主任"
    assert front.cell(8, 2).text == ""
    resume = [p.text for p in front.cell(9, 1).paragraphs if p.text]
    assert resume == ["2015.09—\t班主任"]  # the new post is not history yet
    assert back.cell(0, 1).text == "2023.09  市优秀班主任（市级）"
    assert back.cell(1, 1).text == "2022年度优秀、2023年度合格、2024年度优秀"
    assert back.cell(2, 1).text == (
        "经公开竞聘、民主测评、组织考察和公示，2025年7月8日党政联席会议研究决定，"
        "拟聘任为党政办公室副主任。"
    )
    text = docx_text(content)
    assert "甲中学" in text and "2025年7月8日" in text


def test_the_lrmx_file_carries_the_same_record_for_the_editor(appointed):
    proposal = proposal_of(appointed)
    person = with_record(proposal.person)
    person.major = "R&D <教育>"  # escaped, not breaking the XML
    person.save()
    filename, content = appointment_form_lrmx(proposal)
    assert filename == "C0-甲-干部任免审批表.lrmx"
    assert content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(content)
    assert root.tag == "Person"
    assert [child.tag for child in root] == LRMX_ORDER
    values = {child.tag: child.text or "" for child in root}
    assert values["XingMing"] == "甲"
    assert values["ChuShengNianYue"] == "198601"
    assert values["JiGuan"] == values["ChuShengDi"] == "江苏常州"
    assert values["NiRenZhiWu"] == "党政办公室副主任"
    assert values["XianRenZhiWu"] == "班主任"
    assert values["JianLi"] == "2015.09--" + " " * 7 + "  班主任"
    assert values["ShuXiZhuanYeYouHeZhuanChang"] == "R&D <教育>"
    assert values["JiSuanNianLingShiJian"] == values["TianBiaoShiJian"] == "20250708"
    assert values["ChengBaoDanWei"] == "甲中学"
    assert len(root.find("JiaTingChengYuan")) == 0
    # The Word form says the same.
    context = context_for(proposal)
    assert values["NianDuKaoHeJieGuo"] == context["appraisals"]
    assert values["RenMianLiYou"] == context["reason"]


def test_a_cadre_post_given_up_is_named_and_stays_the_current_post_on_the_form(approved, world):
    proposal = proposal_of(approved)
    person = proposal.person
    PostHistory.objects.create(
        person=person, role_kind="干事", unit="党政办公室", start_date=date(2022, 9, 1)
    )
    person.current_post = "党政办公室干事"
    person.save()
    Discipline.objects.create(person=person, date=date(2019, 3, 5), kind="警告", reason="迟报成绩")
    before = context_for(proposal, today=date(2025, 7, 10))
    assert before["current_post"] == before["leaving_post"] == "党政办公室干事"
    assert before["reason"].endswith("拟聘任为党政办公室副主任，免去党政办公室干事职务。")
    assert before["rewards"] == "2019.03  迟报成绩，受警告处分"
    assert before["resume_lines"][-1] == "2022.09—\t党政办公室  干事"

    appoint(approved)
    proposal.refresh_from_db()
    proposal.person.refresh_from_db()
    assert proposal.person.current_post == "党政办公室副主任"
    after = context_for(proposal, today=date(2025, 9, 1))
    # The roster now names the new post; the form still shows the one he left.
    assert after["current_post"] == after["leaving_post"] == "党政办公室干事"
    assert after["resume_lines"][-1] == "2022.09—2025.07\t党政办公室  干事"
    assert not any(line.startswith("2025.08") for line in after["resume_lines"])


def test_before_the_joint_meeting_the_age_is_counted_today_and_the_group_proposes(proposed):
    context = context_for(proposal_of(proposed), today=date(2026, 2, 1))
    assert context["birth_age"] == "1986.01（40岁）"
    assert context["reason"] == (
        "经公开竞聘、民主测评和组织考察，竞聘工作领导小组研究，拟聘任为党政办公室副主任。"
    )
    assert context["filled_date"] == "2026年2月1日"


# ---------------------------------------------------------------- letters


def test_the_letter_names_the_post_the_term_and_the_division_of_work(appointed):
    proposal = proposal_of(appointed)
    proposal.position.duties = "1．协助主任处理日常事务。\n2．负责档案管理。"
    proposal.position.save()
    filename, content = letter_docx(proposal, Kind.RESPONSIBILITY_LETTER)
    assert filename == "C0-甲-聘用目标责任书.docx"
    text = docx_text(content)
    assert "甲中学\n中层干部聘用目标责任书" in text
    assert "甲方（聘用单位）：甲中学" in text and "乙方（受聘人员）：甲" in text
    assert "甲方聘任乙方为党政办公室副主任，聘期3年，自2025年8月1日起至2028年7月31日止" in text
    assert "分管学校宣传工作和档案工作。" in text
    paragraphs = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    # Each duty its own paragraph, indented like the prose around it.
    assert "1．协助主任处理日常事务。" in paragraphs and "2．负责档案管理。" in paragraphs


def test_the_certificate_is_one_landscape_page(appointed):
    filename, content = letter_docx(proposal_of(appointed), Kind.POST_CERTIFICATE)
    assert filename == "C0-甲-岗位证书.docx"
    text = docx_text(content)
    assert "兹聘任甲同志为党政办公室副主任，聘期自2025年8月1日至2028年7月31日。" in text
    assert "甲中学" in text
    section = Document(io.BytesIO(content)).sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height


def test_before_the_appointment_the_dates_are_left_to_be_written(approved):
    _, content = letter_docx(proposal_of(approved), Kind.POST_CERTIFICATE)
    assert f"聘期自{BLANK_DATE}至{BLANK_DATE}" in docx_text(content)


def test_a_term_ends_the_day_before_its_anniversary():
    assert term_end(date(2025, 8, 1), 3) == date(2028, 7, 31)
    assert term_end(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert term_end(date(2024, 2, 29), 4) == date(2028, 2, 28)


def test_letter_docx_refuses_another_kind(appointed):
    with pytest.raises(ValueError):
        letter_docx(proposal_of(appointed), Kind.APPOINTMENT_FORM)


# ---------------------------------------------------------------- the school's own templates


def test_the_schools_own_templates_are_used(appointed, world):
    proposal = proposal_of(appointed)
    upload(world, Kind.APPOINTMENT_FORM, docx_with("{{ name }}：{{ proposed_post }}"))
    upload(world, Kind.POST_CERTIFICATE, docx_with("{{ name }}任{{ position }}至{{ term_end }}"))
    assert docx_text(appointment_form_docx(proposal)[1]) == "甲：党政办公室副主任"
    assert docx_text(letter_docx(proposal, Kind.POST_CERTIFICATE)[1]) == (
        "甲任党政办公室副主任至2028年7月31日"
    )
    # The other kinds keep the default.
    assert "目标责任书" in docx_text(letter_docx(proposal, Kind.RESPONSIBILITY_LETTER)[1])


@pytest.mark.parametrize(
    "kind,own_tag,foreign",
    [
        (Kind.APPOINTMENT_FORM, "{{ age + 1 }}{{ resume_lines[0] }}", "{{ choices[0] }}"),
        (Kind.RESPONSIBILITY_LETTER, "{{ term_years + 1 }}", "{{ resume_lines[0] }}"),
        (Kind.POST_CERTIFICATE, "{{ term_years + 1 }}", "{{ age + 1 }}"),
    ],
)
def test_an_upload_is_tried_against_the_sample_of_its_kind(world, kind, own_tag, foreign):
    upload(world, kind, docx_with(own_tag))
    with pytest.raises(ValidationError, match="This template cannot be used"):
        upload(world, kind, docx_with(foreign), filename="别的.docx")
    assert DocumentTemplate.objects.get(kind=kind).filename == "我校模板.docx"


@pytest.mark.parametrize(
    "kind", [Kind.APPOINTMENT_FORM, Kind.RESPONSIBILITY_LETTER, Kind.POST_CERTIFICATE]
)
def test_each_default_template_is_a4_and_may_be_uploaded_again(world, kind):
    filename, content = default_template(kind)
    section = Document(io.BytesIO(content)).sections[0]
    sides = sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1)))
    assert sides == [21.0, 29.7]
    upload(world, kind, content, filename=filename)


def test_the_templates_page_lists_the_tags_of_each_kind(world):
    response = world.client("school_admin").get(reverse("documents:templates", args=["school-a"]))
    page = response.content.decode()
    for kind, tag in (
        (Kind.APPOINTMENT_FORM, "resume_lines"),
        (Kind.RESPONSIBILITY_LETTER, "division_of_work"),
        (Kind.POST_CERTIFICATE, "term_end"),
    ):
        assert kind in page and tag in page
