"""Every organisation-scoped URL of the URL configuration, tried by outsiders.

Generated from the resolver, so a new view cannot be forgotten: another school's admin gets
404 and an anonymous visitor is sent to the login page, for GET and POST alike.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cadre.people.models import PostHistory, RosterUpload


def org_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from org_patterns(entry, route)
        elif isinstance(entry, URLPattern) and "<slug:code>" in route:
            yield route


ROUTES = sorted(set(org_patterns()))


def fill(route, world):
    post = PostHistory.objects.filter(person=world.person).first()
    upload = RosterUpload.objects.create(organisation=world.school, filename="x.xlsx", content=b"")
    values = {
        "<slug:code>": world.school.code,
        "<int:pk>": str(world.person.pk),
        "<slug:kind>": "post",
        "<int:record_pk>": str(post.pk),
        "<int:upload_pk>": str(upload.pk),
    }
    for token, value in values.items():
        route = route.replace(token, value)
    assert "<" not in route, f"teach this test the parameter of {route}"
    return "/" + route


def test_the_matrix_covers_the_foundation():
    assert len(ROUTES) >= 15


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_schools_admin_gets_nothing(world, route, method):
    url = fill(route, world)
    response = getattr(world.client("other_admin"), method)(url)
    assert response.status_code in (404, 405), url


@pytest.mark.parametrize("route", ROUTES)
def test_an_anonymous_visitor_is_sent_to_log_in(world, route):
    url = fill(route, world)
    response = world.client("anonymous").get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
