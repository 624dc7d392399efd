"""The security headers every page carries, and the templates that keep the strict
Content-Security-Policy possible: no inline script, no inline style, no event handler
attribute (the browser tests fail on any page the policy refuses)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "cadre"


@pytest.mark.parametrize("path", ["/accounts/login/", "/r/"])
def test_pages_carry_the_security_headers(client, db, path):
    response = client.get(path, follow=True)
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_logged_in_page_carries_the_policy(world):
    response = world.client("school_admin").get(reverse("orgs:home", args=[world.school.code]))
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_no_template_has_inline_script_style_or_handlers():
    offenders = []
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle=", r"\son[a-z]+="):
            if re.search(pattern, text):
                offenders.append(f"{template.relative_to(TEMPLATES)}: {pattern}")
    assert not offenders, offenders
