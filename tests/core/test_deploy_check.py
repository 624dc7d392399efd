"""`cadre check --deploy` with the production settings finds nothing to warn about, both
behind TLS (the default) and on a school's plain-HTTP intranet server (CADRE_HTTPS=0)."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request

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


def test_the_production_server_serves_pages_and_hashed_static_files(tmp_path):
    """`cadre serve` with the production settings: migrates, collects the static files and
    serves the login page, whose scripts and styles are whitenoise's hashed copies."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "CADRE_ENV": "production",
        "CADRE_HTTPS": "0",
        "CADRE_SECRET_KEY": secrets.token_urlsafe(50),
        "CADRE_BALLOT_KEY": secrets.token_urlsafe(32),
        "CADRE_ALLOWED_HOSTS": "127.0.0.1",
        "CADRE_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "cadre.settings",
    }
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cadre.manage",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = None
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as r:
                    page = r.read().decode()
                    headers = r.headers
                break
            except OSError:
                time.sleep(0.5)
        assert page is not None, "the server did not answer"
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        css = re.search(r"/static/cadre/cadre\.[0-9a-f]{12}\.css", page)
        assert css, "the page does not link the hashed stylesheet"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{css.group(0)}") as r:
            assert r.status == 200 and b"badge" in r.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
