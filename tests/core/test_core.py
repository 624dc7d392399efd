import json
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

PO = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok" and body["database"] == "ok"


def test_every_message_has_a_chinese_translation():
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert missing == [] and fuzzy == []


def test_the_catalogue_covers_every_message_in_the_code(tmp_path):
    """makemessages finds nothing that the committed catalogue lacks."""
    if subprocess.run(["which", "xgettext"], capture_output=True).returncode:
        pytest.fail("xgettext is missing: apt-get install gettext")
    committed = {e.msgid for e in polib.pofile(str(PO))}
    import shutil

    work = tmp_path / "cadre"
    shutil.copytree(settings.BASE_DIR, work, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        ["django-admin", "makemessages", "-l", "zh_Hans", "--no-location", "--no-obsolete"],
        cwd=work,
        check=True,
        capture_output=True,
        env={"PATH": str(Path(__import__("sys").executable).parent) + ":/usr/bin:/bin"},
    )
    found = {e.msgid for e in polib.pofile(str(work / "locale/zh_Hans/LC_MESSAGES/django.po"))}
    assert found - committed == set(), "run `make messages` and translate the new messages"


def test_the_compiled_catalogue_matches_the_source():
    mo = polib.mofile(str(PO.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    for entry in polib.pofile(str(PO)).translated_entries():
        if not entry.msgid_plural:
            assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, entry.msgid


def test_pages_are_chinese_by_default_even_for_english_browsers(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="zh-hans"' in response.content.decode()
    assert "登录" in response.content.decode()


def test_the_language_switch_turns_the_pages_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    assert '<html lang="en"' in response.content.decode()
    assert "Log in" in response.content.decode()


def test_static_files_are_served_locally():
    """No CDN: every script and style the base template loads is a file of ours."""
    base = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    assert "http://" not in base and "https://" not in base
    static = Path(settings.BASE_DIR) / "core" / "static" / "cadre" / "vendor"
    assert (static / "htmx-2.0.11.min.js").exists() and (static / "pico-2.1.1.min.css").exists()


def test_every_model_change_has_its_migration(db):
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_form_labels_end_with_a_full_width_colon_in_chinese(db):
    from django.utils import translation

    from cadre.people.forms import RosterUploadForm

    with translation.override("zh-hans"):
        assert RosterUploadForm(max_bytes=1)["file"].label_tag().endswith("：</label>")
