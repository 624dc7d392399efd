"""The oral defence from setting up the expert panel to the confirmed shortlist, in Debian's
Chromium, as its users meet it.

The school admin follows the campaign's link to the oral defence, sets up the panel with the
defaults, adds two external experts and reads each one's personal link, and opens the session;
the first expert, on a tablet and without an account, scores 甲 and 乙 with the running total
following his points, signs and submits; the second declares a conflict with 甲, cannot score
him, and scores 乙 and 丙; the chair sees who has scored and closes scoring; the composite
ranking keeps 丙, below the evaluation's threshold, off the shortlist although he scored best,
and the leading group confirms the shortlist. Elements are found by names, hrefs, form actions,
data attributes and CSS, never by their (translated) labels; the assertions are about data.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
import segno
from django.utils import timezone
from playwright.sync_api import expect

from cadre.decisions.models import Decision
from cadre.panels.models import Expert, Panel, ScoreSheet
from tests.browser.conftest import Visit
from tests.panels import conftest as panel_fixtures

pytestmark = pytest.mark.browser
reviewed = panel_fixtures.reviewed  # not its autouse `english`: the browser meets the UI in Chinese

SCHOOL = "/o/school-a"
DIMENSIONS = ("political", "organising", "managing", "coordinating")
EXPERTS = (("王专家", "市教科院", "研究员"), ("陈专家", "区教师发展中心", "高级教师"))
# Each expert's points per candidate (by index in 甲, 乙, 丙), in the order of DIMENSIONS.
POINTS = (
    {0: ("15.5", "15", "14.5", "15"), 1: ("12", "12", "12", "12")},  # 60, 48
    {1: ("12.5", "12.5", "12.5", "12.5"), 2: ("25", "25", "25", "24.5")},  # 50, 99.5
)
LINK = re.compile(r"^https?://[^/]+/e/([A-Za-z0-9_-]{16,})/$")


def fits(visit) -> None:
    overflow = visit.horizontal_overflow()
    assert overflow <= 2, f"{visit.path()} is {overflow}px wider than the window"


def submit(page, selector: str):
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value


def flashes(page, kind: str) -> list[str]:
    return page.locator(f"main p.flash.flash-{kind}").all_inner_texts()


def number(text: str) -> Decimal:
    match = re.search(r"\d+(?:\.\d+)?", text)
    assert match, f"no number in {text!r}"
    return Decimal(match[0])


def two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def qr_drawing(text: str) -> str:
    """The path of the QR code that the expert's page draws for `text`."""
    svg = segno.make(text, error="m").svg_inline(scale=4, border=1)
    return re.search(r' d="([^"]+)"', svg)[1]


def no_session(page) -> bool:
    """The expert has no account and no session. (The only cookie he may get is a CSRF token,
    from the 404 page that his browser's request for /favicon.ico meets.)"""
    return {c["name"] for c in page.context.cookies()} <= {"csrftoken"}


def running_total(page) -> Decimal:
    return Decimal(page.locator("form.score-sheet [data-total]").inner_text().strip())


def fill_sheet(page, points) -> None:
    """Fill the four dimensions one by one; the running total follows each of them."""
    expect(page.locator("form.score-sheet [data-total]")).to_have_text("0")
    so_far = Decimal(0)
    for dim, value in zip(DIMENSIONS, points, strict=True):
        page.fill(f"form.score-sheet input[name={dim}]", value)
        so_far += Decimal(value)
        assert running_total(page) == so_far, (dim, value)


def sign_and_submit(page, name: str):
    page.fill("form.score-sheet input[name=signature]", name)
    return submit(page, "form.score-sheet button[name=action][value=submit]")


