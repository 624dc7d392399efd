"""An appointment campaign from last year's plan to the confirmed list of candidates, in
Debian's Chromium, as its users meet it.

The school admin copies last year's plan, records its approval and filing and publishes it;
anyone can read the published plan; a teacher applies on his phone and recommends a colleague,
who accepts and applies; the party committee reviews both, one of them after the leading group
relaxed the age limit for him; the review sheet is downloaded; the leading group confirms the
list. Elements are found by names, hrefs, form actions and CSS, never by their (translated)
labels; the assertions are about data.
"""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook

from cadre.campaigns.models import (
    Application,
    Campaign,
    Candidacy,
    Exemption,
    Nomination,
    Rule,
)
from cadre.decisions.models import Decision
from cadre.orgs.models import Membership
from tests.campaigns.factories import TZ, campaign_published
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

NEW_TITLE = "2026年中层干部聘任工作方案"
DEPUTY, OFFICER = "党政办公室副主任", "党政办公室干事"
SCHOOL = "/o/school-a"
EXEMPTION_REASON = "该同志长期扎根教学一线，业绩突出，群众公认。"


def local_minute(moment) -> str:
    """A moment as a datetime-local input wants it, in the school's time zone."""
    return timezone.localtime(moment, TZ).strftime("%Y-%m-%dT%H:%M")


def staff_user(username, org, *roles):
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=username)
    for role in roles:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def flashes(page, kind: str) -> list[str]:
    return page.locator(f"main p.flash.flash-{kind}").all_inner_texts()


