"""The council answers a suggestion in the admin; the citizen sees the answer on /track/.

A council member signs in to the Wagtail admin with the login form, opens the case from the
"Council review" queue, writes the official response and publishes it; then, in a separate
browser with no session, the citizen types the tracking code and reads the answer.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from participation import roles
from participation.feedback import services, workflow
from participation.feedback.models import ReviewCase, SuggestionBoxPage, SuggestionIndexPage
from tests.conftest import XSS
from tests.e2e.pages import VIEWPORTS, open_page
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-test-password"
ANSWER = "شهرداري این پیشنهاد را می‌پذیرد و پیاده‌راه در سال آینده ساخته می‌شود."


def council_member_group():
    """The group as the migrations make it; the live server tests' flush removes it."""
    group, _created = Group.objects.get_or_create(name=roles.COUNCIL_MEMBER)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="feedback", codename="review_case"),
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    return group


@pytest.fixture
def answered_later(wagtail_root, home, sections):
    """A suggestion under review, a council member to answer it, and who submitted it."""
    cache.clear()  # rate limit counters of earlier tests
    box = SuggestionBoxPage(title="صندوق پیشنهاد حمل‌ونقل", slug="transport")
    sections[SuggestionIndexPage].add_child(instance=box)
    citizen = UserFactory(email="citizen@example.org")
    suggestion = services.submit_suggestion(
        box=box, title=f"پیاده‌راه خیابان اصلي {XSS}", body="پیشنهاد مي‌کنم.", author=citizen
    )
    member = UserFactory(username="council-chair")
    member.groups.add(council_member_group())
    case = workflow.assign(
        suggestion.case, actor=member, department=None, assignee=member, expected_version=None
    )
    workflow.transition(case, ReviewCase.Status.UNDER_REVIEW, actor=member, expected_version=None)
    yield suggestion.case, member
    cache.clear()


def test_council_member_answers_and_the_citizen_reads_it_on_the_tracking_page(
    browser, live_server, answered_later, artifacts
):
    case, member = answered_later
    page, errors = open_page(browser, live_server.url + "/admin/login/", VIEWPORTS["desktop"])
    page.locator("input[name=username]").fill(member.username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()

    page.goto(live_server.url + "/admin/council-review/")
    with page.expect_navigation():
        page.get_by_role("link", name=case.tracking_code).click()
    answer_form = page.locator("form[action$='/answer/']")
    answer_form.locator("select[name=decision]").select_option(ReviewCase.Decision.ACCEPTED)
    # The response's rich text editor (Draftail) keeps what is typed in a hidden input.
    answer_form.locator(".public-DraftEditor-content").click()
    page.keyboard.insert_text(ANSWER)
    # Draftail saves the editor's state into the hidden input a moment after typing stops.
    page.wait_for_function(
        "([form, text]) => document.querySelector(form + ' input[name=body]').value.includes(text)",
        arg=["form[action$='/answer/']", ANSWER],
    )
    with page.expect_navigation():
        answer_form.locator("button[type=submit]").click()
    page.screenshot(path=artifacts / "council-answered.png", full_page=True)

    case.refresh_from_db()
    assert case.status == ReviewCase.Status.ANSWERED
    assert case.responses.count() == 1

    citizen_page, citizen_errors = open_page(
        browser, live_server.url + "/track/", VIEWPORTS["mobile"], javascript=False
    )
    citizen_page.locator("input[name=code]").fill(case.tracking_code.lower())
    with citizen_page.expect_navigation():
        citizen_page.locator("form.feedback-track button[type=submit]").click()
    assert citizen_page.get_by_text(ANSWER).is_visible()
    assert citizen_page.locator("#case-heading").inner_text() == case.tracking_code
    citizen_page.screenshot(path=artifacts / "council-answer-tracked.png", full_page=True)
    assert citizen_errors == []
