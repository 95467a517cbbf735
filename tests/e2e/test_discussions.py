"""Comments in a real browser without JavaScript: a verified citizen signs in from the
comments section, writes a comment under a news page and sees it published; a visitor who is
signed out reads it. Hostile text stays text."""

import pytest
from django.core.cache import cache

from cms.models import NewsIndexPage
from cms.models.base import CommentsMode
from participation.comments.models import Comment
from tests.cms.factories import NewsPageFactory
from tests.comments.people import DISPLAY_NAME, make_citizen
from tests.conftest import XSS
from tests.e2e.pages import VIEWPORTS, open_page

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-test-password"  # UserFactory's
SENTENCE = "لطفاً ساعت کار کتابخانه‌ي محله را تا ۲۰ تمديد كنيد."
COMMENT = f"{SENTENCE} {XSS}"  # the sanitizer removes the script, text and all


@pytest.fixture
def news_page(wagtail_root, home, sections):
    cache.clear()  # rate limits and duplicate fingerprints of earlier tests
    page = NewsPageFactory(
        parent=sections[NewsIndexPage], citizen_comments=CommentsMode.POST_MODERATED
    )
    yield page
    cache.clear()


def test_citizen_signs_in_from_the_comments_and_comments_without_javascript(
    browser, live_server, news_page, artifacts
):
    citizen = make_citizen()
    page, errors = open_page(
        browser, live_server.url + news_page.url, VIEWPORTS["mobile"], javascript=False
    )
    sign_in = page.locator("#comments .comments__sign-in a")
    with page.expect_navigation():
        sign_in.click()
    assert "/accounts/login/" in page.url

    page.fill("input[name=username]", citizen.email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    assert page.url.startswith(live_server.url + news_page.url)

    body = page.locator("#comment-body")
    assert page.locator("label[for=comment-body]").is_visible()  # labelled field
    body.fill(COMMENT)
    with page.expect_navigation():
        page.locator("form.comment-form button[type=submit]").click()

    comment = Comment.objects.get()
    assert page.url.endswith(f"#comment-{comment.pk}")
    shown = page.locator(f"#comment-{comment.pk}")
    assert shown.locator(".discussion-body").inner_text().strip() == SENTENCE
    assert shown.locator(".comment__author").inner_text() == DISPLAY_NAME
    assert page.locator("#comments [role=status]").is_visible()
    assert page.locator("#comments script").count() == 0
    page.screenshot(path=artifacts / "comment-posted-mobile-nojs.png", full_page=True)
    assert errors == []

    visitor, visitor_errors = open_page(
        browser, live_server.url + news_page.url, VIEWPORTS["desktop"], javascript=False
    )
    assert (
        visitor.locator(f"#comment-{comment.pk} .discussion-body").inner_text().strip() == SENTENCE
    )
    assert visitor.locator("#comment-body").count() == 0
    assert visitor_errors == []
