"""Local development: DEBUG on, an insecure key that must never reach production."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-shafaf-dev-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *os.environ.get("ALLOWED_HOSTS", "").split(",")]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
