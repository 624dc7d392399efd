"""A reserve-cadre programme (后备干部“三四五”梯队建设) from the office's new plan to the
published result, in Debian's Chromium, as its users meet it.

The school admin creates the programme with its three default tiers, adds a stage to the
timetable, names the leading group and the party committee and publishes the plan; 张老师
recommends himself on his phone; the office enters the recommendations received on paper and
is stopped from entering one twice; the office closes the recommendation, fills in the
comprehensive evaluation sheets and submits the preliminary list; the party committee's
decision is recorded (by the office, for the committee); the office publishes the result,
which anyone can read on the public page.

Elements are found by URLs, ids, names and form actions, never by their (translated) labels;
the assertions are about data, and status badges are compared with the translated labels.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from cadre.reserve.models import Programme, Recommendation, ReserveCadre, Sheet
from tests.reserve import conftest as reserve_fixtures

pytestmark = pytest.mark.browser
# The fixtures only, not the reserve tests' autouse `english`: the browser meets the UI in
# Chinese.
staff = reserve_fixtures.staff
draft = reserve_fixtures.draft
published = reserve_fixtures.published

SCHOOL = "/o/school-a"
RESERVE = f"{SCHOOL}/reserve/"
TITLE = "2026年“三四五”后备干部培养计划"
COMMITTEE = ["C01", "C02", "C03", "C04"]
REASON_SELF = "担任班主任七年，所带班级连续获评优秀班集体，愿意为学校管理多出力。"
Status = Programme.Status


def zh(label) -> str:
    """A model's label as the Chinese UI shows it (the English while untranslated)."""
    with translation.override("zh-hans"):
        return str(label)


def flashes(page: Page, kind: str) -> list[str]:
    return page.locator(f"main p.flash.flash-{kind}").all_inner_texts()


def errors(page: Page) -> str:
    """What the page says went wrong, for an assertion's message."""
    return "\n".join(
        page.locator("main .errorlist, main ul.error, main .flash-error").all_inner_texts()
    )


