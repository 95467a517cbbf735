"""Production settings refuse to start when insecure; the others need no environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 60
REDIS = "redis://127.0.0.1:6379/0"


def check(settings_module, **env):
    """Run ``manage.py check --deploy`` in a fresh process with exactly ``env`` set."""
    # Nor what other tests set for themselves (the browser tests allow async-unsafe calls).
    leave_out = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}
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
        (
            {
                "SECRET_KEY": GOOD_KEY,
                "ALLOWED_HOSTS": "shahr.example",
                "REDIS_URL": REDIS,
                "DEBUG": "true",
            },
            "DEBUG",
        ),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "shahr.example"}, "REDIS_URL must be set"),
        (
            {
                "SECRET_KEY": GOOD_KEY,
                "ALLOWED_HOSTS": "shahr.example",
                "REDIS_URL": REDIS,
                "SHAFAF_TASKS": "celery",
            },
            "SHAFAF_TASKS must be one of",
        ),
        (
            {
                "SECRET_KEY": GOOD_KEY,
                "ALLOWED_HOSTS": "shahr.example",
                "REDIS_URL": REDIS,
                "AWS_STORAGE_BUCKET_NAME": "shahr-media",
            },
            "AWS_ACCESS_KEY_ID must be set",
        ),
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
        REDIS_URL=REDIS,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def production_settings(*names, **env):
    """The named production settings, as JSON, read in a fresh process with ``env`` set."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT / "site",
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "REDIS_URL": REDIS,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_reads_trusted_origins_and_sets_cookie_and_referrer_policies():
    values = production_settings(
        "CSRF_TRUSTED_ORIGINS",
        "SESSION_COOKIE_HTTPONLY",
        "SECURE_REFERRER_POLICY",
        "LOGGING",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="shahr.example",
        CSRF_TRUSTED_ORIGINS="https://shahr.example, https://www.shahr.example",
    )

    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://shahr.example", "https://www.shahr.example"]
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["LOGGING"]["handlers"]["stderr"]["stream"] == "ext://sys.stderr"


def test_production_queues_tasks_for_the_worker_and_keeps_media_private_on_s3():
    values = production_settings(
        "TASKS",
        "STORAGES",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="shahr.example",
        AWS_STORAGE_BUCKET_NAME="shahr-media",
        AWS_S3_ENDPOINT_URL="https://s3.shahr.example",
        AWS_ACCESS_KEY_ID="id",
        AWS_SECRET_ACCESS_KEY="secret",
    )

    assert values["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    media = values["STORAGES"]["default"]
    assert media["BACKEND"] == "storages.backends.s3.S3Storage"
    assert media["OPTIONS"]["endpoint_url"] == "https://s3.shahr.example"
    assert media["OPTIONS"]["querystring_auth"] is True
    assert media["OPTIONS"]["default_acl"] is None
