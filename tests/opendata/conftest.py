"""Fixtures for the open-data tests: a news section with Persian items, an English tree."""

import pytest
from wagtail.models import Locale

from cms import models
from cms.site_structure import ensure_translated_structure
from tests.cms.factories import NewsPageFactory


@pytest.fixture
def news_index(sections):
    return sections[models.NewsIndexPage]


@pytest.fixture
def news(news_index):
    return NewsPageFactory(parent=news_index, title="گشایش پارك محله‌ی ما")


@pytest.fixture
def english_home(home):
    return ensure_translated_structure(home, "en")


@pytest.fixture
def translated_news(news, english_home):
    """``news`` and its published English translation."""
    english = news.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = english.draft_title = "Neighbourhood park opens"
    english.save_revision().publish()
    return news, english.specific
