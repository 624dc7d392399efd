import json
import pytest
from tests.browser.conftest import CHROMIUM_ARGS

def test_scratch(chromium, live_server, world):
    for vp in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
        ctx = chromium.new_context(viewport=vp, device_scale_factor=3)
        page = ctx.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.fill("input[name=username]", "admin-a"); page.fill("input[name=password]", "correct-horse-battery-staple")
        with page.expect_navigation(): page.click("main form button[type=submit]")
        page.goto(live_server.url + "/o/school-a/people/")
        page.locator("header").screenshot(path=f"test-artifacts/zz-header-{vp['width']}.png")
        info = page.evaluate("""() => {
          const s = document.querySelector('header select[name=language]');
          const sum = document.querySelector('header details.dropdown > summary');
          const cs = getComputedStyle(s);
          return {select: [s.clientWidth, s.scrollWidth, s.getBoundingClientRect().width, cs.paddingRight, cs.width],
                  summary: [sum.getBoundingClientRect().height, sum.getBoundingClientRect().width, getComputedStyle(sum).backgroundColor, getComputedStyle(sum).color]}
        }""")
        print(vp, json.dumps(info))
        page.click("header details.dropdown > summary")
        page.locator("header").screenshot(path=f"test-artifacts/zz-header-menu-{vp['width']}.png")
        page.screenshot(path=f"test-artifacts/zz-menu-open-{vp['width']}.png")
        ctx.close()
