"""Fixtures shared by the whole suite: a minimal page tree, never the demo data."""

import pytest

from cms.site_structure import ensure_site_structure

XSS = '<script>alert("x")</script>'


@pytest.fixture
def home(db):
    """A home page with every section under it, as a fresh install has."""
    return ensure_site_structure("شهرداری آزمایشی")


@pytest.fixture
def sections(home):
    """{model: section page} for the sections under ``home``."""
    return {type(page): page for page in home.get_children().specific()}
