"""Fixtures for comments: a news page open to comments, and the people who write them."""

import pytest

from cms.models import NewsIndexPage
from cms.models.base import CommentsMode
from tests.cms.factories import NewsPageFactory
from tests.comments.people import *  # noqa: F403 (the people fixtures)


@pytest.fixture
def make_news(sections):
    """``make_news(mode)``: a live news page whose comments are in ``mode``."""

    def make(mode=CommentsMode.POST_MODERATED, **fields):
        return NewsPageFactory(parent=sections[NewsIndexPage], citizen_comments=mode, **fields)

    return make


@pytest.fixture
def news(make_news):
    return make_news()


@pytest.fixture
def premoderated_news(make_news):
    return make_news(CommentsMode.PRE_MODERATED)
