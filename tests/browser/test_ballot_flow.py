"""A secret-ballot evaluation from the printed slips to the bulletin board, in Debian's
Chromium, as its users meet it.

The school admin issues the codes and reads them off the printable slips, opens voting and
checks two people in; the meeting screen on the projector runs a speaker's countdown and the
turnout; a voter follows his slip's link on his phone, marks, reviews and casts his ballot and
keeps the tracker; a second try with the same code is refused; the admin closes voting; the
voter finds his tracker on the bulletin board and checks its fingerprint; the projector shows
the results. Elements are found by names, hrefs, form actions, data attributes and CSS, never
by their (translated) labels; the assertions are about data.
"""

import hashlib
import re

import pytest
import segno
from playwright.sync_api import expect

from cadre.ballots.models import Ballot, Evaluation, Tracker, VotingCode
from cadre.ballots.services import evaluation_create
from tests.browser.conftest import Visit
from tests.conftest import make_person

pytestmark = pytest.mark.browser

SCHOOL = "/o/school-a"
TITLE = "中层干部竞聘民主测评"
CODE = re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$")
TRACKER = re.compile(r"^[A-Z2-9]{5}-[A-Z2-9]{5}$")
MARKS = ("satisfied", "basic", "unsatisfied")  # one per candidate, in speech order
PROJECTOR = {"width": 1280, "height": 720}
POLL_MS = 5_000  # the screen polls every 3 s


def fits(visit) -> None:
    overflow = visit.horizontal_overflow()
    assert overflow <= 2, f"{visit.path()} is {overflow}px wider than the window"


def submit(page, selector: str):
    with page.expect_navigation() as navigation:
        page.click(selector)
    return navigation.value


def seconds_left(page) -> int:
    text = page.locator("[data-countdown]").inner_text().strip()
    match = re.fullmatch(r"(\d+):(\d\d)", text)
    assert match, f"the countdown shows {text!r}"
    return int(match[1]) * 60 + int(match[2])


def qr_drawing(text: str) -> str:
    """The path of the QR code that the slips draw for `text`."""
    svg = segno.make(text, error="m").svg_inline(scale=2, border=1)
    return re.search(r' d="([^"]+)"', svg)[1]


def mark_ballot(page, candidates) -> None:
    for candidate, mark in zip(candidates, MARKS, strict=True):
        page.check(f"form.ballot input[name='c{candidate.pk}'][value='{mark}']")


