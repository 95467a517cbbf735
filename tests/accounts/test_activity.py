"""'My activity': a signed-in citizen's own comments, votes, requests and forum activity.

Only their own, on the page and in the API, a page at a time and in a fixed number of
queries however much they have done.
"""

import datetime

import pytest
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.test import APIClient

from participation import services as polls
from participation.accounts import activity
from participation.comments.models import Comment
from participation.feedback import services as feedback
from participation.feedback.models import (
    ComplaintCategory,
    OfficialResponse,
    ReviewCase,
    SuggestionBoxPage,
    SuggestionIndexPage,
)
from participation.follows.models import PageFollow
from participation.forums import services as forums
from participation.forums.models import ForumCategory
from participation.models import PollIndexPage
from participation.moderation import Status
from tests.accounts.conftest import shows
from tests.conftest import XSS
from tests.participation.factories import PollPageFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE = reverse_lazy("accounts:activity")
API = reverse_lazy("participation_api:account-activity")
# Queries for a whole answer, whatever the number of items: the user, the site's root
# paths for links, one or two per section (a page of items and what it prefetches), and
# for the page what the site's layout needs.
API_QUERIES = 17
PAGE_QUERIES = 26  # 25, and the profile holding the private feed address


@pytest.fixture
def places(home):
    """Somewhere for each kind of activity: a page, polls, a box, a category, a forum."""
    box = SuggestionBoxPage(
        title="صندوق پیشنهاد محله‌ی نارمك",
        slug="narmak-box",
        opens_at=timezone.now() - datetime.timedelta(days=1),
    )
    SuggestionIndexPage.objects.child_of(home).get().add_child(instance=box)
    return {
        "page": home,
        "poll_index": PollIndexPage.objects.child_of(home).get(),
        "box": box,
        "complaint_category": ComplaintCategory.objects.create(
            name="روشنايي معابر", service_code="street-lighting"
        ),
        "forum": ForumCategory.objects.create(title="حمل‌ونقل شهری", slug="transport"),
    }


def fill(places, user, count, marker):
    """``count`` items of every kind by ``user``, each text carrying ``marker``."""
    for n in range(count):
        Comment.objects.create(
            page=places["page"], author=user, body=f"<p>نظر {marker} شماره‌ی {n} {XSS}</p>"
        )
        poll = PollPageFactory(parent=places["poll_index"], title=f"نظرسنجی {marker} {n}")
        polls.cast_vote(poll, user=user, choices=[poll.choices.first().pk])
        PageFollow.objects.create(page=poll, user=user)
        feedback.submit_suggestion(
            box=places["box"], title=f"پیشنهاد {marker} {n}", body="متن پيشنهاد", author=user
        )
        feedback.submit_complaint(
            category=places["complaint_category"],
            description=f"چراغ کوچه‌ی {marker} خاموش است",
            submitter=user,
        )
        thread, _opening = forums.start_thread(
            places["forum"], user, f"گفت‌وگوی {marker} {n} {XSS}", "<p>آغاز</p>"
        )
        forums.reply(thread, user, f"<p>پاسخ {marker} {n}</p>")


@pytest.fixture
def api():
    return APIClient()


def test_the_page_shows_every_kind_of_the_citizens_activity(client, citizen, places):
    fill(places, citizen, 1, "مهسا")
    client.force_login(citizen)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "نظر مهسا شماره‌ی 0" in html
    assert shows(response, places["page"].title)
    assert shows(response, Status.PUBLISHED.label)
    assert "نظرسنجی مهسا 0" in html
    assert "پیشنهاد مهسا 0" in html
    assert escape(places["complaint_category"].name) in html
    for case in ReviewCase.objects.all():
        assert case.tracking_code in html
        assert escape(f"{reverse('feedback:track')}?code={case.tracking_code}") in html
    assert "پاسخ مهسا 0" in html
    assert reverse("forums:subscription", args=[citizen.forum_threads.get().pk]) in html


def test_markup_in_titles_stays_text_and_is_removed_from_comments(client, citizen, places):
    fill(places, citizen, 1, "مهسا")
    client.force_login(citizen)
    html = client.get(PAGE).content.decode()
    assert XSS not in html
    assert escape(f"گفت‌وگوی مهسا 0 {XSS}") in html


def test_the_citizen_sees_which_choices_they_voted_for(client, citizen, places):
    poll = PollPageFactory(parent=places["poll_index"])
    chosen = poll.choices.order_by("sort_order")[1]
    polls.cast_vote(poll, user=citizen, choices=[chosen.pk])
    client.force_login(citizen)
    response = client.get(PAGE)
    assert shows(response, chosen.label)
    assert not shows(response, poll.choices.order_by("sort_order")[2].label)


def test_the_latest_official_answer_is_shown_with_the_case(client, citizen, places):
    suggestion = feedback.submit_suggestion(
        box=places["box"], title="پیشنهاد پياده‌راه", body="متن", author=citizen
    )
    now = timezone.now()
    OfficialResponse.objects.create(
        case=suggestion.case, body="<p>پاسخ نخست</p>", published_at=now - datetime.timedelta(1)
    )
    OfficialResponse.objects.create(
        case=suggestion.case, body="<p>پاسخ تازه‌ی شهرداری</p>", published_at=now
    )
    client.force_login(citizen)
    html = client.get(PAGE).content.decode()
    assert "پاسخ تازه‌ی شهرداری" in html
    assert "پاسخ نخست" not in html


def test_a_hidden_comment_shows_its_author_the_status_and_the_reason(client, citizen, places):
    Comment.objects.create(
        page=places["page"],
        author=citizen,
        body="<p>نظر پنهان</p>",
        status=Status.HIDDEN,
        hidden_reason="توهین به دیگران",
    )
    client.force_login(citizen)
    response = client.get(PAGE)
    assert shows(response, Status.HIDDEN.label)
    assert shows(response, "توهین به دیگران")


def test_a_citizen_never_sees_another_citizens_activity(client, citizen, places):
    neighbour = UserFactory()
    fill(places, citizen, 1, "مهسا")
    fill(places, neighbour, 1, "كيوان")
    for user, own, others in ((citizen, "مهسا", "كيوان"), (neighbour, "كيوان", "مهسا")):
        client.force_login(user)
        html = client.get(PAGE).content.decode()
        assert f"نظرسنجی {own} 0" in html
        assert others not in html
        codes = ReviewCase.objects.filter(suggestion__author__in=[citizen, neighbour])
        assert sum(case.tracking_code in html for case in codes) == 1


def test_the_api_never_shows_another_citizens_activity(api, citizen, places):
    neighbour = UserFactory()
    fill(places, citizen, 1, "مهسا")
    fill(places, neighbour, 1, "كيوان")
    for user, own, others in ((citizen, "مهسا", "كيوان"), (neighbour, "كيوان", "مهسا")):
        api.force_authenticate(user)
        text = api.get(API).content.decode()
        assert f"نظرسنجی {own} 0" in text
        assert others not in text


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_api_refuses_signed_out_callers_in_its_error_shape(api):
    response = api.get(API)
    assert response.status_code in (401, 403)
    assert set(response.json()) == {"error", "code"}


def test_the_api_lists_every_section_with_its_pages(api, citizen, places):
    fill(places, citizen, 1, "مهسا")
    api.force_authenticate(citizen)
    body = api.get(API).json()
    assert set(body) == set(activity.SECTIONS)
    vote = citizen.poll_votes.get()
    assert body["votes"]["items"][0]["choices"] == [vote.choices.get().label]
    assert body["suggestions"]["items"][0]["tracking_code"].startswith("SG-")
    assert body["comments"]["items"][0]["status"] == Status.PUBLISHED
    for section in body.values():
        assert section["page"] == 1
        assert section["previous_page"] is None
        assert section["next_page"] is None


def test_each_section_is_paged_newest_first(client, citizen, places):
    for n in range(activity.PAGE_SIZE + 2):
        Comment.objects.create(page=places["page"], author=citizen, body=f"<p>نظر ش{n}ش</p>")
    client.force_login(citizen)
    first = client.get(PAGE).content.decode()
    assert f"نظر ش{activity.PAGE_SIZE + 1}ش" in first
    assert "نظر ش1ش" not in first
    assert "?comments_page=2#activity-comments" in first
    second = client.get(PAGE, {"comments_page": 2}).content.decode()
    assert "نظر ش1ش" in second and "نظر ش0ش" in second
    assert f"نظر ش{activity.PAGE_SIZE + 1}ش" not in second


def test_the_api_turns_one_sections_pages(api, citizen, places):
    for n in range(activity.PAGE_SIZE + 1):
        Comment.objects.create(page=places["page"], author=citizen, body=f"<p>نظر {n}</p>")
    api.force_authenticate(citizen)
    first = api.get(API).json()["comments"]
    assert (len(first["items"]), first["next_page"]) == (activity.PAGE_SIZE, 2)
    second = api.get(API, {"comments_page": 2}).json()["comments"]
    assert (len(second["items"]), second["previous_page"]) == (1, 1)


def test_a_bad_page_number_shows_the_first_page(client, citizen, places):
    Comment.objects.create(page=places["page"], author=citizen, body="<p>نظر یکم</p>")
    client.force_login(citizen)
    response = client.get(PAGE, {"comments_page": "۲x"})
    assert response.status_code == 200
    assert "نظر یکم" in response.content.decode()


def test_the_api_refuses_a_bad_page_number_with_the_parameter_named(api, citizen):
    api.force_authenticate(citizen)
    response = api.get(API, {"votes_page": "0"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["error"] == gettext("A page number is a whole number from 1 to %(max)s.") % {
        "max": activity.MAX_PAGE
    }
    assert list(body["fields"]) == ["votes_page"]


@pytest.mark.parametrize("count", [2, 20])
def test_the_page_takes_the_same_queries_however_much_was_done(
    client, citizen, places, count, django_assert_max_num_queries
):
    fill(places, citizen, count, "مهسا")
    client.force_login(citizen)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(PAGE)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_the_api_takes_the_same_queries_however_much_was_done(
    api, citizen, places, count, django_assert_max_num_queries
):
    fill(places, citizen, count, "مهسا")
    api.force_authenticate(citizen)
    with django_assert_max_num_queries(API_QUERIES):
        response = api.get(API)
    assert len(response.json()["comments"]["items"]) == min(count, activity.PAGE_SIZE)


def test_no_shared_cache_keeps_the_page_or_the_api_answer(client, api, citizen):
    client.force_login(citizen)
    api.force_authenticate(citizen)
    for response in (client.get(PAGE), api.get(API)):
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]


def test_the_page_is_right_to_left_and_has_an_empty_message_for_each_section(client, citizen):
    client.force_login(citizen)
    response = client.get(PAGE)
    assert 'dir="rtl"' in response.content.decode()
    assert shows(response, _("You have not written a comment yet."))
    assert shows(response, _("You have not voted in a poll yet."))
    assert shows(response, _("You do not follow a thread."))


def test_the_profile_and_the_account_menu_link_to_the_activity_page(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert html.count(f'href="{PAGE}"') == 2
