"""Polls in a real browser: a citizen picks a choice, votes, sees the thanks and the results
(table and SVG chart), cannot vote twice from the same browser, and none of it needs JavaScript.

The browser test that signs up before voting (issue 5) waits for accounts: there is no sign-up
flow yet, so these tests vote in a poll open to anyone (one vote per device cookie).
"""

import re

import pytest
from django.core.cache import cache

from participation.models import PollChoice, PollIndexPage, PollPage, Vote
from tests.conftest import XSS
from tests.e2e.pages import VIEWPORTS, open_page
from tests.participation.factories import PollPageFactory

pytestmark = pytest.mark.e2e

# Arabic ي and ك as many keyboards type them, and ZWNJ (U+200C) inside words.
TITLE = f"نظرسنجي: کدام طرح، محله‌ی ما را بهتر می‌کند؟ {XSS}"
LABELS = ["بوستان محله‌ی نارمک", "كتابخانه‌ي عمومي", "پیاده‌راه خیابان اصلی"]
CHOSEN = LABELS[1]
THANKS = "سپاسگزاریم؛ رأی شما ثبت شد."
ALREADY_VOTED = "شما پیش‌تر در این نظرسنجی رأی داده‌اید."
CANNOT_CHANGE = "رأی‌های این نظرسنجی قابل تغییر نیست."


@pytest.fixture
def open_poll(wagtail_root, home, sections):
    """A live single-choice poll open to anyone, results shown while voting is open."""
    cache.clear()  # rate limit counters of earlier tests
    poll = PollPageFactory(
        parent=sections[PollIndexPage],
        title=TITLE,
        eligibility=PollPage.Eligibility.ANYONE,
        results_visibility=PollPage.ResultsVisibility.LIVE,
        choices=[PollChoice(label=label, sort_order=n) for n, label in enumerate(LABELS)],
    )
    yield poll
    cache.clear()


def poll_url(live_server, poll):
    return live_server.url + poll.url


def vote_button(page):
    return page.locator("form.vote-form").get_by_role("button", name="ثبت رأی")


def choice_label(page, label):
    return page.locator("form.vote-form").get_by_text(label, exact=True)


def submit_and_wait(page, submit):
    """Submit the vote form with ``submit()`` and wait for the page the server answers with."""
    with page.expect_navigation():
        submit()


def assert_results_show_one_vote_for(page, label):
    """The results table counts one vote for ``label`` and none for the others; the chart is drawn."""
    table = page.locator(".poll-results__table")
    assert table.locator("caption").inner_text() == "تعداد رأی هر گزینه"
    for other in LABELS:
        row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=other))
        assert row.locator("td").first.inner_text() == ("۱" if other == label else "۰")
    chosen_row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=label))
    assert chosen_row.locator("td").nth(1).inner_text() == "۱۰۰٫۰٪"

    chart = page.locator("figure.poll-chart svg")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    assert chart.locator("rect").count() == len(LABELS)
    assert chart.locator("title").text_content() == f"نتایج نظرسنجی «{TITLE}»"
    assert f"{label}: ۱ (۱۰۰٪)" in chart.locator("desc").text_content()


def test_citizen_picks_a_choice_by_keyboard_votes_and_sees_the_results(
    browser, live_server, open_poll, artifacts
):
    page, errors = open_page(browser, poll_url(live_server, open_poll), VIEWPORTS["desktop"])
    assert page.locator("h1").inner_text() == TITLE  # the payload is text, never markup
    radios = page.locator("form.vote-form").get_by_role("radio")
    assert radios.count() == len(LABELS)

    radios.first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # moves to and selects the next choice
    assert page.get_by_role("radio", name=CHOSEN).is_checked()
    page.keyboard.press("Tab")
    assert vote_button(page).evaluate("element => element === document.activeElement")
    submit_and_wait(page, lambda: page.keyboard.press("Enter"))

    assert re.search(r"#poll-messages$", page.url)
    assert page.locator("#poll-messages [role=status]").inner_text() == THANKS
    assert page.locator("#poll-messages strong").inner_text() == CHOSEN
    assert vote_button(page).count() == 0
    assert page.locator("#poll-messages").get_by_text(CANNOT_CHANGE).is_visible()
    assert_results_show_one_vote_for(page, CHOSEN)
    page.screenshot(path=artifacts / "poll-voted-desktop.png", full_page=True)
    assert errors == []
    assert Vote.objects.filter(poll=open_poll, device_id__isnull=False).count() == 1


def test_voting_works_without_javascript(browser, live_server, open_poll, artifacts):
    page, errors = open_page(
        browser, poll_url(live_server, open_poll), VIEWPORTS["mobile"], javascript=False
    )

    choice_label(page, CHOSEN).click()  # the label selects its radio button
    assert page.get_by_role("radio", name=CHOSEN).is_checked()
    submit_and_wait(page, vote_button(page).click)

    assert page.locator("#poll-messages [role=status]").inner_text() == THANKS
    assert_results_show_one_vote_for(page, CHOSEN)
    page.screenshot(path=artifacts / "poll-voted-mobile-nojs.png", full_page=True)
    assert errors == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_second_vote_from_the_same_browser_is_refused(
    browser, live_server, open_poll, artifacts, javascript
):
    # Two tabs of one browser show the form; the first votes, then the second tries to.
    first, errors = open_page(
        browser, poll_url(live_server, open_poll), VIEWPORTS["mobile"], javascript=javascript
    )
    second = first.context.new_page()
    second.set_default_timeout(5000)
    assert second.goto(poll_url(live_server, open_poll)).status == 200

    choice_label(first, CHOSEN).click()
    submit_and_wait(first, vote_button(first).click)
    assert first.locator("#poll-messages [role=status]").inner_text() == THANKS

    choice_label(second, LABELS[0]).click()
    with second.expect_navigation() as navigation:
        vote_button(second).click()

    assert navigation.value.status == 409
    assert second.locator("#poll-messages [role=alert]").inner_text() == ALREADY_VOTED
    assert second.locator("#poll-messages [role=status]").count() == 0
    assert_results_show_one_vote_for(second, CHOSEN)  # the first vote stands, unchanged
    second.screenshot(
        path=artifacts / f"poll-second-vote-refused-{'js' if javascript else 'nojs'}.png",
        full_page=True,
    )
    assert errors == []
    assert Vote.objects.filter(poll=open_poll).count() == 1
