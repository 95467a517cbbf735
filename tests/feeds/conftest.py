"""Fixtures for the feed and calendar tests: sections with Persian items and an XSS payload."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from wagtail.models import Locale

from cms import models
from cms.site_structure import ensure_translated_structure
from tests.cms.factories import EventPageFactory, NewsPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(sections):
    return sections[models.NewsIndexPage]


@pytest.fixture
def event_index(sections):
    return sections[models.EventIndexPage]


@pytest.fixture
def make_news(news_index):
    """``make_news(**fields)``: a live news item with Persian text, Arabic letters and ZWNJ."""

    def make(**fields):
        return NewsPageFactory(parent=news_index, **fields)

    return make


@pytest.fixture
def make_event(event_index):
    def make(**fields):
        return EventPageFactory(parent=event_index, **fields)

    return make


@pytest.fixture
def english_home(home):
    return ensure_translated_structure(home, "en")


@pytest.fixture
def english_news(english_home):
    """An English news item, in the English news section."""
    english_index = models.NewsIndexPage.objects.get(locale__language_code="en")
    return NewsPageFactory(
        parent=english_index,
        title="Budget hearing opens",
        summary="Citizens may comment",
        locale=Locale.objects.get(language_code="en"),
    )


def parse(response):
    """The response body as an ElementTree root, for what the RFCs require of the XML itself."""
    return ET.fromstring(response.content)


def read_feed(response):
    """The response as a feed reader sees it (feedparser); fails on a malformed feed."""
    assert response.status_code == 200, response.content
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed
