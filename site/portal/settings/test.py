"""Settings for the pytest suite: fast hashing, files in a temporary folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "django-insecure-shafaf-tests-only"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="shafaf-test-media-"))
# An existing, empty folder: WhiteNoise warns about a missing one; the browser tests'
# live server serves static files from the finders instead.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="shafaf-test-static-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A file, not SQLite's shared in-memory database, so the browser tests' live server thread
# gets a connection of its own; one file per test run, so parallel runs don't collide.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(MEDIA_ROOT.parent / f"{MEDIA_ROOT.name}.sqlite3")}  # noqa: F405

# Off, so no test gets a page another test kept; tests/portal/test_page_cache.py turns it on.
SHAFAF_PAGE_CACHE = False
