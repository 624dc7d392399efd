"""The optional Redis cache of a district's several app servers (`CADRE_REDIS_URL`).

What the cache holds must be shared by every app server: the count of wrong ballot codes
from one client would otherwise reset whenever a load balancer sent the next guess to
another server. A real redis-server is started on a free port of 127.0.0.1 for these tests.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from cadre.ballots.models import Ballot
from cadre.ballots.vote import FAILURES_ALLOWED

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
PROJECT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if not Path(REDIS_SERVER).exists():
        pytest.fail(
            "redis-server is not installed: the Redis cache tests need it "
            "(`apt-get install redis-server`).",
            pytrace=False,
        )
    import redis

    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", workdir],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"redis-server did not start on port {port}", pytrace=False)
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(10)


def _redis_cache(url: str) -> dict:
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}


def test_cadre_redis_url_puts_the_cache_in_redis_for_every_process(redis_url):
    """The settings read CADRE_REDIS_URL: what one process stores, another one reads."""
    script = (
        "import django; django.setup();"
        "from django.core.cache import caches;"
        "print(caches['default'].__class__.__name__);"
        "caches['default'].set('shared-by-app-servers', 'written by server one', 60)"
    )
    env = {
        **os.environ,
        "CADRE_REDIS_URL": redis_url,
        "DJANGO_SETTINGS_MODULE": "cadre.settings",
    }
    written = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=PROJECT, capture_output=True, text=True
    )
    assert written.returncode == 0, written.stderr
    assert "RedisCache" in written.stdout
    read = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.core.cache import cache;"
            "print(cache.get('shared-by-app-servers'))",
        ],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == "written by server one"


def test_wrong_codes_are_counted_across_app_servers(redis_url, evaluation, client):
    url = reverse("vote", args=[evaluation.public_id])
    good = {"code": evaluation.codes[0], "step": "cast", f"c{evaluation.keys[0]}": "satisfied"}
    with override_settings(CACHES=_redis_cache(redis_url)):
        caches["default"].clear()
        for _ in range(FAILURES_ALLOWED):
            wrong = client.post(url, {"code": "AAAA-AAAA-AAAA", "step": "cast"})
            assert wrong.status_code == 400
    # A fresh cache connection, as another app server behind the load balancer has.
    with override_settings(CACHES=_redis_cache(redis_url)):
        refused = client.post(url, good)
        assert refused.status_code == 429
        assert not Ballot.objects.exists()
        caches["default"].clear()  # the window has passed
        cast = client.post(url, good)
        assert cast.status_code == 200 and Ballot.objects.count() == 1


def test_the_ballot_goes_on_when_the_cache_is_down(evaluation, client, caplog):
    """Nothing listens on the port: the guard against guessing is off, the meeting is not."""
    url = reverse("vote", args=[evaluation.public_id])
    down = f"redis://127.0.0.1:{_free_port()}/0"
    with override_settings(CACHES=_redis_cache(down)):
        wrong = client.post(url, {"code": "AAAA-AAAA-AAAA", "step": "cast"})
        assert wrong.status_code == 400
        cast = client.post(
            url,
            {"code": evaluation.codes[1], "step": "cast", f"c{evaluation.keys[0]}": "unsatisfied"},
        )
    assert cast.status_code == 200 and Ballot.objects.count() == 1
    assert "wrong ballot codes are not being counted" in caplog.text