def test_oral_defence_from_the_panel_to_the_shortlist(open_browser, world, reviewed):
    campaign = reviewed
    people = campaign.people  # 甲, 乙, 丙
    detail = f"{SCHOOL}/campaigns/{campaign.pk}/"
    home = f"{detail}panel/"
    ranking = f"{home}ranking/"

    # 1. The admin follows the campaign's link to the oral defence and sets up the panel.
    admin = open_browser("desktop")
    page = admin.page
    dialogs = admin.accept_dialogs()
    admin.goto("/")
    admin.login("admin-a")
    submit(page, f"nav.subnav a[href='{SCHOOL}/campaigns/']")
    submit(page, f"main a[href='{detail}']")
    submit(page, f"main a[href='{home}']")
    assert admin.path() == home
    assert page.input_value("main form input[name=evaluation_weight]") == "0.40"
    assert page.input_value("main form input[name=defence_weight]") == "0.60"
    admin.shot("new-panel")
    submit(page, "main form:has(input[name=evaluation_weight]) button[type=submit]")
    assert admin.path() == home
    panel = Panel.objects.get(campaign=campaign)
    assert panel.chair == world.users["school_admin"] and panel.status == Panel.Status.DRAFT
    assert [d["code"] for d in panel.dimensions] == list(DIMENSIONS)
    assert (panel.evaluation_weight, panel.defence_weight) == (Decimal("0.4"), Decimal("0.6"))
    assert page.locator("main [data-status]").get_attribute("data-status") == "draft"
    # The completion table has a column per qualified candidate, in the order of speeches.
    heads = page.locator("main table.completion thead th").all_inner_texts()
    assert [h.strip() for h in heads[1:]] == [p.name for p in people]

    # It adds the two experts; each personal link opens, once, in a new tab.
    links = []
    expert_form = f"main form[action='{home}experts/']"
    for name, affiliation, title in EXPERTS:
        page.fill(f"{expert_form} input[name=name]", name)
        page.fill(f"{expert_form} input[name=affiliation]", affiliation)
        page.fill(f"{expert_form} input[name=title]", title)
        with page.context.expect_page() as new_tab:
            page.click(f"{expert_form} button[type=submit]")
        tab = new_tab.value
        tab.wait_for_load_state()
        link = tab.locator("main code[data-expert-link]").inner_text().strip()
        assert LINK.match(link), link
        assert link.startswith(admin.base_url)
        drawn = tab.locator("main .slip-qr svg path").get_attribute("d")
        assert drawn == qr_drawing(link)  # the QR code holds the same link
        Visit(tab, admin.base_url, f"{admin.prefix}-expert{len(links) + 1}").shot("link")
        tab.close()
        links.append(link)
    assert len(set(links)) == 2
    experts = list(Expert.objects.filter(panel=panel))
    assert [(e.name, e.affiliation, e.title) for e in experts] == list(EXPERTS)
    # The tokens are stored only as keyed hashes.
    assert not any(LINK.match(link)[1] in e.token_hash for link in links for e in experts)

    # It opens the defence session.
    admin.goto(home)
    assert page.locator("main table.completion tbody tr").count() == 2
    submit(page, f"main form[action='{home}step/open/'] button[type=submit]")
    panel.refresh_from_db()
    assert panel.status == Panel.Status.OPEN
    assert page.locator("main [data-status]").get_attribute("data-status") == "open"
    assert not dialogs

    # 2. The first expert opens his link on a tablet, with no account, and scores 甲 and 乙.
    first = open_browser("tablet")
    fpage = first.page
    assert fpage.goto(links[0]).status == 200
    rows = fpage.locator("main tr[data-person]")
    assert [int(r.get_attribute("data-person")) for r in rows.all()] == [p.pk for p in people]
    assert fpage.locator("header").inner_text().count(EXPERTS[0][0]) == 1
    fits(first)
    first.shot("expert-home")
    for index, points in POINTS[0].items():
        person = people[index]
        submit(fpage, f"main tr[data-person='{person.pk}'] a[href$='/{person.pk}/']")
        assert first.path() == LINK.sub(r"/e/\1/", links[0]) + f"{person.pk}/"
        assert fpage.locator("main h1").inner_text().strip() == person.name
        fill_sheet(fpage, points)
        total = sum(map(Decimal, points))
        if index == 0:
            fits(first)
            first.shot("score-sheet")
            # Submitting unsigned is refused; the points come back and the total with them.
            response = submit(fpage, "form.score-sheet button[name=action][value=submit]")
            assert response.status == 200
            assert fpage.locator("main ul.errorlist li").count() == 1
            for dim, value in zip(DIMENSIONS, points, strict=True):
                assert Decimal(fpage.input_value(f"form.score-sheet input[name={dim}]")) == (
                    Decimal(value)
                )
            assert running_total(fpage) == total
            assert not ScoreSheet.objects.filter(status=ScoreSheet.Status.SUBMITTED).exists()
            first.shot("unsigned")
        sign_and_submit(fpage, EXPERTS[0][0])
        assert first.path() == LINK.sub(r"/e/\1/", links[0])
        row = fpage.locator(f"main tr[data-person='{person.pk}']")
        assert number(row.locator(".badge-ok").inner_text()) == total
        assert row.locator("a").count() == 1  # he may still open it, to read what he gave
        assert row.locator("form[action$='/conflict/'] button").count() == 0
        sheet = ScoreSheet.objects.get(expert=experts[0], person=person)
        assert sheet.status == ScoreSheet.Status.SUBMITTED and sheet.total == total
        assert sheet.signature == EXPERTS[0][0]
    fits(first)
    first.shot("expert-home-scored")
    # A submitted sheet is locked: the form is gone.
    submit(fpage, f"main tr[data-person='{people[0].pk}'] a")
    assert fpage.locator("form.score-sheet").count() == 0
    assert fpage.locator("main .flash-success").count() == 1
    assert no_session(fpage)

    # 3. The second expert declares a conflict with 甲, then scores 乙 and 丙.
    second = open_browser("tablet")
    spage = second.page
    second_dialogs = second.accept_dialogs()
    assert spage.goto(links[1]).status == 200
    jia = people[0]
    jia_row = spage.locator(f"main tr[data-person='{jia.pk}']")
    submit(spage, f"main tr[data-person='{jia.pk}'] form[action$='/conflict/'] button")
    assert list(experts[1].conflicts.all()) == [jia]
    assert len(second_dialogs) == 1  # standing aside is confirmed first
    assert jia_row.locator("a").count() == 0  # no link to his sheet any more
    assert jia_row.locator("form[action$='/conflict/'] input[name=conflict]").input_value() == "0"
    assert jia_row.locator(".badge-ok, .badge-warn").count() == 0
    fits(second)
    second.shot("conflict")
    # Following the sheet's address all the same, he finds no form to score 甲.
    jia_sheet = LINK.sub(r"/e/\1/", links[1]) + f"{jia.pk}/"
    second.goto(jia_sheet)
    assert spage.locator("form.score-sheet").count() == 0
    assert spage.locator("main .flash-warning").count() == 1
    second.shot("conflict-refused")
    assert not ScoreSheet.objects.filter(expert=experts[1], person=jia).exists()
    spage.goto(links[1])
    for index, points in POINTS[1].items():
        person = people[index]
        submit(spage, f"main tr[data-person='{person.pk}'] a[href$='/{person.pk}/']")
        fill_sheet(spage, points)
        if index == 2:
            second.shot("score-sheet")
        sign_and_submit(spage, EXPERTS[1][0])
        row = spage.locator(f"main tr[data-person='{person.pk}']")
        assert number(row.locator(".badge-ok").inner_text()) == sum(map(Decimal, points))
    fits(second)
    second.shot("expert-home-scored")
    assert no_session(spage)

    # 4. The chair reloads the panel's page, sees who has scored, and closes scoring.
    assert admin.path() == home
    page.reload()
    matrix = {}
    for expert in experts:
        for person in people:
            cell = page.locator(f"main td[data-cell='{expert.pk}-{person.pk}']")
            if cell.locator(".badge-ok").count():
                matrix[expert.name, person.name] = number(cell.locator(".badge-ok").inner_text())
            elif cell.locator(".badge").count():
                matrix[expert.name, person.name] = "recused"
            else:
                assert cell.inner_text().strip() == "—"
    assert matrix == {
        ("王专家", "甲"): Decimal(60),
        ("王专家", "乙"): Decimal(48),
        ("陈专家", "甲"): "recused",
        ("陈专家", "乙"): Decimal(50),
        ("陈专家", "丙"): Decimal("99.5"),
    }
    fits(admin)
    admin.shot("matrix")
    submit(page, f"main form[action='{home}step/close/'] button[type=submit]")
    assert len(dialogs) == 1
    panel.refresh_from_db()
    assert panel.status == Panel.Status.CLOSED
    assert page.locator("main [data-status]").get_attribute("data-status") == "closed"
    assert page.locator(f"main form[action='{home}experts/']").count() == 0
    # The experts' links no longer take scores.
    fpage.goto(links[0])
    assert fpage.locator("main tr[data-person] a").count() == 0

    # 5. The ranking: the composite per candidate; 丙 scored best but is below the threshold.
    submit(page, f"main a[href='{ranking}']")
    table = {}
    for row in page.locator("main table.ranking tbody tr").all():
        cells = [c.strip() for c in row.locator("td").all_inner_texts()]
        table[cells[2]] = {
            "rank": cells[1],
            "evaluation": number(cells[4]),
            "below": row.locator("td:nth-child(5) .badge-bad").count() == 1,
            "defence": number(cells[5]),
            "composite": number(cells[6]),
            "shortlisted": row.get_attribute("data-shortlisted"),
        }
    assert set(table) == {"甲", "乙", "丙"}
    defence = {"甲": Decimal(60), "乙": Decimal(49), "丙": Decimal("99.5")}  # means of the totals
    for name, row in table.items():
        assert row["defence"] == defence[name]
        expected = row["evaluation"] * Decimal("0.4") + defence[name] * Decimal("0.6")
        assert row["composite"] == two_places(expected), name
    assert [table[n]["below"] for n in ("甲", "乙", "丙")] == [False, False, True]
    assert table["丙"]["defence"] == max(defence.values())
    assert table["丙"]["composite"] == max(r["composite"] for r in table.values())
    assert table["丙"]["rank"] == "1"
    assert table["丙"]["shortlisted"] == "no"
    eligible = {n: r for n, r in table.items() if not r["below"]}
    top = max(eligible, key=lambda n: eligible[n]["composite"])
    assert top == "乙"
    assert {n: r["shortlisted"] for n, r in table.items()} == {"甲": "no", "乙": "yes", "丙": "no"}
    fits(admin)
    admin.shot("ranking")

    # The head of the leading group, logged in on his own, records the group's decision.
    leader = open_browser("desktop")
    lpage = leader.page
    leader.goto(ranking)
    leader.login("leader-a")
    assert leader.path() == ranking
    members = list(campaign.leading_group.members.all())
    assert len(members) == 4
    form = "main form:has(input[name=votes_for])"
    assert lpage.input_value(f"{form} input[name=subject]")
    lpage.fill(f"{form} input[name=date]", timezone.localdate().isoformat())
    for member in members[:3]:
        lpage.check(f"{form} input[name=present][value='{member.pk}']")
    lpage.fill(f"{form} input[name=votes_for]", "3")
    leader.shot("decision")
    submit(lpage, f"{form} button[type=submit]")
    assert leader.path() == ranking
    assert len(flashes(lpage, "success")) == 2  # the message, and the confirmation's date
    assert lpage.locator(form).count() == 0
    panel.refresh_from_db()
    decision = panel.shortlist_decision
    assert decision is not None
    assert decision.kind == "shortlist" and decision.outcome == Decision.Outcome.APPROVED
    assert decision.body == campaign.leading_group and decision.votes_for == 3
    assert {m.pk for m in decision.present.all()} == {m.pk for m in members[:3]}
    assert decision.recorded_by == world.users["leader"]
    shortlisted = lpage.locator("main table.ranking tbody tr[data-shortlisted=yes] td:nth-child(3)")
    assert [n.strip() for n in shortlisted.all_inner_texts()] == ["乙"]
    fits(leader)
    leader.shot("confirmed")
