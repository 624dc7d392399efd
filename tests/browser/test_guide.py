"""The user guide's screenshots (docs/guide/), taken while each role walks its tasks on the demo.

Every picture of docs/guide/img/ is made here, in Chinese, on the data of `cadre demo`; each
test asserts what its users rely on (the page's figures, a receipt for a cast ballot, a Chinese
message for bad input and nothing stored), so a change that breaks the guide breaks the test.
Regenerate the pictures with:

    CADRE_DATA_DIR=$(mktemp -d) .venv/bin/pytest tests/browser/test_guide.py

Where a role needs something the demo leaves finished (an open evaluation with fresh codes, an
expert's link that still takes scores), it is made through the product's own services: three
teachers apply to the 2026 plan and the party branch's review is completed, as the demo does
for 2025.
"""

import io
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from cadre.appointments.models import Objection
from cadre.ballots import services as ballots
from cadre.ballots.models import Ballot, Evaluation, VotingCode
from cadre.campaigns.eligibility import who_could_apply
from cadre.campaigns.models import Application, Campaign
from cadre.demo.builders import build_demo
from cadre.demo.campaign import apply_on
from cadre.demo.evaluation import complete_review
from cadre.orgs import services as org_services
from cadre.orgs.models import Membership, Organisation
from cadre.panels import services as panels
from cadre.panels.models import Panel, ScoreSheet
from cadre.people.models import Person
from cadre.reserve.models import Activity, Assessment, ReserveCadre

pytestmark = pytest.mark.browser

IMG = Path(__file__).resolve().parents[2] / "docs" / "guide" / "img"
PASSWORD = "cadre-demo"
ZH = "zh-CN"
CZ = "/o/czfz"
NT = "/o/ntyz"
PLAN_2025 = "2025年中层干部聘任工作方案"
PLAN_2026 = "2026年中层干部聘任工作方案"
MIDYEAR = "后勤服务中心副主任补充聘任工作方案"
DEFENCE_POST = "后勤服务中心副主任"
TRACKER = re.compile(r"^[A-Z2-9]{5}-[A-Z2-9]{5}$")
CODE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")


# ---------------------------------------------------------------- helpers


def guide_shot(page: Page, name: str, full_page: bool = False) -> Path:
    """Save the picture `docs/guide/img/<name>.png` of what the window shows."""
    IMG.mkdir(parents=True, exist_ok=True)
    target = IMG / f"{name}.png"
    page.wait_for_timeout(250)  # let transitions settle
    page.screenshot(path=target, full_page=full_page)
    return target


