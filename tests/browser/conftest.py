"""Browser fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test gets its own Playwright and Chromium: while Playwright runs, an asyncio loop is
alive in the test thread, so the unsafe-ORM switch of `browser_env` must not outlive the
test. Launching takes well under a second.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response, sync_playwright

from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "tablet": {"width": 820, "height": 1180},
    "desktop": {"width": 1280, "height": 900},
}
TIMEOUT_MS = 10_000


@pytest.fixture
def chromium(browser_env) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need Debian's "
            "Chromium, install it with `apt-get install chromium` "
            "(do not run `playwright install`).",
            pytrace=False,
        )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    """One browser window on the live server, saving a screenshot of each page it shows."""

    page: Page
    base_url: str
    prefix: str
    shots: int = 0
    page_errors: list[str] = field(default_factory=list)
    broken_assets: list[str] = field(default_factory=list)
    refused_by_policy: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str) -> Response | None:
        return self.page.goto(self.url(path))

    def path(self) -> str:
        return re.sub(r"^https?://[^/]+", "", self.page.url)

    def shot(self, name: str) -> Path:
        self.shots += 1
        target = ARTIFACTS / f"{self.prefix}-{self.shots:02d}-{name}.png"
        self.page.screenshot(path=target, full_page=True)
        return target

    def accept_dialogs(self) -> list[str]:
        """Accept every confirm() the page asks, keeping the questions to assert on."""
        said = []

        def accept(dialog):
            said.append(dialog.message)
            dialog.accept()

        self.page.on("dialog", accept)
        return said

    def login(self, username: str, password: str = PASSWORD) -> None:
        """Fill the login form (the page must show it) and submit it."""
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        with self.page.expect_navigation():
            self.page.click("main form[action$='/accounts/login/'] button[type=submit]")

    def user_menu(self) -> None:
        summary = self.page.locator("header details.dropdown > summary")
        if self.page.locator("header details.dropdown[open]").count() == 0:
            summary.click()

    def logout(self) -> None:
        self.user_menu()
        with self.page.expect_navigation():
            self.page.click("header form[action$='/accounts/logout/'] button[type=submit]")

    def upload_roster(self, content: bytes, filename: str) -> None:
        """Upload a roster workbook from the import page, as the office does, and wait until
        it is checked: htmx opens the upload's own page, which polls itself while the workbook
        is read and settles on the problems or the preview."""
        form = self.page.locator("main form[hx-post$='/people/import/']")
        form.locator("input[type=file][name=file]").set_input_files(
            files=[
                {
                    "name": filename,
                    "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "buffer": content,
                }
            ]
        )
        with self.page.expect_navigation(url=re.compile(r"/people/import/\d+/$")):
            form.locator("button[type=submit]").click()
        self.page.wait_for_function(
            "() => !['checking', 'applying'].includes("
            "document.querySelector('#import-result').dataset.status)"
        )

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the page is wider than the viewport (0 when it fits)."""
        return self.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


@pytest.fixture
def open_browser(chromium, live_server, request) -> Iterator[Callable[..., Visit]]:
    """`open_browser(viewport="desktop")` opens a fresh window (own cookies) on the live server."""
    ARTIFACTS.mkdir(exist_ok=True)
    test_name = request.node.name.removeprefix("test_")
    visits: list[Visit] = []

    def open_(viewport: str = "desktop", locale: str = "en-US") -> Visit:
        context = chromium.new_context(
            viewport=VIEWPORTS[viewport], accept_downloads=True, locale=locale
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        suffix = f"-{len(visits) + 1}" if visits else ""
        visit = Visit(page, live_server.url, f"{test_name}{suffix}-{viewport}")
        page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
        # The Content-Security-Policy forbids inline scripts and styles: a page that has one
        # is broken for users even if the test's clicks still work.
        page.on(
            "console",
            lambda m: (
                visit.refused_by_policy.append(f"{visit.path()}: {m.text}")
                if m.type == "error" and "Content Security Policy" in m.text
                else None
            ),
        )
        page.on(
            "response",
            lambda r: (
                visit.broken_assets.append(f"{r.status} {r.url}")
                if "/static/" in r.url and r.status >= 400
                else None
            ),
        )
        visits.append(visit)
        return visit

    yield open_

    for visit in visits:
        visit.page.context.close()
    for visit in visits:
        assert not visit.page_errors, f"JavaScript errors: {visit.page_errors}"
        assert not visit.broken_assets, f"static files failed to load: {visit.broken_assets}"
        assert not visit.refused_by_policy, f"refused by the CSP: {visit.refused_by_policy}"
