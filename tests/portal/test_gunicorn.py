"""deploy/gunicorn.conf.py starts the production settings; probes answer over plain HTTP."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url):
    """(status, headers) of a GET, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def wait_until_listening(port, process, deadline=30):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited: {process.communicate()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail("gunicorn did not start listening")


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn with deploy/gunicorn.conf.py and production settings, one worker."""
    port = unused_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "REDIS_URL", "ELASTICSEARCH_URL"}
    }
    env.update(
        SECRET_KEY="p" * 60,
        ALLOWED_HOSTS="127.0.0.1",
        # Required in production; unreachable Redis only slows the cache down (IGNORE_EXCEPTIONS).
        REDIS_URL="redis://127.0.0.1:6379/15",
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('db') / 'db.sqlite3'}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_listening(port, process)
    yield {"url": f"http://127.0.0.1:{port}", "process": process}
    process.terminate()
    process.wait(timeout=10)


def test_healthz_answers_over_plain_http_behind_the_ssl_redirect(gunicorn):
    status, _headers = get(f"{gunicorn['url']}/healthz")

    assert status == 200


def test_other_addresses_are_redirected_to_https(gunicorn):
    status, headers = get(f"{gunicorn['url']}/")

    assert status == 301
    assert headers["Location"].startswith("https://")


# Last in the module: it stops the server to read what it wrote.
def test_access_log_goes_to_stdout(gunicorn):
    get(f"{gunicorn['url']}/healthz?from=access-log-test")
    process = gunicorn["process"]
    process.terminate()
    stdout, _stderr = process.communicate(timeout=10)

    assert "GET /healthz?from=access-log-test" in stdout
