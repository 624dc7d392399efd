"""The dynamic management of the reserve (动态管理) and the end of its cycle, in Debian's
Chromium, as the school's leaders and office meet them.

The programme the party committee decided on 2024-03-14 has four reserve cadres, two of them
(周近期, 吴资深) in tier 三 whose target is three. The party secretary takes 吴资深's
qualification away for the staff's strong objections; the leading group proposes 李老师, a new
recommendation, for the place, is sent back once for want of a quorum, and the committee
approves him: he joins the tier with a dossier of his own. At the end of the cycle the office
records the committee's decision to promote 周近期, and the next appointment campaign shows him
among those who could apply with the mark of his promotion. The office follows the pipeline
against the targets and downloads a cadre's dossier, alone and with its attachments.

Elements are found by URLs, ids, names and data attributes, never by their labels; messages
are compared with their Chinese translation (the English while untranslated).
"""

import io
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import docx
import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import ngettext
from playwright.sync_api import expect

from cadre.audit.models import AuditEntry
from cadre.decisions.services import Vote
from cadre.orgs.models import Membership
from cadre.reserve.models import Assessment, Backfill, Material, Outcome, ReserveCadre
from cadre.reserve.services import assessment, cultivation
from cadre.reserve.services._meeting import Meeting
from tests.browser.test_reserve_cultivation import PDF, said
from tests.browser.test_reserve_flow import click, errors, flashes, submit, zh
from tests.campaigns.factories import campaign_published
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

SCHOOL = "/o/school-a"
RESERVE = f"{SCHOOL}/reserve/"
FORM = "main form[method=post]"
FACTS = "2024年秋季民主测评满意率仅为52%，教职工反映其工作作风简单粗暴，意见较大。"
REASON = "李老师担任党政办公室干事六年，工作业绩突出，经领导小组研究提出增补动议。"
COMMENTS = "三年考核均为优秀，建议提拔任用。"
REFLECTION = "关于年级管理的学习体会"
Status = ReserveCadre.Status


def said_n(singular: str, plural: str, n: int) -> str:
    """A counted message as the Chinese UI says it (the English while untranslated)."""
    with translation.override("zh-hans"):
        return ngettext(singular, plural, n) % {"n": n}


def console_errors(visit) -> list[str]:
    """Collect what the page logs as errors to the console, to assert there are none."""
    logged = []
    visit.page.on("console", lambda m: logged.append(m.text) if m.type == "error" else None)
    return logged


def party_secretary(world, staff):
    """书记甲's account: a member of the party committee in the application."""
    user = get_user_model().objects.create_user("secretary", password=PASSWORD, first_name="书记甲")
    Membership.objects.create(
        user=user, organisation=world.school, role=Membership.Role.PARTY_COMMITTEE
    )
    secretary = staff["committee"][0]
    secretary.user = user
    secretary.save()
    return user


def meeting(page, on: str, present: int | None = None) -> None:
    """Fill the meeting of the page's form: its date, the members present (all four unless
    told), each of them voting for."""
    page.fill(f"{FORM} input[name=date]", on)
    boxes = page.locator(f"{FORM} input[name=present]")
    expect(boxes).to_have_count(4)
    chosen = boxes.count() if present is None else present
    for i, box in enumerate(boxes.all()):
        box.set_checked(i < chosen)
    page.fill(f"{FORM} input[name=votes_for]", str(chosen))


