"""Every organisation-scoped URL of the URL configuration, tried by outsiders.

Generated from the resolver, so a new view cannot be forgotten: another school's admin gets
404 and an anonymous visitor is sent to the login page, for GET and POST alike. The school's
own admin, as a control, is never told that the object does not exist.
"""

import pytest

from tests.orgs.matrix import ROUTES, build_objects, fill


@pytest.fixture
def objects(world):
    """One object of every kind a URL can name, all in the first school."""
    return build_objects(world)


def test_the_matrix_covers_the_product():
    assert len(ROUTES) >= 40


# Pages about oneself are opened by someone on the roster; the admin account is not.
CONTROL = {"o/<slug:code>/people/me/": "teacher"}


@pytest.mark.parametrize("route", ROUTES)
def test_the_urls_name_real_objects(world, objects, route):
    url = fill(route, world, objects)
    persona = CONTROL.get(route, "school_admin")
    assert world.client(persona).get(url).status_code != 404, url


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_schools_admin_gets_nothing(world, objects, route, method):
    url = fill(route, world, objects)
    response = getattr(world.client("other_admin"), method)(url)
    assert response.status_code in (404, 405), url


@pytest.mark.parametrize("route", ROUTES)
def test_an_anonymous_visitor_is_sent_to_log_in(world, objects, route):
    url = fill(route, world, objects)
    response = world.client("anonymous").get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
