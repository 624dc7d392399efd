"""From the confirmed shortlist to the letters of appointment (组织考察 → 拟聘 → 公示 → 报批 →
聘任), in Debian's Chromium, as its users meet it.

The party committee inspects 甲 and 乙 and concludes both inspections; the leading group
proposes 甲 and not 乙; the office puts 甲 on public notice, records a concern that came by
letter, which holds up the approval until the party committee has concluded it; the office
names the joint meeting, records its approval and the report to the bureau, divides 甲's
work, appoints him and downloads the documents. A teacher reports a concern on his phone
during a notice period, and the office enters next year's holidays.

Links, buttons and fields are found by their visible labels: the Chinese of the UI's default
language, or the English text while a translation is missing.
"""

import io
import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from cadre.appointments import workdays
from cadre.appointments.models import HolidayYear, Inspection, Notice, Objection, Proposal
from cadre.appointments.services import notice as notices
from cadre.campaigns.models import Campaign, Stage
from cadre.orgs.models import Membership
from tests.appointments import conftest as appointment_fixtures
from tests.conftest import PASSWORD
from tests.panels import conftest as panel_fixtures

pytestmark = pytest.mark.browser
# The fixtures, not the panels' autouse `english`: the browser meets the UI in Chinese.
reviewed = panel_fixtures.reviewed
inspecting = appointment_fixtures.inspecting
proposed = appointment_fixtures.proposed

SCHOOL = "/o/school-a"
DEPUTY = "党政办公室副主任"
CONTACT = "党总支书记室，电话 0519-12345678"
DIVISION = "分管学校宣传工作和档案工作。"
REPORT_REFERENCE = "甲中〔2026〕12号"
PHONE_WIDTH = 390


def t(zh: str, en: str, *, exact: bool = False) -> re.Pattern:
    """A visible label: the Chinese, or the English while its translation is missing."""
    either = f"{zh}|{re.escape(en)}"
    return re.compile(f"^\\s*(?:{either})\\s*[:：]?\\s*$" if exact else either, re.IGNORECASE)


def go(page: Page, target: Locator) -> None:
    """Click a link or a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        target.click()


def link(page: Page, zh: str, en: str, **kw) -> Locator:
    return page.locator("main").get_by_role("link", name=t(zh, en, **kw))


def button(page: Page, zh: str, en: str, **kw) -> Locator:
    """A submit button or a link styled as one (role=button)."""
    return page.locator("main").get_by_role("button", name=t(zh, en, **kw))


def field(scope, zh: str, en: str) -> Locator:
    return scope.get_by_label(t(zh, en))


def choose(select: Locator, pattern: re.Pattern) -> None:
    """Pick the option of a <select> whose visible text matches."""
    options = [o.strip() for o in select.locator("option").all_inner_texts()]
    matching = [o for o in options if pattern.search(o)]
    assert len(matching) == 1, (pattern, options)
    select.select_option(label=matching[0])


def flashes(page: Page, kind: str) -> list[str]:
    return page.locator(f"main p.flash.flash-{kind}").all_inner_texts()


def errors(page: Page) -> str:
    """What the page says went wrong, for an assertion's message."""
    return "\n".join(
        page.locator("main .errorlist, main ul.error, main .flash-error").all_inner_texts()
    )


def day(d) -> str:
    """A date as the timetable shows it."""
    return f"{d.month}月{d.day}日"


def scroll_width(page: Page) -> int:
    return page.evaluate("() => document.scrollingElement.scrollWidth")


def party_member(world, username="party-a"):
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name="党委")
    Membership.objects.create(
        user=user, organisation=world.school, role=Membership.Role.PARTY_COMMITTEE
    )
    return user


def log_in_at(visit, path: str, username: str) -> None:
    """Open a page of the campaign, meet the login page, log in and land on the page."""
    visit.goto(path)
    assert visit.path().startswith("/accounts/login/")
    visit.login(username, PASSWORD)
    assert visit.path() == path


def the_hub(visit) -> None:
    """From the campaign's page to its inspection and appointment."""
    go(visit.page, button(visit.page, "考察与聘任", "Inspection and appointment"))
    assert re.search(r"/appointment/$", visit.path()), visit.path()


def proposal_row(page: Page, name: str) -> Locator:
    return page.locator("#proposals tbody tr").filter(has_text=name)