def test_disqualification_and_backfill(open_browser, world, staff, decided):
    programme = decided
    detail = f"{RESERVE}{programme.pk}/"
    cadres = f"{detail}cadres/"
    three = programme.tiers.get(code="三")
    older = ReserveCadre.objects.get(programme=programme, person=staff["older"])
    older_dossier = f"{cadres}{older.pk}/"
    party_secretary(world, staff)
    audited_before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()

    # 1. The party secretary finds 吴资深's dossier and records the committee's decision.
    committee = open_browser("desktop")
    page = committee.page
    logged = console_errors(committee)
    committee.goto("/")
    committee.login("secretary")
    click(page, f"nav.subnav a[href='{RESERVE}']")
    click(page, f"main a[href='{detail}']")
    click(page, "main #to-cadres")
    assert committee.path() == cadres
    vacancy = page.locator("main #vacancies li[data-tier='三']")
    expect(vacancy).to_contain_text(said_n("%(n)s vacancy", "%(n)s vacancies", 1))
    # Proposing a back-fill is the leading group's.
    expect(page.locator(f"main #cadre-actions a[href='{detail}backfills/new/']")).to_have_count(0)
    click(page, f"main #cadres tr[data-person='R02'] a[href='{older_dossier}']")
    expect(page.locator("main h1")).to_contain_text("吴资深")
    click(page, f"main #dossier-actions a[href='{older_dossier}disqualify/']")
    expect(page.locator(f"{FORM} input[name=subject]")).to_have_value(
        said("Disqualify %(name)s as a reserve cadre", name="吴资深")
    )
    page.select_option(f"{FORM} select[name=reason]", ReserveCadre.Reason.OPINION)
    page.fill(f"{FORM} textarea[name=facts]", FACTS)
    meeting(page, "2024-11-20")
    committee.shot("disqualify-form")
    submit(page)
    assert committee.path() == older_dossier, errors(page)
    assert flashes(page, "success") == [said("The committee's decision is recorded.")]
    expect(page.locator("main hgroup #status")).to_have_text(zh(Status.DISQUALIFIED.label))
    left = page.locator("main #assessment p.error")
    expect(left).to_contain_text("2024-11-20")
    expect(left).to_contain_text(zh(ReserveCadre.Reason.OPINION.label))
    expect(left).to_contain_text(FACTS)
    # He is out of the reserve: nothing more to record or to take away.
    expect(
        page.locator(f"main #dossier-actions a[href='{older_dossier}disqualify/']")
    ).to_have_count(0)
    committee.shot("disqualified")

    # The cadres page shows him out and a second place of tier 三 vacant.
    click(page, f"main hgroup a[href='{cadres}']")
    row = page.locator("main #cadres tr[data-person='R02']")
    expect(row.locator("td").nth(3).locator(".badge")).to_have_text(zh(Status.DISQUALIFIED.label))
    expect(row).to_contain_text("2024-11-20")
    expect(vacancy).to_contain_text(said_n("%(n)s vacancy", "%(n)s vacancies", 2))
    committee.shot("vacancy")

    # 2. The leading group proposes a back-fill of tier 三: 李老师, newly recommended.
    leader = open_browser("desktop")
    lpage = leader.page
    leader_logged = console_errors(leader)
    leader.goto(cadres)
    assert leader.path().startswith("/accounts/login/")
    leader.login("leader-a")
    assert leader.path() == cadres
    # Disqualifying and the end of the cycle are the committee's.
    expect(lpage.locator(f"main #cadre-actions a[href='{detail}outcomes/']")).to_have_count(0)
    click(lpage, f"main #cadre-actions a[href='{detail}backfills/new/']")
    assert leader.path() == f"{detail}backfills/new/"
    click(lpage, f"main #vacancies a[href='?tier={three.pk}']")
    expect(lpage.locator(f"{FORM} select[name=tier]")).to_have_value(str(three.pk))
    # The place is the one 吴资深 left, offered on the form.
    expect(lpage.locator(f"{FORM} select[name=vacancy]")).to_have_value(str(older.pk))
    expect(lpage.locator(f"{FORM} input[name=subject]")).to_have_value(
        said("Propose a back-fill of %(tier)s", tier=str(three))
    )
    lpage.check(f"{FORM} input[name=source][value='{Backfill.Source.NEW}']")
    lpage.fill(f"{FORM} input[name=person]", "A002")
    lpage.check(f"{FORM} input[name=criteria_attested]")
    lpage.fill(f"{FORM} textarea[name=reason]", REASON)
    # Two of the four members present: no quorum. Refused, nothing saved, nothing lost.
    meeting(lpage, "2024-12-02", present=2)
    submit(lpage)
    assert leader.path().startswith(f"{detail}backfills/new/")
    expect(lpage.locator(f"{FORM} ul.errorlist")).to_have_text(
        said(
            "No quorum: %(present)s of %(members)s members present; at least two-thirds must be.",
            present=2,
            members=4,
        )
    )
    assert not flashes(lpage, "success")
    assert Backfill.objects.count() == 0
    expect(lpage.locator(f"{FORM} input[name=person]")).to_have_value("A002")
    expect(lpage.locator(f"{FORM} textarea[name=reason]")).to_have_value(REASON)
    expect(lpage.locator(f"{FORM} input[name=criteria_attested]")).to_be_checked()
    leader.shot("no-quorum")
    meeting(lpage, "2024-12-02")
    leader.shot("backfill-form")
    submit(lpage)
    assert leader.path() == cadres, errors(lpage)
    assert flashes(lpage, "success") == [said("The leading group's proposal is recorded.")]
    backfill = Backfill.objects.get()
    backfill_path = f"{detail}backfills/{backfill.pk}/"
    proposed = lpage.locator("main #backfills tbody tr").filter(
        has=lpage.locator(f"a[href='{backfill_path}']")
    )
    expect(proposed.locator("a")).to_have_text("李老师")
    expect(proposed).to_contain_text("吴资深")
    expect(proposed.locator(".badge")).to_have_text(zh(Backfill.Status.PROPOSED.label))
    # The proposed back-fill holds the place until the committee decides.
    expect(lpage.locator("main #vacancies li[data-tier='三']")).to_contain_text(
        said_n("%(n)s vacancy", "%(n)s vacancies", 1)
    )
    leader.shot("proposed")

    # 3. The committee opens the back-fill and records its approval.
    page.reload()
    click(page, f"main #backfills a[href='{backfill_path}']")
    expect(page.locator("main hgroup #status")).to_have_text(zh(Backfill.Status.PROPOSED.label))
    expect(page.locator("main dl.fields")).to_contain_text(REASON)
    meeting(page, "2024-12-06")
    committee.shot("approval-form")
    submit(page)
    assert committee.path() == cadres, errors(page)
    assert flashes(page, "success") == [said("The committee's decision is recorded.")]
    backfill.refresh_from_db()
    newcomer = backfill.cadre
    new_dossier = f"{cadres}{newcomer.pk}/"
    approved = page.locator("main #backfills tbody tr").filter(
        has=page.locator(f"a[href='{backfill_path}']")
    )
    expect(approved.locator(".badge")).to_have_text(zh(Backfill.Status.APPROVED.label))
    row = page.locator("main #cadres tr[data-person='A002']")
    expect(row.locator(f"a[href='{new_dossier}']")).to_have_text("李老师")
    expect(row.locator("td").nth(1)).to_have_text("“三”")
    expect(row.locator("td").nth(3).locator(".badge")).to_have_text(zh(Status.ACTIVE.label))
    committee.shot("backfilled")
    click(page, f"main #cadres a[href='{new_dossier}']")
    expect(page.locator("main h1")).to_contain_text("李老师")
    expect(page.locator("main hgroup #status")).to_have_text(zh(Status.ACTIVE.label))
    expect(page.locator("main hgroup")).to_contain_text(
        said(
            "in the reserve since %(since)s, cycle %(starts)s — %(ends)s",
            since="2024-12-06",
            starts="2024-12-06",
            ends="2027-03-13",
        )
    )
    expect(page.locator("main #registration > p").first).to_contain_text(
        said("Back-filled by the party committee's approval of %(on)s.", on="2024-12-06")
    )
    committee.shot("new-dossier")

    # What the decisions left on the record.
    older.refresh_from_db()
    assert (older.status, older.left_on, older.left_reason, older.left_note) == (
        Status.DISQUALIFIED,
        date(2024, 11, 20),
        ReserveCadre.Reason.OPINION,
        FACTS,
    )
    assert older.left_decision.body == programme.committee
    assert (
        backfill.status,
        backfill.tier,
        backfill.vacancy,
        backfill.person,
        backfill.source,
        backfill.reason,
    ) == (Backfill.Status.APPROVED, three, older, world.colleague, Backfill.Source.NEW, REASON)
    assert (backfill.proposal.body, backfill.proposal.date) == (
        programme.leading_group,
        date(2024, 12, 2),
    )
    assert (backfill.approval.body, backfill.approval.date) == (
        programme.committee,
        date(2024, 12, 6),
    )
    assert (newcomer.tier, newcomer.status, newcomer.since, newcomer.cycle_ends) == (
        three,
        Status.ACTIVE,
        date(2024, 12, 6),
        date(2027, 3, 13),
    )
    entries = AuditEntry.objects.filter(pk__gt=audited_before or 0)
    # The refused proposal left nothing; each decision, its meeting and its consequence.
    assert Counter(
        entries.filter(action__regex=r"^(reserve|decision)\.").values_list("action", flat=True)
    ) == {
        "decision.record": 3,
        "reserve.cadre.disqualify": 1,
        "reserve.backfill.propose": 1,
        "reserve.cadre.select": 1,
        "reserve.backfill.approve": 1,
    }
    assert not logged and not leader_logged


