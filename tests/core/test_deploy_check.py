"""`cadre check --deploy` with the production settings finds nothing to warn about, both
behind TLS (the default) and on a school's plain-HTTP intranet server (CADRE_HTTPS=0)."""

import os
import secrets
import subprocess
import sys

import pytest


@pytest.mark.parametrize("https", ["1", "0"])
def test_the_deployment_check_is_clean(tmp_path, https):
    env = {
        **os.environ,
        "CADRE_ENV": "production",
        "CADRE_HTTPS": https,
        "CADRE_SECRET_KEY": secrets.token_urlsafe(50),
        "CADRE_BALLOT_KEY": secrets.token_urlsafe(32),
        "CADRE_ALLOWED_HOSTS": "cadre.example.edu.cn",
        "CADRE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cadre.settings",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets(tmp_path):
    env = {
        **os.environ,
        "CADRE_ENV": "production",
        "CADRE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cadre.settings",
    }
    for key in ("CADRE_SECRET_KEY", "CADRE_BALLOT_KEY", "DATABASE_URL"):
        env.pop(key, None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "CADRE_SECRET_KEY must be set" in result.stderr
