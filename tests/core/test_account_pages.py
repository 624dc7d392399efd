"""Django's account views that Cadre serves, and no others: it sends no e-mail, and the views
of a password reset by mail, which had no templates, answered with a server error (found by
tests/core/test_form_fuzz.py)."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/password_reset/",
        "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/",
        "/accounts/reset/done/",
    ],
)
def test_there_is_no_password_reset_by_mail(client, url):
    assert client.get(url).status_code == 404


def test_a_user_changes_his_password_and_logs_out(world):
    client = world.client("teacher")
    assert client.get("/accounts/password_change/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/password_change/").status_code == 302  # to log in
