"""Fixtures for forums: categories (post- and pre-moderated), threads, and the people."""

import pytest

from participation.forums import services
from participation.forums.models import ForumCategory
from tests.comments.people import *  # noqa: F403 (the people fixtures)
from tests.conftest import XSS

TITLE = f"پیشنهاد: ايستگاه دوچرخه‌ی كنار پارك {XSS}"
BODY = f"<p>به نظرم ایستگاه دوچرخه‌ی شهری کنار پارک لازم است.</p>{XSS}"


@pytest.fixture
def category(db):
    return ForumCategory.objects.create(
        title="حمل‌ونقل شهری", slug="حمل-و-نقل", description=f"گفت‌وگو درباره‌ی حمل‌ونقل {XSS}"
    )


@pytest.fixture
def premoderated_category(db):
    return ForumCategory.objects.create(
        title="بوستان‌ها", slug="parks", pre_moderated=True, sort_order=1
    )


@pytest.fixture
def make_thread(category, citizen):
    """``make_thread(**kwargs)``: a published thread (by ``citizen`` unless told)."""

    def make(author=None, title=TITLE, body=BODY, in_category=None):
        thread, _post = services.start_thread(
            in_category or category, author or citizen, title, body
        )
        return thread

    return make


@pytest.fixture
def thread(make_thread):
    return make_thread()
