"""'My activity' in a real browser, without JavaScript: reached from the account menu, right
to left, no sideways scrolling on a phone, and a followed thread unfollowed with its button."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from participation import services as polls
from participation.forums import services as forums
from participation.forums.models import ForumCategory, Subscription
from participation.models import PollIndexPage
from tests.accounts.conftest import PASSWORD
from tests.conftest import XSS
from tests.e2e.pages import VIEWPORTS, open_page
from tests.participation.factories import PollPageFactory, UserFactory

pytestmark = pytest.mark.e2e

THREAD_TITLE = f"ايستگاه دوچرخه‌ی كنار پارك {XSS}"


@pytest.fixture
def active_citizen(wagtail_root, home, sections):
    """A citizen who voted in a poll and follows the thread they started."""
    cache.clear()  # rate limit counters of earlier tests
    citizen = UserFactory(password=PASSWORD)
    poll = PollPageFactory(parent=sections[PollIndexPage], title="نظرسنجی محله‌ی نارمك")
    polls.cast_vote(poll, user=citizen, choices=[poll.choices.first().pk])
    forum = ForumCategory.objects.create(title="حمل‌ونقل شهری", slug="transport")
    forums.start_thread(forum, citizen, THREAD_TITLE, "<p>به نظرم لازم است.</p>")
    yield citizen
    cache.clear()


def test_a_citizen_opens_their_activity_and_unfollows_a_thread_without_javascript(
    browser, live_server, active_citizen, artifacts
):
    page, errors = open_page(
        browser,
        live_server.url + reverse("accounts:login"),
        VIEWPORTS["mobile"],
        javascript=False,
    )
    page.fill("#id_username", active_citizen.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()

    with page.expect_navigation():
        page.locator(f".account-nav a[href='{reverse('accounts:activity')}']").click()
    assert page.url.endswith(reverse("accounts:activity"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("#activity-subscriptions").get_by_text(THREAD_TITLE).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifacts / "accounts-activity.png", full_page=True)

    with page.expect_navigation():
        page.locator("#activity-subscriptions button[type=submit]").click()
    assert not Subscription.objects.filter(user=active_citizen).exists()
    assert errors == []