def test_secret_ballot_from_slips_to_bulletin_board(open_browser, world):
    people = [world.person, world.colleague, make_person(world.school, "A003", "王老师")]
    evaluation = evaluation_create(
        actor="t",
        evaluation=Evaluation(organisation=world.school, title=TITLE, entitled=5),
        candidates=[(p, "党政办公室副主任") for p in people],
    )
    candidates = list(evaluation.candidates.order_by("order"))
    detail = f"{SCHOOL}/ballots/{evaluation.pk}/"
    screen = f"{detail}screen/"
    slip_path = f"/v/{evaluation.public_id}/"
    board_path = f"{slip_path}board/"

    # 1. The admin finds the evaluation, issues five codes and reads them off the slips.
    admin = open_browser("desktop")
    page = admin.page
    dialogs = admin.accept_dialogs()
    admin.goto("/")
    admin.login("admin-a")
    submit(page, f"nav.subnav a[href='{SCHOOL}/ballots/']")
    submit(page, f"main a[href='{detail}']")
    assert page.locator("main [data-status]").get_attribute("data-status") == "draft"
    codes_form = f"main form[action='{detail}codes/']"
    page.fill(f"{codes_form} input[name=count]", "5")
    admin.shot("draft")
    with page.context.expect_page() as new_tab:
        page.click(f"{codes_form} button[type=submit]")
    slips_page = new_tab.value
    slips_page.wait_for_load_state()
    slip_codes = [c.strip() for c in slips_page.locator(".slip .slip-code").all_inner_texts()]
    assert len(slip_codes) == len(set(slip_codes)) == 5
    assert all(CODE.match(c) for c in slip_codes), slip_codes
    assert slips_page.locator(".slip .slip-qr svg").count() == 5
    slip_urls = {u.strip() for u in slips_page.locator(".slip .slip-text .small").all_inner_texts()}
    assert slip_urls == {admin.url(slip_path)}
    # Each slip's QR code holds the ballot's address with the slip's own code after the '#'.
    for slip, code in zip(slips_page.locator(".slip").all(), slip_codes, strict=True):
        drawn = slip.locator(".slip-qr svg path").get_attribute("d")
        assert drawn == qr_drawing(f"{admin.url(slip_path)}#code={code}"), code
    Visit(slips_page, admin.base_url, f"{admin.prefix}-slips").shot("slips")
    slips_page.close()
    assert VotingCode.objects.filter(evaluation=evaluation, batch__voided=False).count() == 5
    assert not dialogs  # the first batch voids nothing, so nothing to confirm

    # It opens voting and checks in two people.
    admin.goto(detail)
    submit(page, f"main form[action='{detail}step/open/'] button[type=submit]")
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.OPEN
    assert page.locator("main [data-status]").get_attribute("data-status") == "open"
    submit(page, f"main a[href='{detail}check-in/']")
    for person in people[:2]:
        row = page.locator(f"main tr#checkin-{person.pk}")
        row.locator("button[type=submit]").click()
        expect(row.locator("input[name=present]")).to_have_value("0")  # swapped by htmx
    assert {c.person_id for c in evaluation.check_ins.all()} == {p.pk for p in people[:2]}
    admin.shot("checked-in")

    # 2. The projector, logged in on its own, shows the first speaker's countdown.
    projector = open_browser("desktop")
    screen_page = projector.page
    screen_page.set_viewport_size(PROJECTOR)
    projector.goto(screen)
    projector.login("admin-a")
    assert projector.path() == screen
    assert screen_page.locator("[data-countdown]").count() == 0
    submit(screen_page, "form[action$='/speaker/'] button[name=index][value='0']")
    assert projector.path() == screen
    evaluation.refresh_from_db()
    assert evaluation.current_speaker == 0 and evaluation.speech_started_at
    expect(screen_page.locator(".speaker .speaker-name")).to_have_text(people[0].name)
    first = seconds_left(screen_page)
    assert 0 < first <= evaluation.speech_minutes * 60
    screen_page.wait_for_timeout(1_500)
    later = seconds_left(screen_page)
    assert later < first, (first, later)
    assert screen_page.locator("[data-used]").inner_text() == "0"
    assert screen_page.locator("[data-checked-in]").inner_text() == "2"
    fits(projector)
    projector.shot("speech")

    # 3. A voter follows the link of his slip's QR code on his phone, without logging in.
    code = slip_codes[0]
    link = f"{admin.url(slip_path)}#code={code}"  # what the QR code holds
    voter = open_browser("phone")
    vpage = voter.page
    assert vpage.goto(link).status == 200
    assert vpage.input_value("form.ballot input[name=code]") == code  # from the fragment
    assert vpage.locator("form.ballot fieldset.candidate").count() == 3
    mark_ballot(vpage, candidates)
    fits(voter)
    vpage.wait_for_timeout(300)  # the radios' transition
    voter.shot("ballot")
    submit(vpage, "form.ballot button[name=step][value=review]")
    assert Ballot.objects.filter(evaluation=evaluation).count() == 0  # nothing stored yet
    assert vpage.locator("main tbody tr").count() == 3
    for candidate, mark in zip(candidates, MARKS, strict=True):
        assert vpage.input_value(f"main form input[name='c{candidate.pk}']") == mark
    fits(voter)
    voter.shot("confirm")
    # He goes back to change his mind; his marks and his code are still there.
    submit(vpage, "main form button[name=step][value=edit]")
    assert vpage.input_value("form.ballot input[name=code]") == code
    for candidate, mark in zip(candidates, MARKS, strict=True):
        assert vpage.is_checked(f"form.ballot input[name='c{candidate.pk}'][value='{mark}']")
    submit(vpage, "form.ballot button[name=step][value=review]")
    response = submit(vpage, "main form button[name=step][value=cast]")
    assert response.status == 200
    tracker = vpage.locator("[data-tracker]").inner_text().strip()
    assert TRACKER.match(tracker), tracker
    fits(voter)
    voter.shot("receipt")
    assert vpage.context.cookies() == []
    ballots = list(Ballot.objects.filter(evaluation=evaluation).values_list("marks", flat=True))
    assert ballots == [{str(c.pk): m for c, m in zip(candidates, MARKS, strict=True)}]
    assert list(Tracker.objects.values_list("value", flat=True)) == [tracker]

    # 4. Someone else tries the same code: refused, and nothing more is stored.
    other = open_browser("phone")
    opage = other.page
    opage.goto(link)
    assert opage.input_value("form.ballot input[name=code]") == code
    mark_ballot(opage, candidates)
    submit(opage, "form.ballot button[name=step][value=review]")
    response = submit(opage, "main form button[name=step][value=cast]")
    assert response.status == 400
    assert opage.locator("main .flash-error").count() == 1
    assert opage.locator("[data-tracker]").count() == 0
    assert opage.context.cookies() == []
    fits(other)
    other.shot("refused")
    assert Ballot.objects.filter(evaluation=evaluation).count() == 1
    assert Tracker.objects.filter(evaluation=evaluation).count() == 1
    assert VotingCode.objects.filter(evaluation=evaluation, spent=True).count() == 1

    # 5. The projector's turnout follows within a poll or two.
    expect(screen_page.locator("[data-used]")).to_have_text("1", timeout=POLL_MS)
    expect(screen_page.locator("[data-checked-in]")).to_have_text("2")
    later_still = seconds_left(screen_page)
    assert later_still < later  # the countdown survived the swaps

    # 6. The admin closes voting, after confirming it.
    admin.goto(detail)
    submit(page, f"main form[action='{detail}step/close/'] button[type=submit]")
    assert len(dialogs) == 1
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.CLOSED
    assert re.fullmatch(r"[0-9a-f]{64}", evaluation.board_sha256)
    assert page.locator("main table.results tbody tr").count() == 3
    admin.shot("closed")

    # The voter follows the receipt's link to the board and looks for his tracker.
    submit(vpage, f"main a[href='{board_path}']")
    vpage.fill("main input[name=tracker]", tracker.lower())
    submit(vpage, "main form.actions button[type=submit]")
    assert voter.path() == f"{board_path}?tracker={tracker.lower()}"
    assert vpage.locator("main [data-found]").get_attribute("data-found") == "yes"
    rows = vpage.locator("main table tbody tr")
    assert rows.count() == 3
    for i, (person, mark) in enumerate(zip(people, MARKS, strict=True)):
        cells = [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
        assert cells[0] == person.name
        marked = [cells[3 + MARKS.index(m)] for m in MARKS]  # after satisfaction, verdict
        assert marked[MARKS.index(mark)] == "1", cells
        assert all(n in ("", "0") for j, n in enumerate(marked) if j != MARKS.index(mark))
    fingerprint = vpage.locator("main p:has(a[href$='board.json']) code").inner_text()
    assert fingerprint == evaluation.board_sha256
    # The board he downloads to recount is the one the fingerprint vouches for.
    with vpage.expect_download() as download_info:
        vpage.click(f"main a[href='{slip_path}board.json']")
    board_bytes = download_info.value.path().read_bytes()
    assert hashlib.sha256(board_bytes).hexdigest() == fingerprint
    assert tracker.encode() in board_bytes and code.encode() not in board_bytes
    fits(voter)
    voter.shot("board")
    assert vpage.context.cookies() == []

    # The projector shows the results after its next poll.
    results = screen_page.locator("#screen table.screen-results")
    expect(results).to_be_visible(timeout=POLL_MS)
    assert screen_page.locator("#screen").get_attribute("data-status") == "closed"
    names = results.locator("tbody tr td:first-child").all_inner_texts()
    assert names == [p.name for p in people]
    assert screen_page.locator("[data-countdown]").count() == 0
    fits(projector)
    projector.shot("results")
