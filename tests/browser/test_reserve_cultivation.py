"""A year of a reserve cadre's cultivation (培养措施) and the leading group's assessment of it
(严格考核), in Debian's Chromium, as the people concerned meet it.

The programme the party committee decided on 2024-03-14 has four reserve cadres; the first year
of their cycle, 2024-03-14 — 2025-03-13, is over. The office pairs the mid-term cadre 郑中期
with a mentor, 张老师, and places the near-term cadre 周近期 in 教务处 as a 干事. On his phone
郑中期 records a study session, told first that the hours are needed, and uploads his 学习体会,
after a text file passed off as a PDF is refused. 张老师, on his phone, records a mentoring
meeting and writes the year's summary. The office enters the leading group's assessment
meeting, is sent back once for a grade without comments, and the next assessment moves to
year 2.

Elements are found by URLs, ids, names and data attributes, never by their labels (the Chinese
catalogue of these pages is still being written); the assertions are about what users typed
and what the database holds, and messages are compared with their Chinese translation (the
English while untranslated).
"""

from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from cadre.audit.models import AuditEntry
from cadre.orgs.models import Department, Membership
from cadre.people.models import PostHistory
from cadre.reserve.models import (
    Activity,
    Assessment,
    Material,
    Mentorship,
    ReserveCadre,
    Rotation,
)
from tests.browser.test_reserve_flow import click, errors, fits, flashes, submit, zh
from tests.conftest import PASSWORD
from tests.reserve import conftest as reserve_fixtures

pytestmark = pytest.mark.browser
# The fixtures only, not the reserve tests' autouse `english`: the browser meets the UI in
# Chinese.
staff = reserve_fixtures.staff
draft = reserve_fixtures.draft
published = reserve_fixtures.published
recommended = reserve_fixtures.recommended
evaluating = reserve_fixtures.evaluating
submitted = reserve_fixtures.submitted
decided = reserve_fixtures.decided

RESERVE = "/o/school-a/reserve/"
FORM = "main form[method=post]"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
GOALS = "提高班级管理和年级工作能力，学会组织年级活动。"
DUTIES = "协助教务处排课、考务和教学常规检查。"
STUDY = "学习《中小学教师职业道德规范》"
REFLECTION = "学习《中小学教师职业道德规范》的体会"
MEETING = "如何开好主题班会"
SUMMARY = "一年来进步明显，能独立组织年级活动，班级管理更有章法。"
# The leading group's grades: 郑中期 excellent, the others qualified.
GRADES = {"R01": "qualified", "R02": "qualified", "R03": "excellent", "R04": "qualified"}


def said(msgid: str, **values) -> str:
    """A message as the Chinese UI says it (the English while untranslated)."""
    with translation.override("zh-hans"):
        text = gettext(msgid)
    return text % values if values else text


def cadre_account(world, person):
    """The cadre's own account: a member of staff of the school, linked to his roster entry."""
    user = get_user_model().objects.create_user("zheng", password=PASSWORD, first_name=person.name)
    Membership.objects.create(user=user, organisation=world.school, role=Membership.Role.STAFF)
    person.user = user
    person.save()
    return user