def download(page: Page, target: Locator):
    """Download what the link gives: (file name, bytes)."""
    with page.expect_download() as info:
        target.click()
    got = info.value
    assert got.failure() is None, got.failure()
    return got.suggested_filename, got.path().read_bytes()


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def timetable_stages(campaign, today):
    """Timetable lines tracking the steps of this stage, planned around today."""
    stages = [
        (
            "组织考察",
            Stage.Milestone.INSPECTION,
            today - timedelta(days=9),
            today - timedelta(days=7),
        ),
        ("公示", Stage.Milestone.NOTICE, today - timedelta(days=6), today - timedelta(days=1)),
        ("报批", Stage.Milestone.FILING, today, today + timedelta(days=2)),
        ("聘任", Stage.Milestone.APPOINTMENT, today, today + timedelta(days=3)),
    ]
    for order, (name, milestone, start, end) in enumerate(stages, start=10):
        Stage.objects.create(
            campaign=campaign,
            name=name,
            milestone=milestone,
            planned_start=start,
            planned_end=end,
            order=order,
        )


def test_from_the_confirmed_shortlist_to_the_letters(open_browser, world, inspecting):
    campaign = inspecting
    title = campaign.title
    today = timezone.localdate()
    party_member(world)
    timetable_stages(campaign, today)
    detail = f"{SCHOOL}/campaigns/{campaign.pk}/"
    hub = f"{detail}appointment/"
    assert campaign.status == Campaign.Status.INSPECTION
    assert {i.person.name for i in campaign.inspections.all()} == {"甲", "乙"}

    # a. The party committee inspects both shortlisted candidates and concludes.
    party = open_browser("desktop")
    ppage = party.page
    party.accept_dialogs()  # concluding asks first (see the last test)
    log_in_at(party, detail, "party-a")
    the_hub(party)
    party.shot("hub-inspection")
    for name, leader in (("甲", "党总支书记"), ("乙", "党总支副书记")):
        row = ppage.locator("#inspections tbody tr").filter(has_text=name)
        go(ppage, row.get_by_role("link", name=t("登记|录入", "Record")))
        expect(ppage.locator("main h1")).to_contain_text(name)
        form = ppage.locator("main form").first
        field(form, "考察组组长", "Head of the inspection group").fill(leader)
        field(form, "考察组成员", "Members of the inspection group").fill("组织委员、纪检委员")
        field(form, "个别谈话", "Individual talks held").fill("25")
        field(form, "征求意见表", "Opinion forms returned").fill("40")
        field(form, "查阅档案", "Personnel file and documents reviewed").check()
        field(form, "与考察对象面谈", "Talk with the candidate held").check()
        field(form, "考察情况", "Findings").fill(
            f"{name}同志政治立场坚定，工作认真负责，群众基础好。"
        )
        choose(field(form, "考察结论", "Conclusion"), t("可以聘任", "Suitable for the post"))
        if name == "甲":
            party.shot("inspection-form")
        go(ppage, button(ppage, "办结考察", "Conclude the inspection"))
        assert party.path() == hub, errors(ppage)
        assert flashes(ppage, "success")
        row = ppage.locator("#inspections tbody tr").filter(has_text=name)
        expect(row.locator(".badge-ok")).to_have_text(t("可以聘任", "Suitable for the post"))
    assert all(i.status == Inspection.Status.CONCLUDED for i in campaign.inspections.all())
    assert {i.person.name: i.group_leader for i in campaign.inspections.all()} == {
        "甲": "党总支书记",
        "乙": "党总支副书记",
    }
    jia_inspection = campaign.inspections.get(person__name="甲")
    assert jia_inspection.methods == [
        "个别谈话25人",
        "发放并收回征求意见表40份",
        "查阅档案资料",
        "与考察对象面谈",
    ]
    party.shot("inspections-concluded")

    # b. The leading group decides: 甲 is proposed, 乙 is not.
    leader = open_browser("desktop")
    lpage = leader.page
    log_in_at(leader, detail, "leader-a")
    the_hub(leader)
    go(lpage, button(lpage, "确定拟聘人选", "Decide the proposed appointees"))
    meeting_day = today - timedelta(days=7)
    field(lpage.locator("main"), "会议日期", "Date of the meeting").fill(meeting_day.isoformat())
    present = lpage.get_by_role("group", name=t("出席成员", "Members present"))
    boxes = present.get_by_role("checkbox")
    assert boxes.count() == 4
    for box in boxes.all():
        box.check()
    votes = {"甲": ("4", "0"), "乙": ("0", "4")}
    for name, (votes_for, against) in votes.items():
        # The vote boxes have no labels of their own, only the table's column headers.
        row = lpage.locator("main table tbody tr").filter(has_text=name)
        row.locator("input[name^=for_]").fill(votes_for)
        row.locator("input[name^=against_]").fill(against)
    leader.shot("propose")
    go(lpage, button(lpage, "登记决定", "Record the decisions"))
    assert leader.path() == hub, errors(lpage)
    expect(proposal_row(lpage, "甲").locator(".badge")).to_have_text(
        t("拟聘", "Proposed for appointment", exact=True)
    )
    expect(proposal_row(lpage, "乙").locator(".badge")).to_have_text(
        t("不拟聘", "Not proposed", exact=True)
    )
    assert {p.person.name: p.status for p in campaign.proposals.all()} == {
        "甲": Proposal.Status.PROPOSED,
        "乙": Proposal.Status.NOT_PROPOSED,
    }
    assert campaign.proposals.get(person__name="甲").decision.date == meeting_day
    leader.shot("proposed")

    # c. The office publishes the notice: from six days ago, five calendar days, the first
    #    day not counted, so that the period ended yesterday.
    admin = open_browser("desktop")
    page = admin.page
    admin_dialogs = admin.accept_dialogs()
    admin.goto("/")
    admin.login("admin-a")
    go(page, page.locator("nav.subnav").get_by_role("link", name=t("竞聘上岗", "Appointment")))
    go(page, page.locator("main").get_by_role("link", name=title))
    assert admin.path() == detail
    the_hub(admin)
    form = page.locator("#notice-form form")
    preview = page.locator("#notice-end")
    expect(preview).to_have_text("")
    starts_on = today - timedelta(days=6)
    field(form, "公示日期", "Published on").fill(starts_on.isoformat())
    # The last day follows the settings as they are typed in.
    expect(preview).to_contain_text((today - timedelta(days=1)).isoformat())
    field(form, "公示期长度", "Length of the period").fill("6")
    field(form, "公示期长度", "Length of the period").blur()
    expect(preview).to_contain_text(today.isoformat())
    field(form, "公示期长度", "Length of the period").fill("5")
    field(form, "公示期长度", "Length of the period").blur()
    expect(preview).to_contain_text((today - timedelta(days=1)).isoformat())
    choose(field(form, "计算方式", "Counted in"), t("自然日", "calendar days"))
    expect(field(form, "发布当日", "The day of publication counts")).not_to_be_checked()
    field(form, "反映问题的方式", "How to report a concern").fill(CONTACT)
    admin.shot("notice-form")
    go(page, button(page, "发布公示", "Publish the notice"))
    assert admin.path() == hub, errors(page)
    the_notice = Notice.objects.get(campaign=campaign)
    assert (the_notice.starts_on, the_notice.ends_on) == (starts_on, today - timedelta(days=1))
    assert the_notice.counting == Notice.Counting.CALENDAR and not the_notice.first_day_counts
    expect(page.locator("#notice .badge-ok")).to_have_text(t("公示期已满", "Period ended"))
    admin.shot("on-notice")

    # The public notice names 甲, not 乙, and can be printed.
    go(page, button(page, "公示（公开页面", "The notice (public page, printable)"))
    sheet = page.locator("main article.notice-sheet")
    names = sheet.locator("table tbody tr td:first-child").all_inner_texts()
    assert names == ["甲"]
    expect(sheet).to_contain_text(CONTACT)
    expect(sheet).to_contain_text(DEPUTY)
    expect(button(page, "打印", "Print", exact=True)).to_be_visible()
    admin.shot("public-notice")
    page.go_back()

    # d. A concern came by letter during the period; the office records it.
    go(page, button(page, "登记来信", "Record a concern received by letter, telephone or visit"))
    form = page.locator("main form")
    choose(field(form, "受理方式", "Received by"), t("来信", "Letter", exact=True))
    field(form, "受理时间", "Received at").fill(f"{(today - timedelta(days=3)).isoformat()}T10:30")
    choose(field(form, "反映对象", "About"), re.compile("^甲"))
    field(form, "反映内容", "The concern").fill("反映甲同志上班期间多次外出办私事。")
    expect(field(form, "匿名", "Anonymous")).to_be_checked()
    admin.shot("concern-form")
    go(page, button(page, "保存", "Save", exact=True))
    assert admin.path() == hub, errors(page)
    objection = Objection.objects.get(notice=the_notice)
    assert objection.channel == Objection.Channel.LETTER and objection.anonymous
    assert objection.proposal.person.name == "甲"
    concern = page.locator("#notice tbody tr").filter(has_text=objection.reference)
    expect(concern.locator(".badge-warn")).to_have_text(t("办理中", "Being handled"))
    # The approval waits for it.
    blockers = page.locator("#approval ul.error")
    expect(blockers).to_contain_text(t("尚未由党组织办结", "not yet concluded"))
    expect(
        button(page, "登记党政联席会议决定", "Record the joint meeting's decision")
    ).to_have_count(0)
    admin.shot("concern-blocks")

    # The party committee looks into it and concludes: not substantiated.
    ppage.reload()
    concern = ppage.locator("#notice tbody tr").filter(has_text=objection.reference)
    go(ppage, concern.get_by_role("link", name=t("办理", "Handle", exact=True)))
    expect(ppage.locator("main dl.fields")).to_contain_text("外出办私事")
    form = ppage.locator("main form").first
    field(form, "核查情况", "How it was looked into").fill(
        "查阅考勤记录，与年级组长及三名同事谈话核实。"
    )
    choose(field(form, "核查结论", "Finding"), t("不属实", "Not substantiated", exact=True))
    form.get_by_label(t("考察结论|结论|办理结论", "Conclusion", exact=True)).fill(
        "甲同志外出均经批准，所反映问题不属实。"
    )
    party.shot("conclude-concern")
    go(ppage, button(ppage, "办结", "Conclude", exact=True))
    assert party.path() == hub, errors(ppage)
    objection.refresh_from_db()
    assert objection.status == Objection.Status.CONCLUDED
    assert objection.finding == Objection.Finding.UNFOUNDED

    # e. The office names the joint meeting and records its approval.
    page.reload()
    expect(page.locator("#approval ul.error")).to_have_count(0)
    go(page, page.locator("#approval").get_by_role("link", name=t("编辑", "Edit", exact=True)))
    members = [m.person for m in campaign.leading_group.members.all()] + [world.colleague]
    field(page.locator("main form"), "工号", "staff numbers").fill(
        "\n".join(p.staff_no for p in members)
    )
    admin.shot("joint-meeting")
    go(page, button(page, "保存", "Save", exact=True))
    assert admin.path() == hub, errors(page)
    campaign.refresh_from_db()
    assert [m.person for m in campaign.joint_meeting.members.all()] == members
    expect(page.locator("#approval")).to_contain_text("、".join(p.name for p in members))
    go(page, button(page, "登记党政联席会议决定", "Record the joint meeting's decision"))
    form = page.locator("main form")
    expect(field(form, "议题", "Subject")).not_to_have_value("")
    field(form, "会议日期", "Date of the meeting").fill(today.isoformat())
    for box in (
        page.get_by_role("group", name=t("出席成员", "Members present"))
        .get_by_role("checkbox")
        .all()
    ):
        box.check()
    form.get_by_label(t("赞成", "For", exact=True)).fill(str(len(members)))
    admin.shot("approval")
    go(page, button(page, "保存", "Save", exact=True))
    assert admin.path() == hub, errors(page)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.APPROVED
    assert campaign.approval.decision.votes_for == len(members)
    expect(proposal_row(page, "甲").locator(".badge")).to_have_text(
        t("党政联席会议通过", "Approved by the joint meeting")
    )

    # The report to the education bureau.
    form = page.locator("#approval form")
    field(form, "报教育局日期", "Reported to the education bureau on").fill(today.isoformat())
    field(form, "报告文号", "Report reference").fill(REPORT_REFERENCE)
    go(page, form.get_by_role("button", name=t("保存报批情况", "Save the report")))
    assert not flashes(page, "error"), flashes(page, "error")
    campaign.approval.refresh_from_db()
    assert campaign.approval.reported_on == today
    assert campaign.approval.report_reference == REPORT_REFERENCE
    expect(page.locator("#approval")).to_contain_text(REPORT_REFERENCE)

    # The division of 甲's work.
    go(
        page,
        proposal_row(page, "甲").get_by_role("link", name=t("确定岗位分工", "Divide the work")),
    )
    form = page.locator("main form")
    field(form, "岗位分工", "Division of work").fill(DIVISION)
    expect(field(form, "聘期", "Term")).to_have_value("3")
    admin.shot("division")
    go(page, button(page, "保存", "Save", exact=True))
    assert admin.path() == hub, errors(page)
    expect(proposal_row(page, "甲")).to_contain_text(DIVISION)

    # The appointment, confirmed first; the campaign closes.
    form = page.locator("#appoint form")
    field(form, "聘任起始日期", "Appointed from").fill(today.isoformat())
    dialogs_before = len(admin_dialogs)
    go(page, form.get_by_role("button", name=t("聘任并结束竞聘", "Appoint and close the campaign")))
    assert len(admin_dialogs) == dialogs_before + 1  # asked to confirm
    assert not flashes(page, "error"), flashes(page, "error")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CLOSED
    jia = campaign.proposals.get(person__name="甲")
    assert jia.status == Proposal.Status.APPOINTED and jia.appointed_on == today
    expect(page.locator("main hgroup .badge")).to_have_text(
        t("已聘任，竞聘结束", "Appointed, campaign closed")
    )
    expect(proposal_row(page, "甲").locator(".badge")).to_have_text(
        t("已聘任", "Appointed", exact=True)
    )
    admin.shot("appointed")

    # The documents.
    documents = page.locator("#documents")
    report = documents.locator("li").filter(
        has_text=t("报教育局的报告", "Report to the education bureau")
    )
    name, content = download(page, report.get_by_role("link", name="Word"))
    assert name == f"{title}聘任报告.docx"
    text = docx_text(content)
    assert "甲" in text and REPORT_REFERENCE in text
    name, content = download(page, report.get_by_role("link", name="Excel"))
    assert name == f"{title}聘任报告.xlsx"
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert any("甲" in row and DEPUTY in row for row in rows), rows
    assert not any("乙" in row for row in rows), rows  # not proposed

    jia_docs = documents.locator("li").filter(has_text="甲")
    prefix = f"{jia.person.staff_no}-甲-"
    name, content = download(page, jia_docs.get_by_role("link", name="Word"))
    assert name == f"{prefix}干部任免审批表.docx"
    assert "甲" in docx_text(content)
    name, content = download(page, jia_docs.get_by_role("link", name=".lrmx"))
    assert name == f"{prefix}干部任免审批表.lrmx"
    assert ET.fromstring(content).tag == "Person"
    name, content = download(
        page, jia_docs.get_by_role("link", name=t("聘用目标责任书", "target-responsibility letter"))
    )
    assert name == f"{prefix}聘用目标责任书.docx"
    assert "甲" in docx_text(content)
    name, content = download(
        page, jia_docs.get_by_role("link", name=t("岗位证书", "post certificate"))
    )
    assert name == f"{prefix}岗位证书.docx"
    assert "甲" in docx_text(content)
    name, content = download(
        page, documents.get_by_role("link", name=t("全程纪实", "The whole record of the campaign"))
    )
    assert name == f"{title}全程纪实.docx"
    assert "甲" in docx_text(content)

    # f. The campaign's timetable shows the days each step was done; the overview lists it.
    go(page, page.locator("main hgroup").get_by_role("link", name=title))
    assert admin.path() == detail
    timetable = page.locator("#timeline")
    done = {
        "组织考察": day(meeting_day),
        "公示": day(today - timedelta(days=1)),
        "报批": day(today),
        "聘任": day(today),
    }
    for stage, on in done.items():
        row = timetable.locator("tbody tr").filter(
            has=page.locator("td:nth-child(2)", has_text=re.compile(f"^{stage}$"))
        )
        expect(row.locator("td:nth-child(3)")).to_have_text(on)
    admin.shot("timetable")
    go(page, page.locator("nav.subnav").get_by_role("link", name=t("概况", "Overview")))
    overview = page.locator("#dashboard tbody tr").filter(has_text=title)
    expect(overview).to_have_count(1)
    expect(overview.locator(".badge")).to_have_text(
        t("已聘任，竞聘结束", "Appointed, campaign closed")
    )
    admin.shot("overview")


