"""Fixtures shared by the whole suite: a minimal page tree, never the demo data."""

import pytest
from django.utils import translation

from cms.site_structure import ensure_site_structure

XSS = '<script>alert("x")</script>'


@pytest.fixture(autouse=True)
def default_language(settings):
    """Each test starts in the site's default language, whatever an earlier request activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def home(db):
    """A home page with every section under it, as a fresh install has."""
    return ensure_site_structure("شهرداری آزمایشی")


@pytest.fixture
def sections(home):
    """{model: section page} for the sections under ``home``."""
    return {type(page): page for page in home.get_children().specific()}
