"""Production settings refuse to start when insecure; the others need no environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 60


def check(settings_module, **env):
    """Run ``manage.py check --deploy`` in a fresh process with exactly ``env`` set."""
    # Nor what other tests set for themselves (the browser tests allow async-unsafe calls).
    leave_out = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in leave_out}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"ALLOWED_HOSTS": "shahr.example"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must be set"),
        (
            {"SECRET_KEY": "django-insecure-" + GOOD_KEY, "ALLOWED_HOSTS": "shahr.example"},
            "insecure",
        ),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "shahr.example"}, "insecure"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "shahr.example", "DEBUG": "true"}, "DEBUG"),
    ],
)
def test_production_refuses_to_start_when_insecure(env, complaint):
    result = check("portal.settings.production", **env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert complaint in result.stderr


def test_production_passes_the_deployment_checklist_when_configured():
    result = check(
        "portal.settings.production",
        SECRET_KEY="x7#kQ2!vLp9@zR4$wN8^bT1&mF6*hJ3(cD5)gS0-aE2+yU7=iO4_" + "s" * 10,
        ALLOWED_HOSTS="shahr.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
