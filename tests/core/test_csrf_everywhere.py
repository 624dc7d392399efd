"""CSRF protection on every view of the URL configuration, except those whose credential is
not a session cookie a forged request could ride on: each exemption is listed with why."""

from django.urls import URLPattern, URLResolver, get_resolver

# The voter has no session: the one-time code typed into the ballot is the credential, and a
# forged request cannot know it. The expert's personal token is in the path, likewise.
EXEMPT = {
    "cadre.ballots.vote.ballot",
    "cadre.panels.expert.expert_conflict",
    "cadre.panels.expert.expert_sheet",
}


def views(resolver=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from views(entry)
        elif isinstance(entry, URLPattern):
            yield entry.callback


def name(view) -> str:
    return f"{view.__module__}.{view.__name__}"


def test_every_view_is_csrf_protected_but_the_listed_ones():
    exempt = {name(v) for v in views() if getattr(v, "csrf_exempt", False)}
    assert exempt == EXEMPT


def test_the_matrix_sees_the_whole_configuration():
    assert len({name(v) for v in views()}) > 100