def test_a_teacher_reports_a_concern_from_his_phone(open_browser, world, proposed):
    today = timezone.localdate()
    notices.notice_publish(
        actor="t",
        campaign=proposed,
        starts_on=today - timedelta(days=1),
        days=5,
        counting=Notice.Counting.CALENDAR,
        first_day_counts=False,
        contact=CONTACT,
    )
    notice_path = f"/p/school-a/campaigns/{proposed.pk}/notice/"

    phone = open_browser("phone")
    page = phone.page
    assert phone.goto(notice_path).status == 200
    expect(page.locator("main h1")).to_be_visible()
    assert scroll_width(page) <= PHONE_WIDTH + 1, notice_path
    phone.shot("notice")
    go(page, button(page, "网上反映问题", "Report a concern online"))
    form = page.locator("main form[method=post]")
    choose(field(form, "反映对象", "About"), re.compile("^甲"))
    field(form, "反映内容", "The concern").fill("甲同志在评优中存在弄虚作假的情况。")
    expect(field(form, "匿名", "Anonymous")).to_be_checked()
    assert scroll_width(page) <= PHONE_WIDTH + 1
    phone.shot("report-form")
    go(page, button(page, "提交反映", "Send the report"))
    reference = page.locator("#reference")
    expect(reference).to_have_text(re.compile(r"^[0-9A-F]{8}$"))
    ref = reference.inner_text()
    objection = Objection.objects.get(reference=ref)
    assert objection.anonymous and objection.channel == Objection.Channel.ONLINE
    assert objection.proposal.person.name == "甲" and objection.entered_by is None
    assert scroll_width(page) <= PHONE_WIDTH + 1
    phone.shot("reported")

    page.get_by_role("textbox", name=t("受理编号", "Reference")).fill(ref)
    go(page, button(page, "查询", "Look up"))
    expect(page.locator("main section")).to_contain_text(
        t("党组织正在办理", "Being handled by the party committee")
    )
    assert scroll_width(page) <= PHONE_WIDTH + 1
    phone.shot("looked-up")
    # Nothing ties the report to the reporter: no session, no account.
    assert {c["name"] for c in page.context.cookies()} <= {"csrftoken"}