def assessed_cycle(programme, cadre) -> None:
    """The leading group's three yearly assessments of `cadre`, the last one two months
    before his cycle ends on 2027-03-13, as tests/reserve/test_promotion_link.py records them."""
    members = list(programme.leading_group.members.all())
    for on in (date(2025, 3, 10), date(2026, 3, 10), date(2027, 3, 8)):
        assessment.assessments_decide(
            actor="t",
            programme=programme,
            gradings=[assessment.Grading(cadre, "excellent", "表现突出")],
            meeting=Meeting("年度考核", on, members, Vote(len(members))),
        )


def test_end_of_cycle_promotion_reaches_the_next_campaign(
    open_browser, world, staff, decided, today_is
):
    today_is(date(2027, 3, 20))  # the committee sits a week after the cycle ends
    programme = decided
    detail = f"{RESERVE}{programme.pk}/"
    cadres = f"{detail}cadres/"
    near = ReserveCadre.objects.get(programme=programme, person=staff["near"])
    near_dossier = f"{cadres}{near.pk}/"
    assessed_cycle(programme, near)

    # 1. The office finds the end of the cycle open for 周近期, the one fully assessed.
    office = open_browser("desktop")
    page = office.page
    logged = console_errors(office)
    office.goto("/")
    office.login("admin-a")
    click(page, f"nav.subnav a[href='{RESERVE}']")
    click(page, f"main a[href='{detail}']")
    click(page, "main #to-cadres")
    expect(page.locator("main #cadres tr[data-person='R01'] td").last).to_contain_text(
        said("all assessed")
    )
    click(page, f"main #cadre-actions a[href='{detail}outcomes/']")
    assert office.path() == f"{detail}outcomes/"
    rows = page.locator("main #outcomes tbody tr")
    expect(rows).to_have_count(1)
    row = page.locator("main #outcomes tr[data-person='R01']")
    expect(row.locator("td").nth(1)).to_have_text(
        "、".join([zh(Assessment.Grade.EXCELLENT.label)] * 3)
    )
    # The other three wait for their assessments, and the page says so.
    page.click("main details > summary")
    expect(page.locator("main details li")).to_have_text(
        [
            said("Year %(n)s of %(name)s's cycle is not assessed yet.", n=1, name=name)
            for name in ("吴资深", "郑中期", "王中长")
        ]
    )
    page.select_option(f"{FORM} select[name=kind_{near.pk}]", Outcome.Kind.PROMOTE)
    page.fill(f"{FORM} textarea[name=comments_{near.pk}]", COMMENTS)
    # The committee meets after the cycle's last assessment and its end.
    meeting(page, "2027-03-20")
    office.shot("outcomes-form")
    submit(page)
    assert office.path() == cadres, errors(page)
    assert flashes(page, "success") == [said("The committee's decision is recorded.")]
    expect(page.locator("main #cadres tr[data-person='R01'] .badge")).to_have_text(
        zh(Status.PROMOTED.label)
    )
    # Nobody else's cycle can be closed: the way to the end of the cycle is gone.
    expect(page.locator(f"main #cadre-actions a[href='{detail}outcomes/']")).to_have_count(0)
    click(page, f"main #cadres a[href='{near_dossier}']")
    promoted = Outcome.objects.get(cadre=near)
    decided_here = page.locator(f"main #assessment #outcome-{promoted.pk}")
    expect(decided_here.locator("strong")).to_have_text(zh(Outcome.Kind.PROMOTE.label))
    expect(decided_here).to_contain_text("2027-03-20")
    expect(decided_here).to_contain_text(COMMENTS)
    expect(page.locator("main hgroup #status")).to_have_text(zh(Status.PROMOTED.label))
    office.shot("promoted")

    # 2. The next appointment campaign: he is marked among those who could apply.
    campaign = campaign_published(world)
    campaigns = f"{SCHOOL}/campaigns/"
    click(page, f"nav.subnav a[href='{campaigns}']")
    click(page, f"main a[href='{campaigns}{campaign.pk}/']")
    click(page, f"main a[href='{campaigns}{campaign.pk}/prospects/']")
    assert office.path() == f"{campaigns}{campaign.pk}/prospects/"
    position = page.locator("main details").filter(has=page.locator("tr[data-staff='R01']")).first
    if not position.evaluate("d => d.open"):
        position.locator("summary").click()
    mark = position.locator("tr[data-staff='R01'] [data-reserve]")
    expect(mark).to_be_visible()
    expect(mark).to_have_attribute("data-reserve", "promoted")
    expect(mark).to_have_text(said("Reserve cadre, promotion decided %(on)s", on="2027-03-20"))
    # 郑中期, still in cultivation, carries that mark instead; nobody else is promoted.
    expect(page.locator("main tr[data-staff='R03'] [data-reserve]").first).to_have_attribute(
        "data-reserve", "active"
    )
    expect(page.locator("main [data-reserve='promoted']")).to_have_count(
        page.locator("main tr[data-staff='R01']").count()
    )
    office.shot("prospects")

    near.refresh_from_db()
    assert (near.status, near.left_on, near.left_decision) == (
        Status.PROMOTED,
        date(2027, 3, 20),
        promoted.decision,
    )
    assert (promoted.kind, promoted.comments, promoted.decision.body) == (
        Outcome.Kind.PROMOTE,
        COMMENTS,
        programme.committee,
    )
    assert ReserveCadre.objects.filter(programme=programme, status=Status.ACTIVE).count() == 3
    assert not logged