def submit(page, form_selector: str, button: str = "button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(form_selector).locator(button).click()


def verdict_rows(page) -> dict[str, tuple[str, list[str]]]:
    """The review page's conditions: label -> (outcome, cells)."""
    rows = {}
    for row in page.locator("main table.verdicts tbody tr").all():
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        rows[cells[0]] = (row.get_attribute("data-outcome"), cells)
    return rows


def fill_decision(page, members, votes_for: int) -> None:
    """The decision part of a leading-group form: the date, who was there, the vote."""
    page.fill("main form input[name=date]", timezone.localdate().isoformat())
    for member in members:
        page.check(f"main form input[name=present][value='{member.pk}']")
    page.fill("main form input[name=votes_for]", str(votes_for))


def fits(visit) -> None:
    overflow = visit.horizontal_overflow()
    assert overflow <= 2, f"{visit.path()} is {overflow}px wider than the window"


def test_campaign_from_last_years_plan_to_the_list_of_candidates(open_browser, world):
    school = world.school
    now = timezone.now()
    last_year = campaign_published(
        world, opens=now - timedelta(days=365), deadline=now - timedelta(days=355)
    )
    # 李老师 (A002) gets an account; he was born before the age limit of the plan.
    li = staff_user("li", school, Membership.Role.STAFF)
    world.colleague.user = li
    world.colleague.birth_date = date(1979, 6, 1)
    world.colleague.save()
    staff_user("party-a", school, Membership.Role.PARTY_COMMITTEE)
    # The head of the leading group also sits on the party committee: he reviews and decides.
    Membership.objects.create(
        user=world.users["leader"], organisation=school, role=Membership.Role.PARTY_COMMITTEE
    )

    # 1. The admin copies last year's plan with this year's dates, records its approval and
    #    filing, and publishes it.
    admin = open_browser("desktop")
    page = admin.page
    dialogs = admin.accept_dialogs()
    admin.goto("/")
    admin.login("admin-a")
    page.click(f"nav.subnav a[href='{SCHOOL}/campaigns/']")
    page.wait_for_url(f"**{SCHOOL}/campaigns/")
    admin.shot("campaign-list")
    with page.expect_navigation():
        page.click(f"main a[href='{SCHOOL}/campaigns/{last_year.pk}/']")
    with page.expect_navigation():
        page.click(f"main a[href='{SCHOOL}/campaigns/{last_year.pk}/copy/']")
    assert page.input_value("main form input[name=title]") == last_year.title
    opens, deadline = now - timedelta(hours=1), now + timedelta(days=2)
    page.fill("main form input[name=title]", NEW_TITLE)
    page.fill("main form input[name=registration_opens]", local_minute(opens))
    page.fill("main form input[name=registration_deadline]", local_minute(deadline))
    admin.shot("copy-form")
    submit(page, "main form[method=post]")
    campaign = Campaign.objects.get(copied_from=last_year)
    assert admin.path() == f"{SCHOOL}/campaigns/{campaign.pk}/"
    assert campaign.title == NEW_TITLE and campaign.status == Campaign.Status.DRAFT
    assert local_minute(campaign.registration_opens) == local_minute(opens)
    assert local_minute(campaign.registration_deadline) == local_minute(deadline)
    assert [p.title for p in campaign.positions.all()] == [
        p.title for p in last_year.positions.all()
    ]
    birth_rule = campaign.rules.get(kind=Rule.Kind.BIRTH_CUTOFF)
    assert birth_rule.params["cutoff"] == "1981-01-01"  # the age limit moved with the year
    assert flashes(page, "success")
    admin.shot("draft")

    today = timezone.localdate()
    file_form = f"main form[action='{SCHOOL}/campaigns/{campaign.pk}/file/']"
    page.fill(f"{file_form} input[name=approved_on]", (today - timedelta(days=3)).isoformat())
    page.fill(f"{file_form} input[name=approval_note]", "校级领导班子会议")
    page.fill(f"{file_form} input[name=filed_on]", (today - timedelta(days=1)).isoformat())
    page.fill(f"{file_form} input[name=filing_reference]", "常教备〔2026〕3号")
    submit(page, file_form)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.FILED, flashes(page, "error")
    assert campaign.filing_reference == "常教备〔2026〕3号"
    assert campaign.approved_on == today - timedelta(days=3)
    admin.shot("filed")

    submit(page, f"main form[action='{SCHOOL}/campaigns/{campaign.pk}/step/publish/']")
    assert len(dialogs) == 1  # asked to confirm
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.PUBLISHED, flashes(page, "error")
    public_path = f"/p/school-a/campaigns/{campaign.pk}/"
    assert page.locator(f"main a[href='{public_path}']").count() == 1
    admin.shot("published")

    # Anyone on the intranet reads the published plan, without logging in.
    reader = open_browser("desktop")
    assert reader.goto(public_path).status == 200
    assert reader.path() == public_path
    assert reader.page.locator("main h1").inner_text() == NEW_TITLE
    positions_table = reader.page.locator("main table").first  # then the timetable
    positions = positions_table.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert [p.split()[0] for p in positions] == ["党政办公室主任", DEPUTY, OFFICER]
    wechat = reader.page.input_value("textarea#wechat-text")
    assert NEW_TITLE in wechat and "甲中学" in wechat
    assert f"{DEPUTY}1名" in wechat and f"{OFFICER}1–2名" in wechat
    local_deadline = timezone.localtime(campaign.registration_deadline, TZ)
    assert f"{local_deadline.month}月{local_deadline.day}日{local_deadline:%H:%M}" in wechat
    assert public_path in wechat
    reader.shot("public-plan")

    # 2. 张老师 applies for the deputy post on his phone.
    teacher = open_browser("phone")
    tpage = teacher.page
    detail = f"{SCHOOL}/campaigns/{campaign.pk}/"
    teacher.goto(detail)
    assert teacher.path().startswith("/accounts/login/")
    teacher.login("teacher-a")
    assert teacher.path() == detail
    fits(teacher)
    teacher.shot("campaign")
    with tpage.expect_navigation():
        tpage.click(f"main a[href='{detail}application/']")
    assert "张老师" in tpage.inner_text("main dl.fields")
    assert "班主任" in tpage.inner_text("main dl.fields")
    deputy = campaign.positions.get(title=DEPUTY)
    officer = campaign.positions.get(title=OFFICER)
    tpage.select_option("select[name=first_choice]", str(deputy.pk))
    tpage.fill("textarea[name=strengths]", "担任班主任六年，熟悉学校行政工作流程。")
    tpage.fill("textarea[name=work_plan]", "规范公文流转，建立周工作清单制度。")
    tpage.check("input[name=pledge]")
    fits(teacher)
    teacher.shot("application-form")
    submit(tpage, "main form[enctype='multipart/form-data']", "button[name=submit]")
    assert teacher.path() == f"{detail}application/"
    assert not flashes(tpage, "error")
    mine = Application.objects.get(campaign=campaign, person=world.person)
    assert mine.status == Application.Status.SUBMITTED
    assert [c.position for c in mine.candidacies.all()] == [deputy]
    assert tpage.locator("main p > span.badge").inner_text() == mine.get_status_display()
    teacher.shot("application-submitted")

    # 3. He recommends his colleague 李老师 for an officer's post.
    teacher.goto(detail)
    with tpage.expect_navigation():
        tpage.click(f"main a[href='{detail}recommend/peer/']")
    tpage.fill("main form input[name=staff_no]", "A002")
    tpage.select_option("main form select[name=position]", str(officer.pk))
    tpage.fill("main form textarea[name=reason]", "李老师做事细致，文字功底好。")
    teacher.shot("recommend")
    submit(tpage, "main form[method=post]")
    assert teacher.path() == detail, flashes(tpage, "error")
    nomination = Nomination.objects.get(campaign=campaign, nominee=world.colleague)
    assert nomination.channel == Nomination.Channel.PEER
    assert nomination.status == Nomination.Status.PENDING

    # 李老师 finds the recommendation on the campaign's page, accepts it and applies.
    colleague = open_browser("phone")
    cpage = colleague.page
    colleague.goto(detail)
    colleague.login("li")
    assert colleague.path() == detail
    notice = cpage.locator("main article.notice")
    assert OFFICER in notice.inner_text() and "文字功底好" in notice.inner_text()
    fits(colleague)
    colleague.shot("recommended")
    answer = f"main form[action='{detail}nominations/{nomination.pk}/answer/']"
    submit(cpage, answer, "button[name=answer][value=accept]")
    assert colleague.path() == f"{detail}application/"
    assert cpage.input_value("select[name=first_choice]") == str(officer.pk)
    cpage.fill("textarea[name=strengths]", "长期负责教研组材料撰写。")
    cpage.fill("textarea[name=work_plan]", "做好会议记录与档案整理。")
    cpage.check("input[name=pledge]")
    submit(cpage, "main form[enctype='multipart/form-data']", "button[name=submit]")
    assert not flashes(cpage, "error")
    his = Application.objects.get(campaign=campaign, person=world.colleague)
    assert his.status == Application.Status.SUBMITTED
    assert his.source == Application.Source.PEER
    assert [c.position for c in his.candidacies.all()] == [officer]
    colleague.shot("application-submitted")

    # 4. Registration closes at its deadline, not before.
    close = f"main form[action='{detail}step/close/']"
    admin.goto(detail)
    submit(page, close)
    assert flashes(page, "error")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.PUBLISHED
    Campaign.objects.filter(pk=campaign.pk).update(
        registration_deadline=timezone.now() - timedelta(minutes=1)
    )
    admin.goto(detail)
    submit(page, close)
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.REGISTRATION_CLOSED, flashes(page, "error")
    assert len(dialogs) == 3
    admin.shot("registration-closed")

    # 5. The party committee reviews both candidacies.
    review = f"{detail}review/"
    zhang_c = Candidacy.objects.get(application=mine)
    li_c = Candidacy.objects.get(application=his)
    party = open_browser("desktop")
    ppage = party.page
    party.goto(review)
    party.login("party-a")
    assert party.path() == review
    listed = ppage.locator("main table tbody tr td:nth-child(2)").all_inner_texts()
    assert listed == ["张老师", "李老师"]  # by position: deputy, then officer
    party.shot("review-list")

    with ppage.expect_navigation():
        ppage.click(f"main a[href='{review}{zhang_c.pk}/']")
    rows = verdict_rows(ppage)
    assert {label: outcome for label, (outcome, _) in rows.items()} == {
        "坚决拥护中国共产党的领导": "review",
        "具备大学本科或以上学历": "pass",
        "班主任等三年以上": "pass",
        birth_rule.label: "pass",
    }
    assert "1988年5月1日" in rows[birth_rule.label][1][2]
    ppage.locator("main form input[name^=met_]").check()
    ppage.check("main form input[name=result][value=qualified]")
    party.shot("review-zhang")
    submit(ppage, "main form[method=post]")
    assert party.path() == review, flashes(ppage, "error")
    zhang_c.refresh_from_db()
    assert zhang_c.result == Candidacy.Result.QUALIFIED

    # 李老师 was born before the age limit: "qualified" is refused until it is relaxed.
    with ppage.expect_navigation():
        ppage.click(f"main a[href='{review}{li_c.pk}/']")
    rows = verdict_rows(ppage)
    outcome, cells = rows[birth_rule.label]
    assert outcome == "fail" and "出生于1979年6月1日" in cells[2]
    ppage.locator("main form input[name^=met_]").check()
    ppage.check("main form input[name=result][value=qualified]")
    submit(ppage, "main form[method=post]")
    assert birth_rule.label in ppage.inner_text("main form ul.errorlist.nonfield")
    li_c.refresh_from_db()
    assert li_c.result == Candidacy.Result.PENDING
    party.shot("review-li-refused")

    # The leading group relaxes the age limit for him, by a quorate vote.
    leader = open_browser("desktop")
    lpage = leader.page
    leader.goto(f"{review}{li_c.pk}/")
    leader.login("leader-a")
    exemption_path = f"{review}{li_c.pk}/exemption/"
    with lpage.expect_navigation():
        lpage.click(f"main a[href='{exemption_path}']")
    assert leader.path() == exemption_path
    members = list(campaign.leading_group.members.all())
    assert len(members) == 4
    lpage.select_option("main form select[name=rule]", str(birth_rule.pk))
    lpage.fill("main form textarea[name=reason]", EXEMPTION_REASON)
    fill_decision(lpage, members[:3], votes_for=3)
    leader.shot("exemption-form")
    submit(lpage, "main form[method=post]")
    assert leader.path() == f"{review}{li_c.pk}/", lpage.inner_text("main")
    exemption = Exemption.objects.get(candidacy=li_c)
    assert exemption.rule == birth_rule and exemption.reason == EXEMPTION_REASON
    assert exemption.decision.outcome == Decision.Outcome.APPROVED
    assert exemption.decision.present.count() == 3
    assert EXEMPTION_REASON in verdict_rows(lpage)[birth_rule.label][1][3]
    leader.shot("exempted")

    # Now the party committee finds him qualified, the exemption noted on his page.
    party.goto(f"{review}{li_c.pk}/")
    outcome, cells = verdict_rows(ppage)[birth_rule.label]
    assert outcome == "fail" and EXEMPTION_REASON in cells[3]
    ppage.locator("main form input[name^=met_]").check()
    ppage.check("main form input[name=result][value=qualified]")
    party.shot("review-li")
    submit(ppage, "main form[method=post]")
    assert party.path() == review, flashes(ppage, "error")
    li_c.refresh_from_db()
    assert li_c.result == Candidacy.Result.QUALIFIED
    party.shot("reviewed")

    # 6. The review sheet: one row per candidate, the verdicts and the exemption on it.
    with ppage.expect_download() as download_info:
        ppage.click(f"main a[href='{review}sheet.xlsx']")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(download.path().read_bytes()))["资格审查表"]
    assert sheet["A1"].value == f"{NEW_TITLE}资格审查表"
    header = [c.value for c in sheet[2]]
    col = {name: header.index(name) for name in ("姓名", "竞聘岗位", birth_rule.label, "审查结论")}
    by_name = {
        row[col["姓名"]]: row
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if row[col["姓名"]] in ("张老师", "李老师")
    }
    assert set(by_name) == {"张老师", "李老师"}
    zhang_row, li_row = by_name["张老师"], by_name["李老师"]
    assert zhang_row[col["竞聘岗位"]] == DEPUTY and li_row[col["竞聘岗位"]] == OFFICER
    assert zhang_row[col["审查结论"]] == li_row[col["审查结论"]] == "合格"
    assert zhang_row[col[birth_rule.label]].startswith("✓ 出生于1988年5月1日")
    li_birth = li_row[col[birth_rule.label]]
    assert li_birth.startswith("✗ 出生于1979年6月1日")
    assert "已放宽" in li_birth and EXEMPTION_REASON in li_birth

    # 7. The leading group confirms the list of candidates.
    leader.goto(review)
    with lpage.expect_navigation():
        lpage.click(f"main a[href='{review}confirm/']")
    qualified = lpage.locator("main article ul li").all_inner_texts()
    assert any("张老师" in q and DEPUTY in q for q in qualified), qualified
    assert any("李老师" in q and OFFICER in q for q in qualified), qualified
    fill_decision(lpage, members, votes_for=4)
    leader.shot("confirm")
    submit(lpage, "main form[method=post]")
    assert leader.path() == review, lpage.inner_text("main")
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.REVIEW_DONE
    assert campaign.candidate_decision.kind == "candidate_list"
    leader.shot("review-done")

    # 张老师 sees his result on his phone.
    teacher.goto(f"{detail}application/")
    result = tpage.locator("main p.flash.flash-success")
    assert DEPUTY in result.inner_text()
    fits(teacher)
    teacher.shot("result")