def click(page: Page, selector: str) -> None:
    """Click a link or a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(selector).first.click()


def submit(page: Page, form: str = "main form[method=post]") -> None:
    with page.expect_navigation():
        page.locator(form).locator("button[type=submit]").first.click()


def fits(visit) -> None:
    overflow = visit.horizontal_overflow()
    assert overflow <= 2, f"{visit.path()} is {overflow}px wider than the window"


def badge(page: Page) -> str:
    return page.locator("main hgroup #status").inner_text().strip()


def count_row(page: Page, code: str, name: str):
    return page.locator(f"main section.tier-counts[data-tier='{code}'] tbody tr").filter(
        has_text=name
    )


def test_a_reserve_programme_from_the_plan_to_the_published_result(open_browser, world, staff):
    today = timezone.localdate()
    closes = today + timedelta(days=7)
    teacher_person = world.person

    # 1. The office creates the programme, sets its timetable and bodies, and publishes it.
    admin = open_browser("desktop")
    page = admin.page
    dialogs = admin.accept_dialogs()
    admin.goto("/")
    admin.login("admin-a")
    click(page, f"nav.subnav a[href='{RESERVE}']")
    assert admin.path() == RESERVE
    expect(page.locator("nav.subnav a[aria-current=page]")).to_have_attribute("href", RESERVE)
    admin.shot("list")
    click(page, f"main a[href='{RESERVE}new/']")
    form = "main form[method=post]"
    expect(page.locator(f"{form} input[name=recommendation_opens]")).to_have_value(
        today.isoformat()
    )
    page.fill(f"{form} input[name=title]", TITLE)
    page.fill(f"{form} textarea[name=guiding_idea]", "坚持党管干部原则，坚持德才兼备、以德为先。")
    page.fill(f"{form} input[name=reference_date]", today.isoformat())
    page.fill(f"{form} input[name=recommendation_opens]", today.isoformat())
    page.fill(f"{form} input[name=recommendation_closes]", closes.isoformat())
    admin.shot("new-form")
    submit(page)
    programme = Programme.objects.get(title=TITLE)
    detail = f"{RESERVE}{programme.pk}/"
    assert admin.path() == detail, errors(page)
    assert flashes(page, "success")
    assert programme.status == Status.DRAFT
    assert badge(page) == zh(Status.DRAFT.label)
    expect(page.locator("main h1")).to_have_text(TITLE)
    tiers = page.locator("main #tiers tbody tr")
    expect(tiers).to_have_count(3)
    for row, (code, name, age) in zip(
        tiers.all(),
        [
            ("三", "近期梯队", "45周岁以下"),
            ("四", "中期梯队", "35周岁左右"),
            ("五", "中长期梯队", "30周岁左右"),
        ],
        strict=True,
    ):
        expect(row.locator("td").first).to_have_text(f"“{code}” {name}")
        expect(row).to_contain_text(age)
    assert [(t.code, t.target) for t in programme.tiers.all()] == [("三", 3), ("四", 4), ("五", 5)]
    expect(page.locator("main #criteria li")).to_have_count(6)
    # Not publishable yet: nobody in the leading group.
    expect(page.locator("main article ul.error li")).to_have_count(1)
    admin.shot("draft")

    # A stage of the timetable, tracked by the recommendation's closing.
    click(page, f"main a[href='{detail}parts/stage/new/']")
    page.fill(f"{form} input[name=name]", "民主推荐")
    page.fill(f"{form} input[name=planned_start]", today.isoformat())
    page.fill(f"{form} input[name=planned_end]", closes.isoformat())
    page.select_option(f"{form} select[name=milestone]", "recommendation")
    admin.shot("stage-form")
    submit(page)
    assert admin.path() == detail, errors(page)
    stage_row = page.locator("main #timeline tbody tr").filter(has_text="民主推荐")
    expect(stage_row).to_have_count(1)
    expect(stage_row.locator("td").first).to_have_text(
        f"{today.month}月{today.day}日—{closes.month}月{closes.day}日"
    )
    assert [(s.name, s.milestone) for s in programme.stages.all()] == [
        ("民主推荐", "recommendation")
    ]

    # The leading group and the party committee: the four school leaders, the secretary first.
    committee_names = [p.name for p in staff["committee"]]
    for body in ("leading-group", "committee"):
        click(page, f"main a[href='{detail}bodies/{body}/']")
        page.fill(f"{form} textarea[name=staff_nos]", "\n".join(COMMITTEE))
        admin.shot(f"{body}-form")
        submit(page)
        assert admin.path() == detail, errors(page)
        card = page.locator("main section.grid article").filter(
            has=page.locator(f"a[href='{detail}bodies/{body}/']")
        )
        assert [li.split("（")[0] for li in card.locator("li").all_inner_texts()] == (
            committee_names
        )
        # The party secretary heads it: no warning.
        expect(card.locator(".flash-warning")).to_have_count(0)
    programme.refresh_from_db()
    assert [m.person.staff_no for m in programme.leading_group.members.all()] == COMMITTEE
    assert [m.person.staff_no for m in programme.committee.members.all()] == COMMITTEE
    expect(page.locator("main article ul.error")).to_have_count(0)
    admin.shot("ready")

    submit(page, f"main form[action='{detail}step/publish/']")
    assert len(dialogs) == 1  # asked to confirm
    programme.refresh_from_db()
    assert programme.status == Status.PUBLISHED, errors(page)
    assert badge(page) == zh(Status.PUBLISHED.label)
    public_path = f"/p/school-a/reserve/{programme.pk}/"
    expect(page.locator(f"main a[href='{public_path}']")).to_have_count(1)
    admin.shot("published")

    # 2. 张老师 finds the plan on his phone and recommends himself for tier 五.
    five = programme.tiers.get(code="五")
    teacher = open_browser("phone")
    tpage = teacher.page
    teacher.goto("/")
    teacher.login("teacher-a")
    click(tpage, f"nav.subnav a[href='{RESERVE}']")
    click(tpage, f"main a[href='{detail}']")
    assert teacher.path() == detail
    assert badge(tpage) == zh(Status.PUBLISHED.label)
    # Staff do not see the counts.
    expect(tpage.locator(f"main a[href='{detail}recommendations/']")).to_have_count(0)
    fits(teacher)
    teacher.shot("programme")
    click(tpage, f"main a[href='{detail}recommend/']")
    # He recommends himself only: no nominee to choose.
    expect(tpage.locator("main form input[name=person]")).to_have_count(0)
    tpage.select_option("main form select[name=tier]", str(five.pk))
    tpage.fill("main form textarea[name=reason]", REASON_SELF)
    fits(teacher)
    teacher.shot("recommend-form")
    submit(tpage)
    assert teacher.path() == f"{detail}recommend/", errors(tpage)
    assert flashes(tpage, "success")
    mine = tpage.locator("main #mine li")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("张老师")
    expect(mine).to_contain_text("“五”")
    own = Recommendation.objects.get(programme=programme, person=teacher_person)
    assert (own.channel, own.source, own.tier, own.made_on) == ("self", "", five, today)
    fits(teacher)
    teacher.shot("recommended")

    # 3. The office enters the recommendations received on paper.
    three, four = programme.tiers.get(code="三"), programme.tiers.get(code="四")
    recommendations = f"{detail}recommendations/"
    click(page, f"main a[href='{recommendations}']")
    assert admin.path() == recommendations
    entry = "main #entry form"
    paper = [
        ("department", "教务处", "R01", three, "担任年级组长五年，管理能力突出。"),
        ("grade", "高一年级部", "周近期", three, "年级管理经验丰富，群众基础好。"),
        ("subject_group", "语文教研室", "R03", four, "教学业绩突出，组织教研活动有方。"),
    ]
    for n, (channel, source, nominee, tier, reason) in enumerate(paper, start=1):
        expect(page.locator(f"{entry} input[name=made_on]")).to_have_value(today.isoformat())
        page.select_option(f"{entry} select[name=channel]", channel)
        page.fill(f"{entry} input[name=source]", source)
        page.fill(f"{entry} input[name=person]", nominee)
        page.select_option(f"{entry} select[name=tier]", str(tier.pk))
        page.fill(f"{entry} textarea[name=reason]", reason)
        if n == 1:
            admin.shot("entry-form")
        submit(page, entry)
        assert admin.path().startswith(recommendations), errors(page)
        assert flashes(page, "success"), errors(page)
        # The next paper form is most often from the same recommender: it is kept.
        expect(page.locator(f"{entry} select[name=channel]")).to_have_value(channel)
        expect(page.locator(f"{entry} input[name=source]")).to_have_value(source)
        assert Recommendation.objects.filter(programme=programme).count() == 1 + n

    near_row = count_row(page, "三", "周近期")
    expect(near_row.locator("td strong")).to_have_text("2")
    expect(count_row(page, "四", "郑中期").locator("td strong")).to_have_text("1")
    expect(count_row(page, "五", "张老师").locator("td strong")).to_have_text("1")
    admin.shot("counts")

    # The same paper form of 教务处 once more: refused, the counts unchanged.
    page.select_option(f"{entry} select[name=channel]", "department")
    page.fill(f"{entry} input[name=source]", "教务处")
    page.fill(f"{entry} input[name=person]", "R01")
    page.select_option(f"{entry} select[name=tier]", str(three.pk))
    page.fill(f"{entry} textarea[name=reason]", "重复录入")
    submit(page, entry)
    problem = page.locator(f"{entry} ul.errorlist")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("教务处")
    expect(problem).to_contain_text("周近期")
    assert not flashes(page, "success")
    expect(near_row.locator("td strong")).to_have_text("2")
    assert Recommendation.objects.filter(programme=programme).count() == 4
    expect(page.locator("main #entries tbody tr")).to_have_count(4)
    admin.shot("duplicate-refused")

    # 4. The office closes the recommendation: a sheet opens for each of the three nominees.
    click(page, f"main hgroup a[href='{detail}']")
    submit(page, f"main form[action='{detail}step/close/']")
    assert len(dialogs) == 2
    programme.refresh_from_db()
    assert programme.status == Status.EVALUATION, errors(page)
    assert badge(page) == zh(Status.EVALUATION.label)
    expect(stage_row.locator("td").nth(2)).to_have_text(f"{today.month}月{today.day}日")
    assert set(
        Sheet.objects.filter(programme=programme).values_list("person__staff_no", flat=True)
    ) == {
        "R01",
        "R03",
        "A001",
    }
    admin.shot("evaluation")

    sheets = f"{detail}sheets/"
    click(page, f"main a[href='{sheets}']")
    assert admin.path() == sheets
    expect(page.locator("main #sheets tbody tr")).to_have_count(3)
    proposals = [("R01", "周近期", three), ("R03", "郑中期", four), ("A001", "张老师", five)]
    for staff_no, name, tier in proposals:
        row = page.locator(f"main #sheets tr[data-person='{staff_no}']")
        click(page, f"main #sheets tr[data-person='{staff_no}'] a")
        expect(page.locator("main h1")).to_have_text(name)
        boxes = page.locator("main form input[type=checkbox][name^=criterion_]")
        expect(boxes).to_have_count(6)
        for box in boxes.all():
            box.check()
        page.fill("main form textarea[name=staff_opinion]", "教职工代表评价好，认可度高。")
        page.fill("main form textarea[name=conduct]", "一贯表现良好，工作认真负责。")
        page.select_option("main form select[name=proposed_tier]", str(tier.pk))
        if staff_no == "R01":
            admin.shot("sheet-form")
        submit(page)
        assert admin.path() == sheets, errors(page)
        expect(row.locator("td").nth(-2)).to_have_text("6/6")
        expect(row.locator("td").last).to_have_text(f"“{tier.code}”")
    for code, name, target in (("三", "周近期", 3), ("四", "郑中期", 4), ("五", "张老师", 5)):
        card = page.locator(f"main #preliminary article[data-tier='{code}']")
        expect(card.locator("header .badge")).to_have_text(f"1 / {target}")
        expect(card.locator("p").first).to_contain_text(name)
    assert {
        s.person.staff_no: s.proposed_tier.code for s in programme.sheets.select_related("person")
    } == {"R01": "三", "R03": "四", "A001": "五"}
    admin.shot("preliminary-list")

    # 5. The office submits the preliminary list to the party committee ...
    click(page, f"main hgroup a[href='{detail}']")
    submit(page, f"main form[action='{detail}step/submit/']")
    assert len(dialogs) == 3
    programme.refresh_from_db()
    assert programme.status == Status.SUBMITTED, errors(page)
    assert badge(page) == zh(Status.SUBMITTED.label)
    admin.shot("submitted")

    # ... and records its decision: all four present, four votes for, the tiers as proposed.
    decision = f"{detail}decision/"
    click(page, f"main a[href='{decision}']")
    assert admin.path() == decision
    for staff_no, _name, tier in proposals:
        person = programme.sheets.get(person__staff_no=staff_no).person
        expect(page.locator(f"main form select[name=tier_{person.pk}]")).to_have_value(str(tier.pk))
    expect(page.locator("main form input[name=date]")).to_have_value(today.isoformat())
    present = page.locator("main form input[name=present]")
    expect(present).to_have_count(4)
    for box in present.all():
        box.check()
    page.fill("main form input[name=votes_for]", "4")
    admin.shot("decision-form")
    submit(page)
    assert admin.path() == detail, errors(page)
    programme.refresh_from_db()
    assert programme.status == Status.DECIDED
    assert badge(page) == zh(Status.DECIDED.label)
    assert programme.decision.votes_for == 4
    assert sorted(
        ReserveCadre.objects.filter(programme=programme).values_list("person__name", "tier__code")
    ) == sorted([("周近期", "三"), ("郑中期", "四"), ("张老师", "五")])
    for code, name, _target in (("三", "周近期", 3), ("四", "郑中期", 4), ("五", "张老师", 5)):
        names = page.locator(
            f"main #decided table[data-tier='{code}'] tbody td:first-child"
        ).all_inner_texts()
        assert names == [name]
    admin.shot("decided")

    # 6. The office publishes the result; anyone reads it on the public page.
    submit(page, f"main form[action='{detail}step/publish-result/']")
    assert len(dialogs) == 4
    programme.refresh_from_db()
    assert programme.result_published_at is not None, errors(page)
    expect(page.locator("main article .badge-ok")).to_have_count(1)
    expect(page.locator(f"main form[action='{detail}step/publish-result/']")).to_have_count(0)
    admin.shot("result-published")

    reader = open_browser("phone")
    rpage = reader.page
    assert reader.goto(public_path).status == 200
    assert reader.path() == public_path  # no login
    expect(rpage.locator("main h1")).to_have_text(f"甲中学{TITLE}")
    result = rpage.locator("main #result p")
    expect(result).to_have_count(4)  # the decision's date, then one line per tier
    lines = result.all_inner_texts()[1:]
    assert [line.split("：", 1)[0] for line in lines] == [
        "“三”近期梯队（1）",
        "“四”中期梯队（1）",
        "“五”中长期梯队（1）",
    ]
    assert "周近期" in lines[0] and "郑中期" in lines[1] and "张老师" in lines[2]
    assert "张老师（党政办公室）" in lines[2]
    fits(reader)
    reader.shot("public-result")


def test_a_teacher_cannot_recommend_himself_twice(open_browser, world, published):
    today = timezone.localdate()
    Programme.objects.filter(pk=published.pk).update(
        recommendation_opens=today, recommendation_closes=today
    )
    recommend = f"{RESERVE}{published.pk}/recommend/"
    four = published.tiers.get(code="四")
    teacher = open_browser("phone")
    page = teacher.page
    teacher.goto(recommend)
    assert teacher.path().startswith("/accounts/login/")
    teacher.login("teacher-a")
    assert teacher.path() == recommend
    for attempt in (1, 2):
        page.select_option("main form select[name=tier]", str(four.pk))
        page.fill("main form textarea[name=reason]", REASON_SELF)
        submit(page)
        if attempt == 1:
            assert flashes(page, "success"), errors(page)
    expect(page.locator("main form ul.errorlist")).to_contain_text("张老师")
    assert not flashes(page, "success")
    expect(page.locator("main #mine li")).to_have_count(1)
    assert Recommendation.objects.filter(programme=published).count() == 1
    fits(teacher)
    teacher.shot("twice-refused")
