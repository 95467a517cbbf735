"""Suggestions in a real browser, JavaScript off: a citizen files a suggestion, gets the
tracking code once, and finds the suggestion's status on the tracking page with it."""

import pytest
from django.core.cache import cache

from participation.feedback.models import Suggestion, SuggestionBoxPage, SuggestionIndexPage
from tests.conftest import XSS
from tests.e2e.pages import VIEWPORTS, open_page

pytestmark = pytest.mark.e2e

TITLE = f"ايجاد كتابخانه محله‌ای {XSS}"
BODY = "در زمین خالی کنار مسجد یک کتابخانه‌ی کوچک بسازید."


@pytest.fixture
def open_box(wagtail_root, home, sections):
    cache.clear()
    box = SuggestionBoxPage(
        title="صندوق پیشنهاد فرهنگی",
        slug="culture",
        anonymity=SuggestionBoxPage.Anonymity.FULLY_ANONYMOUS,
    )
    sections[SuggestionIndexPage].add_child(instance=box)
    yield box
    cache.clear()


def test_citizen_files_a_suggestion_without_javascript_and_tracks_it(
    browser, live_server, open_box, artifacts
):
    page, errors = open_page(
        browser, live_server.url + open_box.url, VIEWPORTS["mobile"], javascript=False
    )
    with page.expect_navigation():
        page.locator("header.page-header a.button").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_body").fill(BODY)
    with page.expect_navigation():
        page.locator("form.feedback-form button[type=submit]").click()

    code = page.locator("#tracking-code").inner_text()
    suggestion = Suggestion.objects.select_related("case").get()
    assert code == suggestion.case.tracking_code
    assert suggestion.title == TITLE
    assert code not in page.url
    page.screenshot(path=artifacts / "feedback-receipt-mobile-nojs.png", full_page=True)

    page.goto(live_server.url + "/track/")
    page.locator("#id_code").fill(code.lower().replace("-", " "))
    with page.expect_navigation():
        page.locator("form.feedback-track button[type=submit]").click()

    assert page.locator("#case-heading").inner_text() == code
    assert page.locator(".feedback-history__steps li").count() == 1
    assert page.get_by_role("link", name=TITLE).is_visible()  # text, never markup
    page.screenshot(path=artifacts / "feedback-tracking-mobile-nojs.png", full_page=True)
    assert errors == []