def test_a_year_of_cultivation_and_its_assessment(open_browser, world, staff, decided):
    programme = decided
    detail = f"{RESERVE}{programme.pk}/"
    cadres = f"{detail}cadres/"
    near = ReserveCadre.objects.get(programme=programme, person=staff["near"])
    mid = ReserveCadre.objects.get(programme=programme, person=staff["mid"])
    near_dossier, mid_dossier = f"{cadres}{near.pk}/", f"{cadres}{mid.pk}/"
    zheng = cadre_account(world, staff["mid"])
    # 张老师 heads a grade from 2023: he may mentor (结对: 年级主任).
    PostHistory.objects.create(
        person=world.person, role_kind="年级组长", unit="高一年级部", start_date=date(2023, 9, 1)
    )
    academic = Department.objects.create(organisation=world.school, name="教务处")
    audited_before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    # 1. The office finds the cadres in cultivation and arranges the year's measures.
    office = open_browser("desktop")
    page = office.page
    office.goto("/")
    office.login("admin-a")
    click(page, f"nav.subnav a[href='{RESERVE}']")
    click(page, f"main a[href='{detail}']")
    click(page, "main #to-cadres")
    assert office.path() == cadres
    names = page.locator("main #cadres tbody tr td:first-child a").all_inner_texts()
    assert sorted(names) == sorted(["周近期", "吴资深", "郑中期", "王中长"])
    office.shot("cadres")

    # The mid-term cadre gets a mentor for year 1, offered on the form.
    click(page, f"main #cadres tr[data-person='R03'] a[href='{mid_dossier}']")
    expect(page.locator("main h1")).to_contain_text("郑中期")
    click(page, f"main #dossier-actions a[href='{mid_dossier}mentoring/new/']")
    expect(page.locator(f"{FORM} input[name=starts]")).to_have_value("2024-03-14")
    expect(page.locator(f"{FORM} input[name=ends]")).to_have_value("2025-03-13")
    page.fill(f"{FORM} input[name=mentor]", "A001")
    page.fill(f"{FORM} textarea[name=goals]", GOALS)
    office.shot("mentor-form")
    submit(page)
    assert office.path() == mid_dossier, errors(page)
    assert flashes(page, "success")
    pairing = Mentorship.objects.get(cadre=mid)
    card = page.locator(f"main #mentorship-{pairing.pk}")
    expect(card).to_contain_text("张老师")
    expect(card).to_contain_text("2024-03-14 — 2025-03-13")
    expect(card).to_contain_text(GOALS)
    office.shot("mentor-paired")

    # The near-term cadre is placed in 教务处 as a 干事, under 李老师.
    click(page, f"main hgroup a[href='{cadres}']")
    click(page, f"main #cadres tr[data-person='R01'] a[href='{near_dossier}']")
    expect(page.locator("main h1")).to_contain_text("周近期")
    # A mentor is the mid term's measure, not his.
    expect(
        page.locator(f"main #dossier-actions a[href='{near_dossier}mentoring/new/']")
    ).to_have_count(0)
    click(page, f"main #dossier-actions a[href='{near_dossier}rotation/new/']")
    page.select_option(f"{FORM} select[name=department]", str(academic.pk))
    page.fill(f"{FORM} input[name=role]", "干事")
    page.fill(f"{FORM} input[name=starts]", "2024-04-01")
    page.fill(f"{FORM} input[name=ends]", "2024-07-10")
    page.fill(f"{FORM} input[name=supervisor]", "A002")
    page.fill(f"{FORM} textarea[name=duties]", DUTIES)
    office.shot("rotation-form")
    submit(page)
    assert office.path() == near_dossier, errors(page)
    assert flashes(page, "success")
    rotation = Rotation.objects.get(cadre=near)
    card = page.locator(f"main #rotation-{rotation.pk}")
    expect(card.locator("header strong")).to_have_text("教务处 · 干事")
    expect(card).to_contain_text("2024-04-01 — 2024-07-10")
    expect(card).to_contain_text("李老师")
    expect(card).to_contain_text(DUTIES)
    click(page, f"main hgroup a[href='{cadres}']")
    expect(page.locator("main #cadres tr[data-person='R01']")).to_contain_text("教务处 干事")
    office.shot("arranged")

    # 2. 郑中期, on his phone, finds his dossier and records a year-1 study session.
    cadre = open_browser("phone")
    cpage = cadre.page
    cadre.goto("/")
    cadre.login("zheng")
    click(cpage, f"nav.subnav a[href='{RESERVE}']")
    click(cpage, "main #to-mine")
    assert cadre.path() == f"{RESERVE}mine/"
    own = cpage.locator("main #own article")
    expect(own).to_have_count(1)
    expect(own).to_contain_text(programme.title)
    cadre.shot("mine")
    fits(cadre)
    click(cpage, f"main #own a[href='{mid_dossier}']")
    expect(cpage.locator(f"main #mentorship-{pairing.pk}")).to_contain_text("张老师")
    # He records and uploads; arranging is the office's.
    expect(
        cpage.locator(f"main #dossier-actions a[href='{mid_dossier}mentoring/new/']")
    ).to_have_count(0)
    cadre.shot("dossier")
    fits(cadre)

    click(cpage, f"main #dossier-actions a[href='{mid_dossier}record/study/']")
    expect(cpage.locator(f"{FORM} input[name=date]")).to_have_value(
        timezone.localdate().isoformat()
    )
    cpage.fill(f"{FORM} input[name=date]", "2024-04-10")
    cpage.fill(f"{FORM} input[name=topic]", STUDY)
    cpage.fill(f"{FORM} textarea[name=notes]", "党支部组织集中学习，逐条研读并交流。")
    # 4. He forgets the hours: told in Chinese on the form, nothing recorded, nothing lost.
    submit(cpage)
    assert cadre.path() == f"{mid_dossier}record/study/"
    expect(cpage.locator(f"{FORM} .errorlist")).to_have_text("这个字段是必填项。")
    expect(cpage.locator(f"{FORM} input[name=topic]")).to_have_value(STUDY)
    assert not flashes(cpage, "success")
    assert Activity.objects.filter(cadre=mid).count() == 0
    cadre.shot("study-without-hours")
    fits(cadre)
    cpage.fill(f"{FORM} input[name=hours]", "3")
    submit(cpage)
    assert cadre.path() == mid_dossier, errors(cpage)
    assert flashes(cpage, "success")
    study_row = cpage.locator("main #study tbody tr").filter(has_text=STUDY)
    expect(study_row).to_have_count(1)
    expect(study_row).to_contain_text("2024-04-10")
    expect(study_row.locator("td").nth(2)).to_have_text("3")
    expect(cpage.locator("main #training > p")).to_have_text(
        said("%(n)s study sessions, %(hours)s hours in all.", n=1, hours="3")
    )
    study = Activity.objects.get(cadre=mid)

    # A text file passed off as a PDF is refused by its content; nothing is stored.
    upload = f"{mid_dossier}upload/"
    click(cpage, f"main #dossier-actions a[href='{upload}']")
    cpage.select_option(f"{FORM} select[name=kind]", Material.Kind.NOTES)
    cpage.fill(f"{FORM} input[name=title]", "读书笔记")
    cpage.set_input_files(
        f"{FORM} input[name=file]",
        files=[{"name": "笔记.pdf", "mimeType": "application/pdf", "buffer": b"just text"}],
    )
    submit(cpage)
    assert cadre.path() == upload
    expect(cpage.locator(f"{FORM} .errorlist")).to_have_text(
        said("“%(name)s” is not a PDF, Word (.docx), JPG or PNG file.", name="笔记.pdf")
    )
    assert not Material.objects.filter(cadre=mid).exists()
    cadre.shot("not-a-pdf")
    fits(cadre)

    # His 学习体会, a PDF, goes with the study session.
    cpage.select_option(f"{FORM} select[name=kind]", Material.Kind.REFLECTION)
    cpage.fill(f"{FORM} input[name=title]", REFLECTION)
    cpage.set_input_files(
        f"{FORM} input[name=file]",
        files=[{"name": "体会.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    cpage.select_option(f"{FORM} select[name=activity]", str(study.pk))
    submit(cpage)
    assert cadre.path() == mid_dossier, errors(cpage)
    assert flashes(cpage, "success")
    material = Material.objects.get(cadre=mid)
    item = cpage.locator("main #materials li").filter(has_text=REFLECTION)
    expect(item).to_contain_text(zh(Material.Kind.REFLECTION.label))
    expect(item).to_contain_text("体会.pdf")
    expect(item).to_contain_text("郑中期")
    attached = study_row.locator(f"a[href='{mid_dossier}materials/{material.pk}/']")
    expect(attached).to_have_text(f"↳ {REFLECTION}")
    with cpage.expect_download() as download:
        attached.click()
    assert Path(download.value.path()).read_bytes() == PDF
    cadre.shot("recorded")
    fits(cadre)

    # 3. 张老师, on his phone, finds the cadre he mentors, records a meeting and sums up.
    mentor = open_browser("phone")
    mpage = mentor.page
    mentor.goto("/")
    mentor.login("teacher-a")
    click(mpage, f"nav.subnav a[href='{RESERVE}']")
    click(mpage, "main #to-mine")
    expect(mpage.locator("main #own article")).to_have_count(0)
    mentees = mpage.locator("main #mentees li")
    expect(mentees).to_have_count(1)
    expect(mentees).to_contain_text("郑中期")
    expect(mentees).to_contain_text("2024-03-14 — 2025-03-13")
    mentor.shot("mentees")
    fits(mentor)
    click(mpage, f"main #mentees a[href='{mid_dossier}']")
    # The cadre's own records are his to delete, not the mentor's.
    expect(mpage.locator("main #study tbody tr").filter(has_text=STUDY)).to_have_count(1)
    expect(mpage.locator("main #study form")).to_have_count(0)
    click(mpage, f"main #dossier-actions a[href='{mid_dossier}record/mentoring/']")
    mpage.fill(f"{FORM} input[name=date]", "2024-05-08")
    mpage.fill(f"{FORM} input[name=topic]", MEETING)
    mpage.fill(f"{FORM} textarea[name=notes]", "听课后交流，讨论班会的选题与组织。")
    mentor.shot("meeting-form")
    fits(mentor)
    submit(mpage)
    assert mentor.path() == mid_dossier, errors(mpage)
    assert flashes(mpage, "success")
    card = mpage.locator(f"main #mentorship-{pairing.pk}")
    meeting_row = card.locator("tbody tr").filter(has_text=MEETING)
    expect(meeting_row).to_have_count(1)
    expect(meeting_row).to_contain_text("2024-05-08")
    click(
        mpage,
        f"main #mentorship-{pairing.pk} a[href='{mid_dossier}mentoring/{pairing.pk}/summary/']",
    )
    mpage.fill(f"{FORM} textarea[name=summary]", SUMMARY)
    submit(mpage)
    assert mentor.path() == mid_dossier, errors(mpage)
    expect(card.locator("footer")).to_contain_text(SUMMARY)
    mentor.shot("summed-up")
    fits(mentor)

    # 5. The leading group's annual assessment, entered by the office. The cadres page counts
    # what was recorded: 3 hours of study, two records and one file.
    page.reload()
    row = page.locator("main #cadres tr[data-person='R03'] td")
    expect(row.nth(5)).to_have_text("3")
    expect(row.nth(6)).to_contain_text("2 · 1")
    click(page, f"main #cadre-actions a[href='{detail}assessments/']")
    rows = page.locator("main #gradings tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator(f"{FORM} input[name=subject]")).to_have_value(
        said("Annual assessment of the reserve cadres of %(title)s", title=programme.title)
    )
    expect(page.locator(f"{FORM} input[name=date]")).to_have_value(timezone.localdate().isoformat())
    by_staff_no = {c.person.staff_no: c for c in programme.reserve_cadres.select_related("person")}
    for staff_no, grade in GRADES.items():
        pk = by_staff_no[staff_no].pk
        row = page.locator(f"main #gradings tr[data-person='{staff_no}']")
        expect(row.locator("td").nth(1)).to_contain_text("2024-03-14 — 2025-03-13")
        page.select_option(f"{FORM} select[name=grade_{pk}]", grade)
        if staff_no != "R04":  # forgotten: the first submission is sent back
            page.fill(f"{FORM} textarea[name=comments_{pk}]", f"完成第一年培养任务（{staff_no}）")
    expect(page.locator("main #gradings tr[data-person='R03'] td").nth(2)).to_contain_text("3")
    page.fill(f"{FORM} input[name=date]", "2025-03-10")
    present = page.locator(f"{FORM} input[name=present]")
    expect(present).to_have_count(4)
    for box in present.all():
        box.check()
    page.fill(f"{FORM} input[name=votes_for]", "4")
    submit(page)
    assert office.path() == f"{detail}assessments/"
    expect(page.locator("main #gradings tr[data-person='R04'] .errorlist")).to_have_text(
        said("Write the comments that go with the grade.")
    )
    assert not Assessment.objects.exists()
    office.shot("comments-missing")
    young = by_staff_no["R04"]
    page.fill(f"{FORM} textarea[name=comments_{young.pk}]", "完成第一年培养任务（R04）")
    for box in present.all():
        expect(box).to_be_checked()
    office.shot("assessment-form")
    submit(page)
    assert office.path() == cadres, errors(page)
    assert flashes(page, "success")
    # Year 1 assessed: each cadre's next assessment is year 2's, ending 2026-03-13.
    for staff_no in GRADES:
        next_cell = page.locator(f"main #cadres tr[data-person='{staff_no}'] td").last
        expect(next_cell).to_contain_text("2026-03-13")
        expect(next_cell).not_to_contain_text("2025-03-13")
    office.shot("assessed")
    click(page, f"main #cadres tr[data-person='R03'] a[href='{mid_dossier}']")
    years = page.locator("main #years tbody tr")
    expect(years.first.locator("strong")).to_have_text(zh(Assessment.Grade.EXCELLENT.label))
    expect(years.first).to_contain_text("优秀")
    expect(years.first).to_contain_text("完成第一年培养任务（R03）")
    expect(years.nth(1).locator("strong")).to_have_count(0)
    office.shot("graded")

    # What the year left on the record.
    pairing.refresh_from_db()
    assert (pairing.mentor, pairing.starts, pairing.ends, pairing.goals, pairing.summary) == (
        world.person,
        date(2024, 3, 14),
        date(2025, 3, 13),
        GOALS,
        SUMMARY,
    )
    assert (
        rotation.department,
        rotation.role,
        rotation.starts,
        rotation.ends,
        rotation.supervisor,
    ) == (academic, "干事", date(2024, 4, 1), date(2024, 7, 10), world.colleague)
    assert sorted(
        Activity.objects.filter(cadre__programme=programme).values_list(
            "kind", "date", "topic", "hours", "mentorship", "recorded_by__username"
        )
    ) == [
        ("mentoring", date(2024, 5, 8), MEETING, None, pairing.pk, "teacher-a"),
        ("study", date(2024, 4, 10), STUDY, Decimal("3"), None, "zheng"),
    ]
    assert (material.kind, material.title, material.activity, material.uploaded_by) == (
        Material.Kind.REFLECTION,
        REFLECTION,
        study,
        zheng,
    )
    assert bytes(material.content) == PDF
    assert dict(Assessment.objects.values_list("cadre__person__staff_no", "grade")) == GRADES
    assessed = Assessment.objects.select_related("decision")
    assert {(a.year, a.period_starts, a.period_ends) for a in assessed} == {
        (1, date(2024, 3, 14), date(2025, 3, 13))
    }
    assert {a.decision.date for a in assessed} == {date(2025, 3, 10)}
    assert {a.decision.body_id for a in assessed} == {programme.leading_group_id}
    entries = AuditEntry.objects.filter(pk__gt=audited_before or 0)
    # The refused attempts left nothing; each step, one entry (one per cadre assessed).
    assert Counter(
        entries.filter(action__regex=r"^(reserve|decision)\.").values_list("action", flat=True)
    ) == {
        "reserve.mentorship.create": 1,
        "reserve.rotation.create": 1,
        "reserve.activity.create": 2,
        "reserve.material.upload": 1,
        "reserve.mentorship.summary": 1,
        "decision.record": 1,
        "reserve.assessment.create": 4,
    }
    assert set(
        entries.filter(action="reserve.activity.create").values_list("actor__username", flat=True)
    ) == {"zheng", "teacher-a"}
    assert entries.get(action="reserve.material.upload").actor == zheng
    assert entries.get(action="reserve.mentorship.summary").actor == world.users["teacher"]
