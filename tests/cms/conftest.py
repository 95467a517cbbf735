"""Fixtures for the cms tests."""

import pytest
from wagtail.models import Locale


@pytest.fixture
def english_locale(db):
    return Locale.objects.get_or_create(language_code="en")[0]
