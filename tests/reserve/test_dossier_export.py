"""The 培养档案 as a Word document and as a zip of it with the materials, and who may fetch
them: a mid-term cadre with a mentor, study, a year assessed and two materials uploaded."""

import io
import zipfile
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from docx.table import Table
from docx.text.paragraph import Paragraph

from cadre.core.downloads import DOCX, ZIP
from cadre.decisions.services import Vote
from cadre.orgs.models import Membership
from cadre.people.models import PostHistory
from cadre.reserve.dossier import dossier
from cadre.reserve.dossier_docx import dossier_docx, dossier_zip
from cadre.reserve.models import (
    Activity,
    Assessment,
    Backfill,
    Material,
    Mentorship,
    ReserveCadre,
    Rotation,
)
from cadre.reserve.services import assessment, cultivation, dynamic
from cadre.reserve.services._meeting import Meeting
from tests.conftest import make_person


def word_file(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


PDF = b"%PDF-1.4 \xe8\xb0\x83\xe6\x9f\xa5\xe6\x8a\xa5\xe5\x91\x8a"
WORD = word_file("学习体会正文")


@pytest.fixture
def mentor(world):
    person = make_person(world.school, "M01", "陈导师", current_post="教务处主任")
    PostHistory.objects.create(person=person, role_kind="中层正职", start_date=date(2020, 9, 1))
    return person


@pytest.fixture
def cadre(decided, staff, world, mentor):
    """郑中期 (tier 四) a year into his cultivation."""
    admin = world.users["school_admin"]
    c = ReserveCadre.objects.get(programme=decided, person=staff["mid"])
    pair = cultivation.mentorship_save(
        actor=admin,
        cadre=c,
        mentorship=Mentorship(
            mentor=mentor,
            starts=c.cycle_starts,
            ends=c.years[0].ends,
            goals="熟悉教务管理流程",
        ),
    )
    cultivation.mentorship_summarise(actor=admin, mentorship=pair, summary="进步明显，可堪大用")
    for day, topic, hours, kind in (
        (date(2024, 4, 1), "习近平新时代中国特色社会主义思想专题学习", Decimal("2.0"), "study"),
        (date(2024, 5, 8), "《中小学教师职业道德规范》学习", Decimal("1.5"), "study"),
        (date(2024, 4, 20), "听导师讲排课", None, "mentoring"),
    ):
        cultivation.activity_record(
            actor=admin,
            cadre=c,
            activity=Activity(kind=kind, date=day, topic=topic, hours=hours),
        )
    leading_group = decided.leading_group
    assessment.assessments_decide(
        actor=admin,
        programme=decided,
        gradings=[assessment.Grading(c, Assessment.Grade.EXCELLENT, "履职尽责，成效明显")],
        meeting=Meeting(
            subject="2024—2025年度后备干部考核",
            on=date(2025, 3, 10),
            present=list(leading_group.members.all()),
            vote=Vote(4),
        ),
    )
    cultivation.material_upload(
        actor=admin,
        cadre=c,
        kind=Material.Kind.SURVEY,
        title="关于高一/学生作业量的调查",
        name="survey.pdf",
        content=PDF,
    )
    cultivation.material_upload(
        actor=admin,
        cadre=c,
        kind=Material.Kind.REFLECTION,
        title="学习体会",
        name="体会.docx",
        content=WORD,
    )
    return ReserveCadre.objects.select_related(
        "person__department", "tier", "programme__organisation"
    ).get(pk=c.pk)


def written(write, cadre) -> bytes:
    out = io.BytesIO()
    write(dossier(cadre, today=date(2025, 4, 1)), out)
    return out.getvalue()


def text_of(document) -> str:
    """Every paragraph and every cell, one a line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def table_after(document, heading: str):
    """The first table after the paragraph that reads `heading`."""
    seen = False
    for block in document.iter_inner_content():
        if isinstance(block, Table) and seen:
            return block
        if isinstance(block, Paragraph) and block.text == heading:
            seen = True
    raise AssertionError(f"no table after {heading}")


def cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_document_holds_the_five_parts_in_the_seeds_order(cadre):
    document = docx.Document(io.BytesIO(written(dossier_docx, cadre)))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、后备干部信息表",
        "二、培养登记表",
        "三、考核考察情况",
        "四、培训情况",
        "五、调查报告、学习体会、学习笔记总结",
    ]
    assert document.core_properties.title == "郑中期后备干部培养档案"


def test_the_document_states_the_facts_of_the_cultivation(cadre, mentor):
    document = docx.Document(io.BytesIO(written(dossier_docx, cadre)))
    text = text_of(document)
    assert "郑中期" in text
    assert str(cadre.tier) in text
    # The register: the mentor, the goals and his summary of the year.
    assert "陈导师（教务处主任）" in text
    assert "熟悉教务管理流程" in text
    assert "进步明显，可堪大用" in text
    assert "听导师讲排课" in text
    # The first year graded at the leading group's meeting; the second one not yet.
    years = cells(table_after(document, "年度考核"))
    assert years[1][0] == "第1年"
    with translation.override("zh-hans"):
        assert years[1][2] == str(Assessment.Grade.EXCELLENT.label)
    assert "优秀" in years[1][2]
    assert "履职尽责，成效明显" in years[1][3]
    assert "2025年3月10日" in years[1][4] and "2024—2025年度后备干部考核" in years[1][4]
    assert years[2][2] == "未考核"
    assert "2026年3月13日" in years[2][3]
    # Study: each session and the total.
    study = cells(table_after(document, "四、培训情况"))
    assert study[-1][0] == "合计" and study[-1][3] == "3.5"
    assert "共参加组织学习2次，累计3.5学时。" in text
    # The materials, named as the zip names them.
    materials = cells(table_after(document, "五、调查报告、学习体会、学习笔记总结"))
    assert [row[2] for row in materials[1:]] == ["关于高一/学生作业量的调查", "学习体会"]
    assert materials[1][5].startswith("01_") and materials[1][5].endswith(".pdf")
    assert "郑中期培养档案.zip" in text


def test_a_cadre_decided_by_the_committee_came_in_by_its_meeting(cadre):
    text = text_of(docx.Document(io.BytesIO(written(dossier_docx, cadre))))
    assert "经2024年3月14日" in text and "确定第二批“三四五”后备干部人选" in text
    # His recommendations: 语文教研室 and himself.
    assert "语文教研室" in text and "本人" in text


def test_the_zip_holds_the_document_and_every_material_as_uploaded(cadre):
    archive = zipfile.ZipFile(io.BytesIO(written(dossier_zip, cadre)))
    names = archive.namelist()
    assert len(names) == 3
    assert names[0] == "郑中期培养档案.docx"
    survey, reflection = names[1:]
    # Numbered, the kind and the title in the name, a slash kept out of it, the type's suffix.
    assert survey.startswith("01_") and survey.endswith(".pdf") and "/" not in survey
    assert "调查报告" in survey and "关于高一_学生作业量的调查" in survey
    assert reflection.startswith("02_") and reflection.endswith(".docx")
    assert "学习体会" in reflection
    assert archive.read(survey) == PDF
    assert archive.read(reflection) == WORD
    inner = docx.Document(io.BytesIO(archive.read(names[0])))
    assert inner.core_properties.title == "郑中期后备干部培养档案"


def test_the_document_costs_the_same_queries_however_much_is_recorded(
    cadre, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        written(dossier_docx, cadre)
    for day in range(10, 20):
        cultivation.activity_record(
            actor="t",
            cadre=cadre,
            activity=Activity(
                kind="study", date=date(2024, 6, day), topic="专题学习", hours=Decimal(1)
            ),
        )
    with django_assert_max_num_queries(20):
        text = text_of(docx.Document(io.BytesIO(written(dossier_docx, cadre))))
    assert "累计13.5学时" in text


def test_a_rotation_a_disqualification_and_the_back_fill_that_follows(decided, staff, world):
    admin = world.users["school_admin"]
    near = ReserveCadre.objects.get(programme=decided, person=staff["near"])
    cultivation.rotation_save(
        actor=admin,
        cadre=near,
        rotation=Rotation(
            department=world.department,
            role="干事",
            starts=date(2024, 4, 1),
            supervisor=world.colleague,
            duties="协助起草学校工作计划",
            evaluation="工作主动，文字功底好",
        ),
    )
    cultivation.activity_record(
        actor=admin,
        cadre=near,
        activity=Activity(kind="rotation", date=date(2024, 5, 6), topic="参与校庆筹备"),
    )
    committee = list(decided.committee.members.all())
    dynamic.disqualify(
        actor=admin,
        cadre=near,
        reason=ReserveCadre.Reason.INTEGRITY,
        facts="违规有偿补课，经查属实",
        meeting=Meeting("取消周近期后备干部培养资格", date(2024, 9, 2), committee, Vote(4)),
    )
    near.refresh_from_db()
    document = docx.Document(io.BytesIO(written(dossier_docx, near)))
    rotations = cells(table_after(document, "岗位锻炼"))
    assert rotations[1][1:5] == ["党政办公室", "干事", "2024年4月1日至今", "李老师"]
    assert rotations[1][6] == "工作主动，文字功底好"
    assert "参与校庆筹备" in text_of(document)
    left = cells(table_after(document, "取消培养资格"))
    with translation.override("zh-hans"):
        assert left[0][1] == str(ReserveCadre.Reason.INTEGRITY.label)
    assert left[1][1] == "违规有偿补课，经查属实"
    assert "2024年9月2日" in left[2][1] and "取消周近期后备干部培养资格" in left[2][1]
    # Out of the reserve, his remaining years are not due any more.
    assert cells(table_after(document, "年度考核"))[1][2:4] == ["未考核", "—"]

    tier = near.tier
    proposal = dynamic.backfill_propose(
        actor=admin,
        programme=decided,
        tier=tier,
        person=staff["newcomer"],
        source=Backfill.Source.NEW,
        reason="年级管理成效突出",
        meeting=Meeting(
            "增补冯新人", date(2024, 9, 10), list(decided.leading_group.members.all()), Vote(4)
        ),
        vacancy=near,
        criteria_attested=True,
    )
    dynamic.backfill_decide(
        actor=admin,
        backfill=proposal,
        meeting=Meeting("同意增补冯新人", date(2024, 9, 12), committee, Vote(4)),
    )
    newcomer = ReserveCadre.objects.get(programme=decided, person=staff["newcomer"])
    document = docx.Document(io.BytesIO(written(dossier_docx, newcomer)))
    register = cells(table_after(document, "二、培养登记表"))
    entry = next(row[1] for row in register if row[0] == "列入方式")
    assert "接替周近期的空缺" in entry and "年级管理成效突出" in entry
    assert "2024年9月10日" in entry and "2024年9月12日" in entry and "同意增补冯新人" in entry


def test_a_long_term_cadres_practice_is_listed_by_area(decided, staff):
    young = ReserveCadre.objects.get(programme=decided, person=staff["young"])
    Area = Activity.Area
    for day, area, topic in (
        (date(2024, 5, 1), Area.PARTY, "参加支部主题党日"),
        (date(2024, 4, 1), Area.CLUB, "指导文学社"),
    ):
        cultivation.activity_record(
            actor="t",
            cadre=young,
            activity=Activity(kind="practice", area=area, date=day, topic=topic),
        )
    document = docx.Document(io.BytesIO(written(dossier_docx, young)))
    rows = cells(table_after(document, "自我提升"))[1:]
    # The seed's order of the areas (社团指导 before 党支部活动), not the order of the dates.
    assert [row[3] for row in rows] == ["指导文学社", "参加支部主题党日"]
    with translation.override("zh-hans"):
        assert rows[0][1] == str(Area.CLUB.label)
    # A long-term cadre has no mentor and no rotation: the register does not show them.
    headings = [p.text for p in document.paragraphs]
    assert "结对培养" not in headings and "岗位锻炼" not in headings


# ---------------------------------------------------------------- the view


def fetch(world, programme, cadre, fmt, persona="school_admin"):
    url = reverse("reserve:dossier_export", args=[world.school.code, programme.pk, cadre.pk, fmt])
    return world.client(persona).get(url)


def user_for(world, person, username):
    user = get_user_model().objects.create_user(username)
    Membership.objects.create(user=user, organisation=world.school, role=Membership.Role.STAFF)
    person.user = user
    person.save(update_fields=["user"])
    world.users[username] = user
    return user


@pytest.mark.parametrize(("fmt", "content_type"), [("docx", DOCX), ("zip", ZIP)])
def test_the_office_downloads_the_dossier(decided, cadre, world, fmt, content_type):
    response = fetch(world, decided, cadre, fmt)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert f"%E5%9F%B9%E5%85%BB%E6%A1%A3%E6%A1%88.{fmt}" in response["Content-Disposition"]


def test_the_cadre_and_his_mentor_download_it_another_teacher_does_not(
    decided, cadre, world, mentor
):
    user_for(world, cadre.person, "zheng")
    user_for(world, mentor, "chen")
    assert fetch(world, decided, cadre, "zip", persona="zheng").status_code == 200
    assert fetch(world, decided, cadre, "docx", persona="chen").status_code == 200
    # Not found rather than refused: the address does not tell who is in the reserve.
    assert fetch(world, decided, cadre, "docx", persona="teacher").status_code == 404


def test_another_schools_admin_and_an_unknown_format_are_not_found(decided, cadre, world):
    assert fetch(world, decided, cadre, "docx", persona="other_admin").status_code == 404
    assert fetch(world, decided, cadre, "pdf").status_code == 404
