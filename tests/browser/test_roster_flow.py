"""The roster as its users meet it, in Debian's Chromium.

Elements are found by names, selectors and hrefs, never by their (translated) labels; the
assertions are about data: names, staff numbers, counts, sheet and column names.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from cadre.people.models import Person
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

NEW_NAME = "陈明远"
NEW_STAFF_NO = "A101"
BAD_BIRTH_DATE = "1985-13-45"
BAD_ROLE_KIND = "校长助理"  # not in vocab.ROLE_KINDS


def fill_template(template: bytes, *, birth_date: str, first_role: str) -> bytes:
    """What a school office does: type one new teacher into the downloaded template."""
    wb = load_workbook(io.BytesIO(template))
    wb["教职工"].append(
        [
            NEW_STAFF_NO,
            NEW_NAME,
            "男",
            birth_date,
            "汉族",
            "江苏常州",
            "中共党员",
            "2010-07-01",
            "2008-09-01",
            "大学本科",
            "学士",
            "南京师范大学",
            "数学与应用数学",
            "一级教师",
            "党政办公室",
            "数学教师",
            "数学",
            "13812345678",
            "在职",
        ]
    )
    posts = wb["任职经历"]
    posts.append([NEW_STAFF_NO, first_role, "高一年级", "2015-09-01", "2018-08-31"])
    posts.append([NEW_STAFF_NO, "班主任", "高二(3)班", "2018-09-01", None])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def has_number(text: str, n: int) -> bool:
    """Whether `n` appears as a number of its own (Chinese text has no spaces around it)."""
    return re.search(rf"(?<!\d){n}(?!\d)", text) is not None


def result_rows(page) -> list[list[str]]:
    rows = page.locator("#results table tbody tr")
    return [[c.strip() for c in r.locator("td").all_inner_texts()] for r in rows.all()]


def test_school_admin_imports_the_roster(open_browser, world):
    school = world.school
    before = Person.objects.filter(organisation=school).count()
    assert before == 2  # 张老师 A001 and 李老师 A002
    visit = open_browser("desktop")
    page = visit.page

    # A new user opens the site, is sent to the login page and logs in.
    visit.goto("/")
    assert visit.path().startswith("/accounts/login/")
    visit.shot("login")
    visit.login("admin-a")
    assert visit.path() == "/o/school-a/"
    visit.shot("school-home")

    # The import page is one click away in the school's navigation.
    page.click("nav.subnav a[href='/o/school-a/people/import/']")
    page.wait_for_url("**/o/school-a/people/import/")
    assert page.locator("nav.subnav a[aria-current=page]").get_attribute("href") == (
        "/o/school-a/people/import/"
    )
    visit.shot("import-page")

    # The template is an xlsx workbook whose first sheet is 教职工.
    with page.expect_download() as download_info:
        page.click("main a[href='/o/school-a/people/template.xlsx']")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    template = download.path().read_bytes()
    assert template[:4] == b"PK\x03\x04"
    workbook = load_workbook(io.BytesIO(template))
    assert workbook.sheetnames == ["教职工", "任职经历", "年度考核", "荣誉"]
    assert workbook.worksheets[0].title == "教职工"
    assert [c.value for c in workbook["教职工"][1]][:4] == ["工号", "姓名", "性别", "出生日期"]

    # A file with a bad date and an unknown post kind: each problem is listed, nothing imported.
    bad = fill_template(template, birth_date=BAD_BIRTH_DATE, first_role=BAD_ROLE_KIND)
    visit.upload_roster(bad, "名册-有错.xlsx")
    errors = page.locator("#import-result section.import-errors")
    errors.wait_for()
    problems = [
        [c.strip() for c in row.locator("td").all_inner_texts()]
        for row in errors.locator("tbody tr").all()
    ]
    where = {(sheet, row, column) for sheet, row, column, _reason in problems}
    assert ("教职工", "2", "出生日期") in where, problems
    assert ("任职经历", "2", "任职类别") in where, problems
    reasons = {(p[0], p[2]): p[3] for p in problems}
    assert BAD_BIRTH_DATE in reasons[("教职工", "出生日期")]
    assert BAD_ROLE_KIND in reasons[("任职经历", "任职类别")]
    assert page.locator("#import-result section.import-preview").count() == 0
    visit.shot("import-errors")
    assert Person.objects.filter(organisation=school).count() == before
    assert not Person.objects.filter(staff_no=NEW_STAFF_NO).exists()

    # The roster list still shows the original people only.
    page.click("nav.subnav a[href='/o/school-a/people/']")
    page.wait_for_url("**/o/school-a/people/")
    rows = result_rows(page)
    assert sorted(r[0] for r in rows) == ["A001", "A002"]
    assert has_number(page.inner_text("#results > p"), before)
    visit.shot("roster-unchanged")

    # The corrected file previews one person to add; confirming imports him.
    page.click("nav.subnav a[href='/o/school-a/people/import/']")
    page.wait_for_url("**/o/school-a/people/import/")
    good = fill_template(template, birth_date="1985-03-12", first_role="年级组长")
    visit.upload_roster(good, "名册.xlsx")
    preview = page.locator("#import-result section.import-preview")
    preview.wait_for()
    assert page.locator("#import-result section.import-errors").count() == 0
    added, updated, unchanged = preview.locator(".stats article strong").all_inner_texts()
    assert (added, updated, unchanged) == ("1", "0", "0")
    preview_rows = [
        [c.strip() for c in r.locator("td").all_inner_texts()]
        for r in preview.locator("tbody tr").all()
    ]
    assert [r[:2] for r in preview_rows] == [[NEW_STAFF_NO, NEW_NAME]]
    visit.shot("import-preview")
    assert not Person.objects.filter(staff_no=NEW_STAFF_NO).exists()

    with page.expect_navigation():
        preview.locator("form[action$='/confirm/'] button[type=submit]").click()
    page.wait_for_function(
        "() => document.querySelector('#import-result').dataset.status === 'applied'"
    )
    flash = page.locator("#import-result p.flash")
    assert "flash-success" in flash.get_attribute("class")
    assert has_number(flash.inner_text(), 1)  # one added
    visit.shot("import-done")
    with page.expect_navigation():
        page.click("#import-result a[href='/o/school-a/people/']")
    assert sorted(r[0] for r in result_rows(page)) == ["A001", "A002", NEW_STAFF_NO]
    visit.shot("roster-imported")
    person = Person.objects.get(organisation=school, staff_no=NEW_STAFF_NO)
    assert person.name == NEW_NAME
    assert Person.objects.filter(organisation=school).count() == before + 1

    # The search box narrows the list to him as the name is typed (htmx, no submit).
    with page.expect_response(lambda r: "q=" in r.url and r.ok):
        page.fill("main form.filters input[name=q]", NEW_NAME)
    page.wait_for_function(
        "() => document.querySelectorAll('#results table tbody tr').length === 1"
    )
    rows = result_rows(page)
    assert rows[0][:2] == [NEW_STAFF_NO, NEW_NAME]
    assert "q=" in page.url  # the filter is in the address, so it can be bookmarked
    visit.shot("roster-search")

    # His page shows the post history from the workbook, kinds and dates.
    page.click(f"#results a[href='/o/school-a/people/{person.pk}/']")
    page.wait_for_url(f"**/o/school-a/people/{person.pk}/")
    assert page.locator("main h1").inner_text().startswith(NEW_NAME)
    posts = page.locator("main section").first.locator("table tbody tr")
    history = [[c.strip() for c in r.locator("td").all_inner_texts()] for r in posts.all()]
    by_kind = {row[0]: row for row in history}
    assert set(by_kind) == {"年级组长", "班主任"}, history
    assert by_kind["年级组长"][1:4] == ["高一年级", "2015年9月1日", "2018年8月31日"]
    assert by_kind["班主任"][1:3] == ["高二(3)班", "2018年9月1日"]
    assert by_kind["班主任"][3] not in ("", "—")  # still held: shown as "now"
    visit.shot("person-detail")


def test_login_logout_and_password_change(open_browser, world):
    visit = open_browser("desktop")
    page = visit.page
    new_password = "a-brand-new-staple-42"

    # A wrong password is refused with a message, on the login page.
    visit.goto("/accounts/login/")
    visit.login("leader-a", "not-the-password")
    assert visit.path().startswith("/accounts/login/")
    assert page.locator("main p.error[role=alert]").is_visible()
    assert page.input_value("input[name=username]") == "leader-a"
    visit.shot("login-wrong-password")

    visit.login("leader-a")
    assert visit.path() == "/o/school-a/"
    assert page.locator("main p.error").count() == 0
    visit.shot("logged-in")

    # Logging out ends the session: the school's pages ask for a login again.
    visit.logout()
    assert visit.path().startswith("/accounts/login/")
    visit.shot("logged-out")
    visit.goto("/o/school-a/")
    assert visit.path().startswith("/accounts/login/")
    visit.shot("login-required-again")

    # Change the password from the user menu, log out, and only the new one works.
    visit.login("leader-a")
    visit.user_menu()
    visit.shot("user-menu")
    with page.expect_navigation():
        page.click("header a[href='/accounts/password_change/']")
    visit.shot("password-change")
    page.fill("input[name=old_password]", PASSWORD)
    page.fill("input[name=new_password1]", new_password)
    page.fill("input[name=new_password2]", new_password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert visit.path() == "/accounts/password_change/done/"
    visit.shot("password-changed")
    assert get_user_model().objects.get(username="leader-a").check_password(new_password)

    visit.logout()
    visit.login("leader-a", PASSWORD)
    assert visit.path().startswith("/accounts/login/")
    assert page.locator("main p.error[role=alert]").is_visible()
    visit.shot("old-password-refused")
    visit.login("leader-a", new_password)
    assert visit.path() == "/o/school-a/"
    visit.shot("logged-in-with-new-password")


def test_teacher_sees_his_own_record_on_a_phone(open_browser, world):
    visit = open_browser("phone")
    page = visit.page

    visit.goto("/")
    assert visit.path().startswith("/accounts/login/")
    assert visit.horizontal_overflow() <= 2
    visit.shot("login")
    visit.login("teacher-a")
    assert visit.path() == "/o/school-a/"
    assert visit.horizontal_overflow() <= 2
    visit.shot("school-home")

    # His own record is in the school's navigation.
    page.click("nav.subnav a[href='/o/school-a/people/me/']")
    page.wait_for_url("**/o/school-a/people/me/")
    assert page.locator("nav.subnav a[aria-current=page]").get_attribute("href") == (
        "/o/school-a/people/me/"
    )
    # Staff get neither the roster nor its import in the navigation.
    assert page.locator("nav.subnav a[href='/o/school-a/people/']").count() == 0
    assert page.locator("nav.subnav a[href='/o/school-a/people/import/']").count() == 0

    assert page.locator("main h1").inner_text().startswith("张老师")
    assert "A001" in page.inner_text("main h1")
    history = page.locator("main section").first.locator("table tbody tr td").all_inner_texts()
    assert "班主任" in history
    assert "2019年9月1日" in history
    # Staff read their record; they do not get the roster's edit and delete buttons.
    assert page.locator("main a[href$='/edit/']").count() == 0
    assert page.locator("main form[action$='/delete/']").count() == 0
    overflow = visit.horizontal_overflow()
    visit.shot("my-record")
    assert overflow <= 2, f"the page is {overflow}px wider than the phone"

    # Staff may not open the roster, its import, or a colleague's record.
    for name, path in (
        ("roster", "/o/school-a/people/"),
        ("import", "/o/school-a/people/import/"),
        ("colleague", f"/o/school-a/people/{world.colleague.pk}/"),
    ):
        response = visit.goto(path)
        visit.shot(f"{name}-forbidden")
        assert response.status == 403, path

    # A bookmark to his record survives the login: he comes back to it. (The bare 403 page
    # has no header, so he goes back to a page with the user menu to log out.)
    visit.goto("/o/school-a/")
    visit.logout()
    visit.goto("/o/school-a/people/me/")
    assert visit.path().startswith("/accounts/login/")
    visit.login("teacher-a")
    assert visit.path() == "/o/school-a/people/me/"
    assert page.locator("main h1").inner_text().startswith("张老师")
    visit.shot("my-record-after-login")


@pytest.mark.parametrize("viewport", ["phone", "tablet"])
def test_admin_pages_fit_small_screens(open_browser, world, viewport):
    visit = open_browser(viewport)
    visit.goto("/accounts/login/")
    visit.shot("login")
    visit.login("admin-a")
    for name, path in (
        ("school-home", "/o/school-a/"),
        ("roster", "/o/school-a/people/"),
        ("import", "/o/school-a/people/import/"),
        ("person", f"/o/school-a/people/{world.person.pk}/"),
    ):
        assert visit.goto(path).status == 200, path
        overflow = visit.horizontal_overflow()
        visit.shot(name)
        assert overflow <= 2, f"{path} is {overflow}px wider than the {viewport}"


def test_language_switch(open_browser, world):
    visit = open_browser("desktop")  # its browser asks for English: Chinese wins
    page = visit.page

    visit.goto("/accounts/login/")
    assert page.get_attribute("html", "lang") == "zh-hans"
    visit.shot("login-chinese")
    visit.login("admin-a")
    visit.goto("/o/school-a/people/")
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert page.get_attribute(".lang-switch button[aria-current=true]", "value") == "zh-hans"
    visit.shot("chinese")

    # Picking English comes back to the same page, in English.
    with page.expect_navigation():
        page.click(".lang-switch button[value=en]")
    assert visit.path() == "/o/school-a/people/"
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute(".lang-switch button[aria-current=true]", "value") == "en"
    assert sorted(r[0] for r in result_rows(page)) == ["A001", "A002"]
    visit.shot("english")

    # The choice sticks to the next page, and can be undone.
    visit.goto("/o/school-a/")
    assert page.get_attribute("html", "lang") == "en"
    visit.shot("school-home-english")
    with page.expect_navigation():
        page.click(".lang-switch button[value=zh-hans]")
    assert page.get_attribute("html", "lang") == "zh-hans"
    visit.shot("chinese-again")