def click(page: Page, selector: str) -> None:
    """Click a link or button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def submit(page: Page, selector: str):
    with page.expect_navigation() as navigation:
        page.locator(selector).first.click()
    return navigation.value


def skip_browser_checks(page: Page) -> None:
    """Drop the forms' `required`, so that the server's own message for a missing answer is
    what the user sees (the browser would otherwise stop the form first)."""
    page.evaluate(
        "() => document.querySelectorAll('main form [required]')"
        ".forEach(e => e.removeAttribute('required'))"
    )


def flashes(page: Page, kind: str) -> list[str]:
    return page.locator(f"main p.flash.flash-{kind}").all_inner_texts()


def errors(page: Page) -> str:
    return "\n".join(
        page.locator("main .errorlist, main ul.error, main .flash-error").all_inner_texts()
    )


def has_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


def login(visit, username: str) -> None:
    visit.goto("/")
    visit.login(username, PASSWORD)


@pytest.fixture
def demo(transactional_db):
    """The demo as `cadre demo` builds it, on the day the product counts in."""
    build_demo(today=timezone.localdate())


def defence_ready() -> Campaign:
    """The 2026 plan after registration and the party branch's review: three teachers who
    meet every condition stood for 后勤服务中心副主任 and qualified."""
    campaign = Campaign.objects.get(title=PLAN_2026)
    applied = set(campaign.applications.values_list("person_id", flat=True))
    post = campaign.positions.get(title=DEFENCE_POST)
    prospects = [
        p
        for p in who_could_apply(campaign)[post]
        if p.person_id not in applied and "主任" not in p.current_post
    ][:3]
    # The window moves a week into the past: the review takes the four days after it closes,
    # and a decision is recorded only once its meeting has sat.
    deadline = timezone.now() - timedelta(days=5)
    Campaign.objects.filter(pk=campaign.pk).update(
        registration_opens=deadline - timedelta(days=7), registration_deadline=deadline
    )
    campaign.refresh_from_db()
    for hours, prospect in enumerate(prospects, start=1):
        person = Person.objects.get(pk=prospect.person_id)
        apply_on(campaign, person, [post], deadline - timedelta(hours=hours))
    complete_review(campaign, closed=deadline + timedelta(hours=1))
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.REVIEW_DONE
    assert len(ballots.campaign_candidates(campaign)) == 3
    return campaign


def roster_workbook(template: bytes, *, birth_date: str) -> bytes:
    """The downloaded template with one new teacher typed in, as an office does."""
    wb = load_workbook(io.BytesIO(template))
    wb["教职工"].append(
        [
            "CZ0201",
            "周晓明",
            "男",
            birth_date,
            "汉族",
            "江苏常州",
            "中共党员",
            "2012-07-01",
            "2010-09-01",
            "大学本科",
            "学士",
            "南京师范大学",
            "数学与应用数学",
            "一级教师",
            "七年级组",
            "教师",
            "数学",
            "13812345678",
            "在职",
        ]
    )
    wb["任职经历"].append(["CZ0201", "班主任", "七年级组", "2018-09-01", None])
    wb["年度考核"].append(["CZ0201", 2025, "优秀"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- 1. the office


def test_office(open_browser, demo):
    admin = open_browser("desktop", locale=ZH)
    page = admin.page
    dialogs = admin.accept_dialogs()
    login(admin, "cz-admin")
    assert admin.path() == f"{CZ}/"
    main = page.locator("main")
    expect(main).to_contain_text("常州市教科院附属初级中学")
    expect(main).to_contain_text(f"2026年{MIDYEAR}")
    expect(main).to_contain_text("党组织：1件反映问题待办结。")
    expect(page.locator("nav.subnav")).to_contain_text("导入/导出")
    guide_shot(page, "office-01-overview")

    # The roster: a workbook with a wrong date is refused cell by cell; nothing is imported.
    staff = Person.objects.filter(organisation__code="czfz").count()
    click(page, f"nav.subnav a[href='{CZ}/people/import/']")
    with page.expect_download() as download:
        page.click(f"main a[href='{CZ}/people/template.xlsx']")
    template = download.value.path().read_bytes()
    admin.upload_roster(roster_workbook(template, birth_date="1985-13-45"), "名册-有错.xlsx")
    problems = page.locator("#import-result section.import-errors")
    expect(problems).to_contain_text("出生日期")
    expect(problems).to_contain_text("1985-13-45")
    assert page.locator("#import-result section.import-preview").count() == 0
    assert Person.objects.filter(organisation__code="czfz").count() == staff
    guide_shot(page, "office-02-import-errors")

    # The corrected workbook shows what will change, and is applied on confirmation.
    click(page, f"nav.subnav a[href='{CZ}/people/import/']")
    admin.upload_roster(roster_workbook(template, birth_date="1990-03-12"), "名册.xlsx")
    preview = page.locator("#import-result section.import-preview")
    expect(preview).to_contain_text("周晓明")
    added = preview.locator(".stats article strong").first.inner_text()
    assert added == "1"
    assert not Person.objects.filter(staff_no="CZ0201").exists()
    guide_shot(page, "office-03-import-preview")
    with page.expect_navigation():
        preview.locator("form[action$='/confirm/'] button[type=submit]").click()
    page.wait_for_function(
        "() => document.querySelector('#import-result').dataset.status === 'applied'"
    )
    assert Person.objects.get(staff_no="CZ0201").name == "周晓明"

    # The 2026 plan, open for registration: applications per position.
    plan = Campaign.objects.get(title=PLAN_2026)
    detail = f"{CZ}/campaigns/{plan.pk}/"
    click(page, f"nav.subnav a[href='{CZ}/campaigns/']")
    click(page, f"main a[href='{detail}']")
    expect(main).to_contain_text("已公布，报名中")
    expect(main).to_contain_text("各岗位报名情况")
    guide_shot(page, "office-04-campaign")

    # Last year's review: each verdict with its reason in figures.
    last = Campaign.objects.get(title=PLAN_2025)
    admin.goto(f"{CZ}/campaigns/{last.pk}/review/")
    expect(main).to_contain_text("出生于1979年12月31日，早于1980年1月1日")
    expect(main).to_contain_text("合计2年10个月，不足3年")
    guide_shot(page, "office-05-review")

    # The democratic evaluation of the 2026 plan, once its candidates are confirmed.
    campaign = defence_ready()
    candidates = [p for p, _ in ballots.campaign_candidates(campaign)]
    click(page, f"nav.subnav a[href='{CZ}/ballots/']")
    click(page, f"main a[href='{CZ}/ballots/new/?campaign={campaign.pk}']")
    assert page.input_value("main form input[name=title]") == f"{PLAN_2026}民主测评"
    expect(main).to_contain_text(candidates[0].name)
    guide_shot(page, "office-06-evaluation-new")
    submit(page, "main form button[type=submit]")
    evaluation = Evaluation.objects.get(campaign=campaign)
    ev = f"{CZ}/ballots/{evaluation.pk}/"
    assert admin.path() == ev
    assert evaluation.candidates.count() == 3

    # Codes: the slips open in a new tab, each with its code and QR code.
    page.fill(f"main form[action='{ev}codes/'] input[name=count]", "12")
    with page.context.expect_page() as new_tab:
        page.click(f"main form[action='{ev}codes/'] button[type=submit]")
    slips = new_tab.value
    slips.wait_for_load_state()
    codes = [c.strip() for c in slips.locator(".slip .slip-code").all_inner_texts()]
    assert len(set(codes)) == 12 and all(CODE.match(c) for c in codes)
    assert VotingCode.objects.filter(evaluation=evaluation).count() == 12
    guide_shot(slips, "office-07-slips")
    slips.close()

    # Open voting; check people in as they arrive.
    admin.goto(ev)
    submit(page, f"main form[action='{ev}step/open/'] button[type=submit]")
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.OPEN
    click(page, f"main a[href='{ev}check-in/']")
    arrived = list(Person.objects.filter(organisation__code="czfz").order_by("staff_no")[:3])
    for person in arrived:
        row = page.locator(f"main tr#checkin-{person.pk}")
        row.locator("button[type=submit]").click()
        expect(row.locator("input[name=present]")).to_have_value("0")
    assert evaluation.check_ins.count() == 3
    guide_shot(page, "office-08-check-in")
    # Two people vote on their phones meanwhile (see the voter's chapter).
    keys = [c.key for c in evaluation.candidates.order_by("order")]
    for code in codes[:2]:
        ballots.ballot_cast(
            evaluation=evaluation, code=code, marks=dict.fromkeys(keys, "satisfied")
        )

    # The meeting screen on the projector: the speaker's countdown and the turnout.
    projector = open_browser("desktop", locale=ZH)
    screen = projector.page
    screen.set_viewport_size({"width": 1280, "height": 720})
    projector.goto(f"{ev}screen/")
    projector.login("cz-admin", PASSWORD)
    assert projector.path() == f"{ev}screen/"
    submit(screen, "form[action$='/speaker/'] button[name=index][value='0']")
    expect(screen.locator(".speaker .speaker-name")).to_have_text(candidates[0].name)
    expect(screen.locator("[data-used]")).to_have_text("2")
    expect(screen.locator("[data-checked-in]")).to_have_text("3")
    guide_shot(screen, "office-09-screen")

    # Closing, after a confirmation: the results and the bulletin board's fingerprint.
    admin.goto(ev)
    submit(page, f"main form[action='{ev}step/close/'] button[type=submit]")
    assert len(dialogs) == 1 and has_chinese(dialogs[0])
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.CLOSED
    assert re.fullmatch(r"[0-9a-f]{64}", evaluation.board_sha256)
    assert page.locator("main table.results tbody tr").count() == 3
    expect(main).to_contain_text(evaluation.board_sha256)
    guide_shot(page, "office-10-evaluation-closed")

    # The oral defence: the panel with the default weights, and an expert's personal link.
    panel_home = f"{CZ}/campaigns/{campaign.pk}/panel/"
    admin.goto(f"{CZ}/campaigns/{campaign.pk}/")
    click(page, f"main a[href='{panel_home}']")
    assert page.input_value("main form input[name=evaluation_weight]") == "0.40"
    submit(page, "main form:has(input[name=evaluation_weight]) button[type=submit]")
    panel = Panel.objects.get(campaign=campaign)
    expert_form = f"main form[action='{panel_home}experts/']"
    page.fill(f"{expert_form} input[name=name]", "周文华")
    page.fill(f"{expert_form} input[name=affiliation]", "常州市教育科学研究院")
    page.fill(f"{expert_form} input[name=title]", "正高级教师")
    with page.context.expect_page() as new_tab:
        page.click(f"{expert_form} button[type=submit]")
    link_page = new_tab.value
    link_page.wait_for_load_state()
    link = link_page.locator("main code[data-expert-link]").inner_text().strip()
    assert re.match(r"^https?://[^/]+/e/[A-Za-z0-9_-]{16,}/$", link), link
    assert link_page.locator("main .slip-qr svg").count() == 1
    guide_shot(link_page, "office-11-expert-link")
    link_page.close()
    admin.goto(panel_home)
    assert panel.experts.count() == 1
    heads = [h.strip() for h in page.locator("main table.completion thead th").all_inner_texts()]
    assert heads[1:] == [p.name for p in candidates]
    guide_shot(page, "office-12-panel")

    # The mid-year campaign on notice: the approval waits for the party committee.
    midyear = Campaign.objects.get(title__endswith=MIDYEAR)
    admin.goto(f"{CZ}/campaigns/{midyear.pk}/appointment/")
    expect(main).to_contain_text("有1件反映问题尚未由党组织办结。")
    expect(main).to_contain_text("公示5个工作日")
    guide_shot(page, "office-13-appointment")

    # Last year's campaign, carried through to the appointment.
    admin.goto(f"{CZ}/campaigns/{last.pk}/appointment/")
    expect(main).to_contain_text("已聘任")
    guide_shot(page, "office-14-appointed")

    # The audit trail: every step above is on it, the newest first.
    click(page, f"nav.subnav a[href='{CZ}/audit/']")
    # Each action in words; its code is kept in the cell's title.
    expect(page.locator("main td[title='evaluation.close']").first).to_have_text("结束投票并计票")
    expect(page.locator("main td[title='roster.import']").first).to_have_text("导入教职工名册")
    guide_shot(page, "office-15-audit")

    # The reserve pipeline of 南通一中, by its office.
    office = open_browser("desktop", locale=ZH)
    npage = office.page
    nmain = npage.locator("main")
    login(office, "nt-admin")
    click(npage, f"nav.subnav a[href='{NT}/reserve/']")
    cadre = ReserveCadre.objects.get(person__name="陈娟")
    programme = cadre.programme
    home = f"{NT}/reserve/{programme.pk}/"
    click(npage, f"main a[href='{home}']")
    expect(nmain).to_contain_text("确定的后备干部")
    expect(nmain).to_contain_text("目标3名，确定3名")
    guide_shot(npage, "office-16-reserve-programme")
    click(npage, f"main a[href='{home}recommendations/']")
    expect(nmain.locator("table").first).to_be_visible()
    guide_shot(npage, "office-17-recommendations")
    office.goto(home)
    click(npage, f"main a[href='{home}cadres/']")
    expect(nmain).to_contain_text("已取消培养资格")
    expect(nmain).to_contain_text("从推荐排名中择优")
    guide_shot(npage, "office-18-cadres")
    click(npage, f"main a[href='{home}pipeline/']")
    expect(nmain).to_contain_text("12 / 12")
    expect(nmain).to_contain_text("培养措施落实情况")
    guide_shot(npage, "office-19-pipeline")
    dossier = f"{home}cadres/{cadre.pk}/"
    office.goto(dossier)
    expect(nmain).to_contain_text("培养档案")
    expect(nmain).to_contain_text("结对导师: 殷健")
    with npage.expect_download() as download:
        npage.click(f"main a[href='{dossier}dossier.docx']")
    assert download.value.path().read_bytes()[:2] == b"PK"
    guide_shot(npage, "office-20-dossier")


# ---------------------------------------------------------------- 2. leaders and committee


def test_leaders_and_party_committee(open_browser, demo):
    last = Campaign.objects.get(title=PLAN_2025)

    # A member of the leading group reads the review and the ranking with its decision.
    leader = open_browser("desktop", locale=ZH)
    lpage = leader.page
    lmain = lpage.locator("main")
    login(leader, "cz-leader")
    expect(lpage.locator("nav.subnav")).not_to_contain_text("导入/导出")
    leader.goto(f"{CZ}/campaigns/{last.pk}/review/")
    expect(lmain).to_contain_text("资格审查")
    expect(lmain).to_contain_text("最高学历为大学专科，低于大学本科")
    guide_shot(lpage, "leaders-01-review")
    leader.goto(f"{CZ}/campaigns/{last.pk}/panel/ranking/")
    expect(lmain).to_contain_text("领导小组已于 2025-07-01 集体研究确定考察对象。")
    expect(lmain).to_contain_text("未达到满意度要求")
    guide_shot(lpage, "leaders-02-ranking")

    # The party committee concludes the concern on the mid-year notice.
    midyear = Campaign.objects.get(title__endswith=MIDYEAR)
    hub = f"{CZ}/campaigns/{midyear.pk}/appointment/"
    objection = Objection.objects.get(notice__campaign=midyear)
    assert objection.status != Objection.Status.CONCLUDED
    party = open_browser("desktop", locale=ZH)
    ppage = party.page
    pmain = ppage.locator("main")
    login(party, "cz-party")
    party.goto(hub)
    click(ppage, f"main a[href='{hub}concerns/{objection.pk}/']")
    expect(pmain).to_contain_text("校服征订")
    # Concluding with nothing written is refused, in Chinese, and changes nothing.
    skip_browser_checks(ppage)
    submit(ppage, "main form button[type=submit]")
    assert party.path() == f"{hub}concerns/{objection.pk}/"
    assert has_chinese(errors(ppage)), errors(ppage)
    objection.refresh_from_db()
    assert objection.status != Objection.Status.CONCLUDED
    guide_shot(ppage, "leaders-03-concern-refused")
    ppage.fill(
        "main form textarea[name=handling]",
        "查阅校服征订的招标和合同材料，与总务处及两名家委会成员谈话核实。",
    )
    ppage.select_option("main form select[name=finding]", label="不属实")
    ppage.fill(
        "main form textarea[name=conclusion]", "校服征订按规定程序公开招标，所反映问题不属实。"
    )
    submit(ppage, "main form button[type=submit]")
    assert party.path() == hub, errors(ppage)
    objection.refresh_from_db()
    assert objection.status == Objection.Status.CONCLUDED
    assert objection.finding == Objection.Finding.UNFOUNDED
    expect(pmain).not_to_contain_text("尚未由党组织办结")
    guide_shot(ppage, "leaders-04-concern-concluded")

    # 南通一中's committee enters the leading group's yearly assessment of a reserve cadre.
    committee = open_browser("desktop", locale=ZH)
    npage = committee.page
    login(committee, "nt-party")
    cadre = ReserveCadre.objects.get(person__name="蒋欢")
    page_url = f"{NT}/reserve/{cadre.programme_id}/assessments/"
    committee.goto(page_url)
    form = "main form[method=post]"
    npage.select_option(f"{form} select[name=grade_{cadre.pk}]", label="优秀")
    present = npage.locator(f"{form} input[name=present]")
    for i in range(4):
        present.nth(i).check()
    npage.fill(f"{form} input[name=votes_for]", "4")
    before = Assessment.objects.filter(cadre=cadre).count()
    submit(npage, f"{form} button[type=submit]")
    assert committee.path() == page_url
    assert has_chinese(errors(npage)), errors(npage)
    assert Assessment.objects.filter(cadre=cadre).count() == before
    guide_shot(npage, "leaders-05-assessment-refused")
    npage.fill(
        f"{form} textarea[name=comments_{cadre.pk}]",
        "增补以来主动参与年级管理，与导师交流认真，理论学习按时完成。",
    )
    submit(npage, f"{form} button[type=submit]")
    assert not errors(npage), errors(npage)
    assert Assessment.objects.filter(cadre=cadre).count() == before + 1
    assert flashes(npage, "success")
    guide_shot(npage, "leaders-06-assessment-recorded")


# ---------------------------------------------------------------- 3. a teacher


def test_teacher(open_browser, demo):
    plan = Campaign.objects.get(title=PLAN_2026)
    detail = f"{CZ}/campaigns/{plan.pk}/"

    # 蒋文 applies to the 2026 plan on her phone.
    teacher = open_browser("phone", locale=ZH)
    tpage = teacher.page
    tmain = tpage.locator("main")
    login(teacher, "cz-teacher")
    click(tpage, f"nav.subnav a[href='{CZ}/campaigns/']")
    click(tpage, f"main a[href='{detail}']")
    expect(tmain).to_contain_text("已公布，报名中")
    guide_shot(tpage, "teacher-01-campaign")
    click(tpage, f"main a[href='{detail}application/']")
    expect(tpage.locator("main dl.fields")).to_contain_text("蒋文")
    # Submitting without choosing a post or signing the pledge is refused.
    skip_browser_checks(tpage)
    submit(tpage, "main form[enctype='multipart/form-data'] button[name=submit]")
    assert has_chinese(errors(tpage)), errors(tpage)
    me = Person.objects.get(user__username="cz-teacher")
    assert not Application.objects.filter(
        campaign=plan, person=me, status=Application.Status.SUBMITTED
    ).exists()
    tpage.locator("main .errorlist").first.scroll_into_view_if_needed()
    guide_shot(tpage, "teacher-02-application-refused")
    officer = plan.positions.get(title="课程教学中心干事")
    tpage.select_option("select[name=first_choice]", str(officer.pk))
    tpage.fill("textarea[name=strengths]", "担任班主任两年、年级组长两年，熟悉年级和教学常规管理。")
    tpage.fill("textarea[name=work_plan]", "协助做好排课、考务和教学常规检查，完善教学资料归档。")
    tpage.check("input[name=pledge]")
    submit(tpage, "main form[enctype='multipart/form-data'] button[name=submit]")
    assert teacher.path() == f"{detail}application/", errors(tpage)
    mine = Application.objects.get(campaign=plan, person=me)
    assert mine.status == Application.Status.SUBMITTED
    assert [c.position for c in mine.candidacies.all()] == [officer]
    assert flashes(tpage, "success")
    guide_shot(tpage, "teacher-03-application-submitted")

    # 陈娟, a mid-term reserve cadre, gets an account from the office and opens her dossier.
    nt = Organisation.objects.get(code="ntyz")
    cadre = ReserveCadre.objects.get(person__name="陈娟")
    org_services.account_create(
        actor="test",
        organisation=nt,
        username="nt-chenjuan",
        full_name="陈娟",
        password=PASSWORD,
        roles=[Membership.Role.STAFF],
        person=cadre.person,
    )
    reserve = f"{NT}/reserve/"
    dossier = f"{reserve}{cadre.programme_id}/cadres/{cadre.pk}/"
    own = open_browser("phone", locale=ZH)
    cpage = own.page
    cmain = cpage.locator("main")
    login(own, "nt-chenjuan")
    click(cpage, f"nav.subnav a[href='{reserve}']")
    click(cpage, "main #to-mine")
    expect(cpage.locator("main #own article")).to_contain_text("第二批“三四五”后备干部培养计划")
    guide_shot(cpage, "teacher-04-mine")
    click(cpage, f"main #own a[href='{dossier}']")
    expect(cmain).to_contain_text("培养档案")
    expect(cmain).to_contain_text("殷健")
    guide_shot(cpage, "teacher-05-dossier")

    # She records a study session, forgetting the hours first.
    studies = Activity.objects.filter(cadre=cadre).count()
    click(cpage, f"main #dossier-actions a[href='{dossier}record/study/']")
    form = "main form[method=post]"
    topic = "学习《中小学校党组织领导的校长负责制实施办法》"
    cpage.fill(f"{form} input[name=topic]", topic)
    cpage.fill(f"{form} textarea[name=notes]", "党委组织集中学习，分组讨论学校议事决策规则。")
    skip_browser_checks(cpage)
    submit(cpage, f"{form} button[type=submit]")
    assert own.path() == f"{dossier}record/study/"
    expect(cpage.locator(f"{form} .errorlist")).to_have_text("这个字段是必填项。")
    expect(cpage.locator(f"{form} input[name=topic]")).to_have_value(topic)
    assert Activity.objects.filter(cadre=cadre).count() == studies
    guide_shot(cpage, "teacher-06-study-refused")
    cpage.fill(f"{form} input[name=hours]", "2.5")
    submit(cpage, f"{form} button[type=submit]")
    assert own.path() == dossier, errors(cpage)
    assert Activity.objects.filter(cadre=cadre).count() == studies + 1
    row = cpage.locator("main #study tbody tr").filter(has_text=topic)
    expect(row).to_have_count(1)
    row.scroll_into_view_if_needed()
    guide_shot(cpage, "teacher-07-study-recorded")

    # Her mentor 殷健 finds her among the cadres he mentors.
    mentor = open_browser("phone", locale=ZH)
    mpage = mentor.page
    login(mentor, "nt-mentor")
    click(mpage, f"nav.subnav a[href='{reserve}']")
    click(mpage, "main #to-mine")
    expect(mpage.locator("main #mentees")).to_contain_text("陈娟")
    expect(mpage.locator("main #own article")).to_have_count(0)
    guide_shot(mpage, "teacher-08-mentor")


# ---------------------------------------------------------------- 4. a voter


def test_voter(open_browser, demo):
    campaign = defence_ready()
    evaluation = ballots.evaluation_create(
        actor="test",
        evaluation=Evaluation(
            organisation=campaign.organisation,
            campaign=campaign,
            title=f"{PLAN_2026}民主测评",
            entitled=150,
        ),
        candidates=ballots.campaign_candidates(campaign),
    )
    codes = ballots.codes_issue(actor="test", evaluation=evaluation, count=5)
    ballots.evaluation_open(actor="test", evaluation=evaluation)
    for person in Person.objects.filter(organisation=campaign.organisation).order_by("staff_no")[
        :3
    ]:
        ballots.check_in(actor="test", evaluation=evaluation, person=person)
    candidates = list(evaluation.candidates.order_by("order"))
    marks = ("satisfied", "basic", "satisfied")
    ballot_path = f"/v/{evaluation.public_id}/"
    board_path = f"{ballot_path}board/"

    voter = open_browser("phone", locale=ZH)
    page = voter.page
    # The QR code on the slip holds the ballot's address with the code after '#'.
    assert page.goto(voter.url(f"{ballot_path}#code={codes[0]}")).status == 200
    assert page.input_value("form.ballot input[name=code]") == codes[0]
    assert page.locator("form.ballot fieldset.candidate").count() == 3
    for candidate, mark in zip(candidates, marks, strict=True):
        page.check(f"form.ballot input[name='c{candidate.pk}'][value='{mark}']")
    guide_shot(page, "voter-01-ballot")

    # A mistyped code: refused in Chinese, nothing stored.
    page.fill("form.ballot input[name=code]", "ABCD-EFGH-JKMN")
    submit(page, "form.ballot button[name=step][value=review]")
    response = submit(page, "main form button[name=step][value=cast]")
    assert response.status == 400
    assert has_chinese(page.locator("main .flash-error").inner_text())
    assert Ballot.objects.filter(evaluation=evaluation).count() == 0
    guide_shot(page, "voter-02-wrong-code")

    # The right code: a confirmation page, then the receipt with the tracker.
    page.goto("about:blank")
    page.goto(voter.url(f"{ballot_path}#code={codes[0]}"))
    assert page.input_value("form.ballot input[name=code]") == codes[0]
    for candidate, mark in zip(candidates, marks, strict=True):
        page.check(f"form.ballot input[name='c{candidate.pk}'][value='{mark}']")
    submit(page, "form.ballot button[name=step][value=review]")
    assert page.locator("main tbody tr").count() == 3
    assert Ballot.objects.filter(evaluation=evaluation).count() == 0
    guide_shot(page, "voter-03-confirm")
    response = submit(page, "main form button[name=step][value=cast]")
    assert response.status == 200, errors(page)
    tracker = page.locator("[data-tracker]").inner_text().strip()
    assert TRACKER.match(tracker), tracker
    assert Ballot.objects.filter(evaluation=evaluation).count() == 1
    assert page.context.cookies() == []
    guide_shot(page, "voter-04-receipt")

    # After the meeting the office closes voting; he finds his tracker on the board.
    ballots.evaluation_close(actor="test", evaluation=evaluation)
    click(page, f"main a[href='{board_path}']")
    page.fill("main input[name=tracker]", tracker)
    submit(page, "main form.actions button[type=submit]")
    assert page.locator("main [data-found]").get_attribute("data-found") == "yes"
    evaluation.refresh_from_db()
    expect(page.locator("main")).to_contain_text(evaluation.board_sha256)
    guide_shot(page, "voter-05-board")


# ---------------------------------------------------------------- 5. an expert


def test_expert(open_browser, demo):
    campaign = defence_ready()
    admin = get_user_model().objects.get(username="cz-admin")
    panel = panels.panel_create(actor=admin, campaign=campaign)
    expert, token = panels.expert_add(
        actor=admin, panel=panel, name="陈建国", affiliation="常州市天宁区教师发展中心"
    )
    panels.panel_open(actor=admin, panel=panel)
    people = [p for p, _ in panels.candidates(panel)]
    link = f"/e/{token}/"

    tablet = open_browser("tablet", locale=ZH)
    page = tablet.page
    dialogs = tablet.accept_dialogs()
    assert page.goto(tablet.url(link)).status == 200
    rows = page.locator("main tr[data-person]")
    assert [int(r.get_attribute("data-person")) for r in rows.all()] == [p.pk for p in people]
    expect(page.locator("header").first).to_contain_text("陈建国")
    guide_shot(page, "expert-01-home")

    # He once worked with the first candidate: he stands aside, after confirming.
    first = people[0]
    submit(page, f"main tr[data-person='{first.pk}'] form[action$='/conflict/'] button")
    assert len(dialogs) == 1 and has_chinese(dialogs[0])
    assert list(expert.conflicts.all()) == [first]
    assert page.locator(f"main tr[data-person='{first.pk}'] a").count() == 0
    guide_shot(page, "expert-02-conflict")

    # The score sheet: the total follows the points; unsigned, it is not submitted.
    second = people[1]
    click(page, f"main tr[data-person='{second.pk}'] a[href$='/{second.pk}/']")
    points = {"political": "22", "organising": "20.5", "managing": "21", "coordinating": "19.5"}
    for name, value in points.items():
        page.fill(f"form.score-sheet input[name={name}]", value)
    expect(page.locator("form.score-sheet [data-total]")).to_have_text("83")
    guide_shot(page, "expert-03-sheet")
    submit(page, "form.score-sheet button[name=action][value=submit]")
    assert has_chinese(page.locator("main ul.errorlist").first.inner_text())
    assert not ScoreSheet.objects.filter(expert=expert, status=ScoreSheet.Status.SUBMITTED).exists()
    expect(page.locator("form.score-sheet [data-total]")).to_have_text("83")
    guide_shot(page, "expert-04-unsigned")
    page.fill("form.score-sheet input[name=signature]", "陈建国")
    submit(page, "form.score-sheet button[name=action][value=submit]")
    assert tablet.path() == link
    sheet = ScoreSheet.objects.get(expert=expert, person=second)
    assert sheet.status == ScoreSheet.Status.SUBMITTED and str(sheet.total) in ("83", "83.0")
    expect(page.locator(f"main tr[data-person='{second.pk}'] .badge-ok")).to_contain_text("83")
    guide_shot(page, "expert-05-scored")


# ---------------------------------------------------------------- 6. the district


def test_district(open_browser, demo):
    visit = open_browser("desktop", locale=ZH)
    page = visit.page
    main = page.locator("main")
    login(visit, "district")
    expect(main).to_contain_text("我的单位")
    expect(main).to_contain_text("江苏省南通第一中学")
    guide_shot(page, "district-01-home")
    bureau = Organisation.objects.get(kind="district", is_demo=True)
    click(page, f"main a[href='/o/{bureau.code}/']")
    expect(main).to_contain_text("竞聘工作")
    expect(main).to_contain_text(f"2026年{MIDYEAR}")
    expect(main).to_contain_text("“三” 3/3 · “四” 4/4 · “五” 5/5")
    guide_shot(page, "district-02-overview")
    midyear = Campaign.objects.get(title__endswith=MIDYEAR)
    hub = f"{CZ}/campaigns/{midyear.pk}/appointment/"
    click(page, f"main a[href='{CZ}/campaigns/{midyear.pk}/']")
    visit.goto(hub)
    expect(main).to_contain_text("有1件反映问题尚未由党组织办结。")
    assert page.locator(f"main a[href='{hub}concerns/new/']").count() == 0
    guide_shot(page, "district-03-campaign")
    response = visit.goto(f"{CZ}/people/import/")
    assert response.status == 403
    expect(main).to_contain_text("无权访问")
    guide_shot(page, "district-04-forbidden")
