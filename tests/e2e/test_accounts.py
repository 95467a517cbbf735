"""Accounts in a real browser: sign up, open the verification link from the mail, sign in,
vote in a poll for verified citizens, and see the refusal before verifying.

The live server runs in this process, so the mail it sends is in ``django.core.mail.outbox``.
"""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from participation.models import PollChoice, PollIndexPage, PollPage, Vote
from tests.conftest import XSS
from tests.e2e.pages import VIEWPORTS, open_page
from tests.participation.factories import PollPageFactory

pytestmark = pytest.mark.e2e

EMAIL = "Leila.Ahmadi@example.org"
PASSWORD = "a-long-test-password-۱۴۰۳"
# Arabic ي and ك, a ZWNJ inside a word, and markup that must stay text.
DISPLAY_NAME = f"ليلا احمدی‌فر {XSS}"
LABELS = ["بوستان محله‌ی نارمک", "كتابخانه‌ي عمومي", "پیاده‌راه خیابان اصلی"]
THANKS = "سپاسگزاریم؛ رأی شما ثبت شد."


@pytest.fixture
def citizens_poll(wagtail_root, home, sections):
    """A live poll for verified citizens, results shown while voting is open."""
    cache.clear()  # rate limit counters of earlier tests
    mail.outbox = []
    poll = PollPageFactory(
        parent=sections[PollIndexPage],
        title="نظرسنجی شهروندان: كدام طرح؟",
        eligibility=PollPage.Eligibility.CITIZENS,
        results_visibility=PollPage.ResultsVisibility.LIVE,
        choices=[PollChoice(label=label, sort_order=n) for n, label in enumerate(LABELS)],
    )
    yield poll
    cache.clear()


def submit(page, form_selector):
    """Press the submit button of ``form_selector`` and wait for the page the server answers."""
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def sign_up(page, live_server):
    page.goto(live_server.url + reverse("accounts:signup"))
    page.fill("#id_email", EMAIL)
    page.fill("#id_display_name", DISPLAY_NAME)
    page.fill("#id_mobile", "۰۹۱۲ ۳۴۵ ۶۷۸۹")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    submit(page, "form.account-form")
    assert page.url.endswith(reverse("accounts:signup-done"))


def sign_in(page, live_server):
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    submit(page, "form.account-form")
    assert page.url.endswith(reverse("accounts:profile"))


def verification_link():
    [message] = [message for message in mail.outbox if message.to == [EMAIL.lower()]]
    [link] = re.findall(r"https?://\S+", message.body)
    return link


def test_citizen_signs_up_verifies_the_address_signs_in_and_votes(
    browser, live_server, citizens_poll, artifacts
):
    page, errors = open_page(
        browser, live_server.url + reverse("accounts:signup"), VIEWPORTS["mobile"]
    )
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Every visible field has a label tied to it.
    for field in ("email", "display_name", "mobile", "password1", "password2"):
        assert page.locator(f"label[for=id_{field}]").count() == 1
    sign_up(page, live_server)
    page.screenshot(path=artifacts / "accounts-signup-done.png", full_page=True)

    page.goto(verification_link())
    submit(page, "main form")
    sign_in(page, live_server)
    assert page.locator("#id_display_name").input_value() == "لیلا احمدی‌فر"  # no markup kept

    page.goto(live_server.url + citizens_poll.url)
    page.locator("form.vote-form").get_by_text(LABELS[1], exact=True).click()
    submit(page, "form.vote-form")
    assert page.locator("#poll-messages [role=status]").inner_text() == THANKS
    page.screenshot(path=artifacts / "accounts-voted.png", full_page=True)
    assert errors == []
    assert Vote.objects.get(poll=citizens_poll).voter.email == EMAIL.lower()


def test_before_verifying_the_vote_is_refused_with_a_message(
    browser, live_server, citizens_poll, artifacts
):
    page, errors = open_page(
        browser, live_server.url + reverse("accounts:signup"), VIEWPORTS["desktop"]
    )
    sign_up(page, live_server)
    sign_in(page, live_server)

    page.goto(live_server.url + citizens_poll.url)
    page.locator("form.vote-form").get_by_text(LABELS[0], exact=True).click()
    with page.expect_navigation():
        page.locator("form.vote-form button[type=submit]").click()
    assert page.locator("#poll-messages [role=alert]").is_visible()
    page.screenshot(path=artifacts / "accounts-unverified-refused.png", full_page=True)
    assert not Vote.objects.filter(poll=citizens_poll).exists()
    # The refusal is answered with HTTP 403, which the browser logs; nothing else may fail.
    assert [error for error in errors if "403" not in error] == []


def test_signing_up_works_without_javascript(browser, live_server, citizens_poll):
    page, errors = open_page(
        browser,
        live_server.url + reverse("accounts:signup"),
        VIEWPORTS["mobile"],
        javascript=False,
    )
    sign_up(page, live_server)
    page.goto(verification_link())
    submit(page, "main form")
    sign_in(page, live_server)
    assert errors == []