def test_the_office_enters_next_years_holidays(open_browser, world):
    if workdays.package_covers(2027):
        pytest.skip("the chinese-calendar package covers 2027 now")
    this_year = timezone.localdate().year
    admin = open_browser("desktop")
    page = admin.page
    admin.goto("/")
    admin.login("admin-a")
    go(page, page.locator("nav.subnav").get_by_role("link", name=t("竞聘上岗", "Appointment")))
    go(page, link(page, "节假日安排", "Holiday arrangements"))
    years = page.locator("main table tbody tr")
    row_2027 = years.filter(has=page.locator("td:first-child", has_text=re.compile("^2027$")))
    expect(row_2027.locator(".badge-warn")).to_be_visible()
    form = page.locator("main form[method=post]").last
    expect(field(form, "年度", "Year")).to_have_value(str(this_year + 1))
    field(form, "年度", "Year").fill("2027")
    field(form, "法定节假日", "Public holidays").fill("2027-01-01")
    admin.shot("holidays-form")
    go(page, form.get_by_role("button", name=t("保存", "Save", exact=True)))
    assert not errors(page), errors(page)
    assert HolidayYear.objects.get(organisation=world.school, year=2027).holidays == ["2027-01-01"]
    expect(row_2027.locator("[data-entered='2027']")).to_have_text(
        t("办公室已录入", "entered by the office")
    )
    admin.shot("holidays-entered")


def test_concluding_an_inspection_asks_first(open_browser, world, inspecting):
    party_member(world)
    detail = f"{SCHOOL}/campaigns/{inspecting.pk}/"
    party = open_browser("desktop")
    page = party.page
    asked = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    log_in_at(party, detail, "party-a")
    the_hub(party)
    row = page.locator("#inspections tbody tr").filter(has_text="甲")
    go(page, row.get_by_role("link", name=t("登记|录入", "Record")))
    inspection = inspecting.inspections.get(person__name="甲")
    form = page.locator("main form").first
    field(form, "考察组组长", "Head of the inspection group").fill("党总支书记")
    field(form, "个别谈话", "Individual talks held").fill("25")
    field(form, "考察情况", "Findings").fill("工作认真负责。")
    choose(field(form, "考察结论", "Conclusion"), t("可以聘任", "Suitable for the post"))
    conclude = button(page, "办结考察", "Conclude the inspection")
    conclude.click()
    page.wait_for_load_state()
    assert asked, "concluding the inspection was not confirmed first"
    expect(conclude).to_be_visible()  # dismissed: still on the form
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.OPEN
