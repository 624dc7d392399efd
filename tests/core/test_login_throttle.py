"""Login throttling: five wrong passwords for one account from one address lock that pair
out — even the right password is then refused — while the same account from another
address, and other accounts, still log in; a good login clears the count."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

LOGIN = "/accounts/login/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.fixture
def from_a(db):
    return Client(REMOTE_ADDR="10.0.0.1")


def test_five_wrong_passwords_lock_the_account_from_that_address(world, from_a):
    for _ in range(4):
        assert attempt(from_a, "teacher-a", "wrong").status_code == 200
    locked = attempt(from_a, "teacher-a", "wrong")
    assert locked.status_code == 429
    assert 'id="locked-out"' in locked.content.decode()
    # The right password does not get through the lock.
    assert attempt(from_a, "teacher-a", PASSWORD).status_code == 429
    # Another address, and another account, are not locked.
    elsewhere = Client(REMOTE_ADDR="10.0.0.2")
    assert attempt(elsewhere, "teacher-a", PASSWORD).status_code == 302
    assert attempt(from_a, "admin-a", PASSWORD).status_code == 302


def test_a_good_login_clears_the_count(world, from_a):
    for _ in range(4):
        attempt(from_a, "teacher-a", "wrong")
    assert attempt(from_a, "teacher-a", PASSWORD).status_code == 302
    from_a.post(reverse("logout"))
    for _ in range(4):
        assert attempt(from_a, "teacher-a", "wrong").status_code == 200
    assert attempt(from_a, "teacher-a", PASSWORD).status_code == 302


def test_behind_the_proxy_the_client_is_the_address_nginx_appended(world, settings):
    """With nginx in front, every request comes from nginx: the client is the address it
    appends to X-Forwarded-For, whatever the client wrote there itself."""
    settings.CADRE_TRUSTED_PROXIES = 1
    nginx = "10.0.0.9"
    liar = Client(REMOTE_ADDR=nginx, HTTP_X_FORWARDED_FOR="1.1.1.1, 10.1.2.3")
    for _ in range(5):
        attempt(liar, "teacher-a", "wrong")
    assert attempt(liar, "teacher-a", PASSWORD).status_code == 429
    # Another client behind the same proxy is not locked out.
    colleague = Client(REMOTE_ADDR=nginx, HTTP_X_FORWARDED_FOR="10.1.2.4")
    assert attempt(colleague, "teacher-a", PASSWORD).status_code == 302
    # Changing the part the client writes itself does not escape the lock.
    liar2 = Client(REMOTE_ADDR=nginx, HTTP_X_FORWARDED_FOR="8.8.8.8, 10.1.2.3")
    assert attempt(liar2, "teacher-a", PASSWORD).status_code == 429
