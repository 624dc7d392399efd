"""A teacher who forgets his password, on his phone: four wrong tries show the login form
again, the fifth locks the account on that device with a Chinese explanation, and even the
right password then waits; a colleague on another device logs in as usual."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_five_wrong_passwords_lock_the_account_with_an_explanation(open_browser, world):
    phone = open_browser("phone")
    phone.goto("/accounts/login/")
    for _ in range(4):
        phone.login("teacher-a", "wrong-password")
        expect(phone.page.locator("main form[action$='/accounts/login/']")).to_be_visible()
    phone.login("teacher-a", "wrong-password")
    expect(phone.page.locator("#locked-out")).to_contain_text("输错密码次数过多")
    expect(phone.page.locator("#locked-out")).to_contain_text("15分钟后再试")
    assert phone.horizontal_overflow() == 0
    phone.shot("locked-out")

    # The right password does not get through the lock on this device.
    phone.goto("/accounts/login/")
    phone.login("teacher-a", PASSWORD)
    expect(phone.page.locator("#locked-out")).to_be_visible()

    # Another device (another address in real life; here another account) is not locked.
    desk = open_browser("desktop")
    desk.goto("/accounts/login/")
    desk.login("admin-a", PASSWORD)
    assert desk.path().startswith("/o/") or desk.path() == "/"
