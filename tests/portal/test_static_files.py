"""collectstatic with production's storage writes hashed, compressed files WhiteNoise serves."""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """STATIC_ROOT after collectstatic of the project's own static/ folder.

    Only the FileSystemFinder, so the test stays fast; the apps' files (Wagtail's admin)
    go through the same storage in a real deployment.
    """
    root = tmp_path_factory.mktemp("static")
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=PRODUCTION_STORAGES,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def manifest(root):
    return json.loads((root / "staticfiles.json").read_text())["paths"]


def test_collectstatic_writes_hashed_names_in_a_manifest(collected):
    hashed = manifest(collected)["css/shafaf.css"]

    assert re.fullmatch(r"css/shafaf\.[0-9a-f]{12}\.css", hashed)
    assert (collected / hashed).is_file()


def test_collectstatic_writes_gzip_copies_of_text_files(collected):
    hashed = manifest(collected)

    for name in ("css/shafaf.css", "js/autocomplete.js", "icons/logo.svg"):
        assert (collected / f"{hashed[name]}.gz").is_file(), name


def test_collectstatic_does_not_recompress_fonts(collected):
    font = manifest(collected)["fonts/vazirmatn/Vazirmatn-Variable.woff2"]

    assert (collected / font).is_file()
    assert not (collected / f"{font}.gz").exists()


def test_stylesheet_refers_to_hashed_fonts(collected):
    stylesheet = (collected / manifest(collected)["css/shafaf.css"]).read_text()

    assert re.search(r"Vazirmatn-Variable\.[0-9a-f]{12}\.woff2", stylesheet)


def test_whitenoise_comes_right_after_the_security_middleware():
    middleware = settings.MIDDLEWARE

    assert middleware[0] == "django.middleware.security.SecurityMiddleware"
    assert middleware[1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_whitenoise_serves_hashed_files_compressed_and_cached_for_good(collected):
    hashed = manifest(collected)["css/shafaf.css"]

    with override_settings(STATIC_ROOT=collected, STORAGES=PRODUCTION_STORAGES):
        response = Client().get(f"/static/{hashed}", headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