def test_pipeline_dashboard_and_dossier_download(open_browser, world, staff, decided):
    programme = decided
    detail = f"{RESERVE}{programme.pk}/"
    mid = ReserveCadre.objects.get(programme=programme, person=staff["mid"])
    mid_dossier = f"{detail}cadres/{mid.pk}/"
    cultivation.material_upload(
        actor=world.users["school_admin"],
        cadre=mid,
        kind=Material.Kind.REFLECTION,
        title=REFLECTION,
        name="体会.pdf",
        content=PDF,
    )

    # 1. The office opens the pipeline from the programme's page: every tier short of its target.
    office = open_browser("desktop")
    page = office.page
    logged = console_errors(office)
    office.goto("/")
    office.login("admin-a")
    click(page, f"nav.subnav a[href='{RESERVE}']")
    click(page, f"main a[href='{detail}']")
    click(page, "main #pipeline-link")
    assert office.path() == f"{detail}pipeline/"
    expect(page.locator("main #summary article").first.locator("strong")).to_have_text("4 / 12")
    for code, active, target in (("三", 2, 3), ("四", 1, 4), ("五", 1, 5)):
        tier = page.locator(f"main #tiers tr[data-tier='{code}']")
        expect(tier.locator(".figure")).to_have_text(f"{active} / {target}")
        expect(tier.locator(".badge")).to_have_text(
            said("%(n)s fewer than the target", n=target - active)
        )
    # Year 1 and year 2 went unassessed: each cadre's first assessment is overdue.
    due = page.locator("main table#due tbody tr")
    expect(due).to_have_count(4)
    expect(page.locator(f"main #due tr[data-cadre='{mid.pk}']")).to_have_class("state-overdue")
    office.shot("pipeline")

    # 2. From there, 郑中期's dossier, as a Word document and as a zip with his files.
    click(page, f"main #due tr[data-cadre='{mid.pk}'] a[href='{mid_dossier}']")
    expect(page.locator("main h1")).to_contain_text("郑中期")
    files = {}
    for fmt in ("docx", "zip"):
        with page.expect_download() as download:
            page.click(f"main #dossier-actions a[href='{mid_dossier}dossier.{fmt}']")
        files[fmt] = download.value.suggested_filename
        files[f"{fmt}-bytes"] = Path(download.value.path()).read_bytes()
    assert files["docx"] == "郑中期培养档案.docx"
    assert files["zip"] == "郑中期培养档案.zip"
    document = docx.Document(io.BytesIO(files["docx-bytes"]))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "郑中期" in text and REFLECTION in text
    with zipfile.ZipFile(io.BytesIO(files["zip-bytes"])) as archive:
        names = archive.namelist()
        assert names[0] == "郑中期培养档案.docx"
        assert archive.read(names[0]) and len(names) == 2
        assert names[1].startswith("01_") and names[1].endswith(".pdf")
        assert archive.read(names[1]) == PDF
    office.shot("dossier")
    assert not logged
