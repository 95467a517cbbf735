"""Forum lists (pages and API) in constant queries; the API's writes (threads, replies, flags,
subscriptions) and errors."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from participation.forums import services
from participation.forums.models import ForumCategory, Post, PostFlag, Subscription, Thread
from participation.moderation import Status
from participation.ratelimit import Limit
from tests.comments.people import DISPLAY_NAME, make_citizen


def fill(category, count):
    """``count`` threads by different citizens, each with two replies (one hidden)."""
    for n in range(count):
        author = make_citizen(display_name=f"شهروند {n}")
        thread, _post = services.start_thread(category, author, f"گفت‌وگوی {n}", "متن")
        Post.objects.create(thread=thread, author=author, body="پاسخ")
        Post.objects.create(thread=thread, author=author, body="پنهان", status=Status.HIDDEN)
    return thread


@pytest.mark.parametrize("count", [2, 15])
def test_pages_take_constant_queries(
    client, category, citizen, count, django_assert_max_num_queries, settings
):
    settings.SHAFAF_PAGE_SIZE = 12
    last = fill(category, count)
    ForumCategory.objects.create(title="دیگر", slug="other")
    for n in range(count):
        Post.objects.create(thread=last, author=citizen, body=f"پاسخ بیشتر {n}")
    client.force_login(citizen)
    client.get(reverse("forums:index"))  # warm caches
    for url in [reverse("forums:index"), category.get_absolute_url(), last.get_absolute_url()]:
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, 15])
def test_api_lists_take_constant_queries(client, category, count, django_assert_max_num_queries):
    last = fill(category, count)
    urls = [
        reverse("participation_api:forum-categories"),
        reverse("participation_api:forum-threads", args=[category.slug]),
        reverse("participation_api:forum-posts", args=[last.pk]),
    ]
    for url in urls:
        with django_assert_max_num_queries(5):
            assert client.get(url).status_code == 200


def test_index_counts_and_pinned_threads_first(client, category, citizen):
    fill(category, 3)
    pinned = Thread.objects.order_by("pk").first()
    Thread.objects.filter(pk=pinned.pk).update(pinned=True)
    data = client.get(reverse("participation_api:forum-categories")).json()["results"][0]
    assert (data["threads"], data["posts"]) == (3, 6)  # hidden posts are not counted
    threads = client.get(reverse("participation_api:forum-threads", args=[category.slug])).json()
    assert threads["results"][0]["id"] == pinned.pk
    assert threads["results"][0]["replies"] == 1
    html = client.get(category.get_absolute_url()).content.decode()
    assert html.index(pinned.title) < html.index("گفت‌وگوی 2")


def test_token_starts_a_thread_and_replies(category, citizen, other_citizen):
    client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=citizen).key}")
    response = client.post(
        reverse("participation_api:forum-threads", args=[category.slug]),
        {"title": "عنوان", "body": "<p>متن</p><script>x</script>"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    thread_id = response.json()["thread"]["id"]
    assert response.json()["post"]["body"] == "<p>متن</p>"
    assert response.json()["thread"]["author"] == DISPLAY_NAME
    other = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=other_citizen).key}")
    answer = other.post(
        reverse("participation_api:forum-posts", args=[thread_id]),
        {"body": "پاسخ"},
        content_type="application/json",
    )
    assert answer.status_code == 201
    posts = other.get(reverse("participation_api:forum-posts", args=[thread_id])).json()
    assert [p["body"] for p in posts["results"]] == ["<p>متن</p>", "پاسخ"]


def test_api_refuses_locked_unverified_and_invalid(client, thread, unverified, other_citizen):
    url = reverse("participation_api:forum-posts", args=[thread.pk])
    client.force_login(unverified)
    assert (
        client.post(url, {"body": "x"}, content_type="application/json").json()["code"]
        == "not_verified"
    )
    client.force_login(other_citizen)
    invalid = client.post(url, {"body": ""}, content_type="application/json")
    assert (invalid.status_code, invalid.json()["code"]) == (400, "invalid")
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    locked = client.post(url, {"body": "پاسخ"}, content_type="application/json")
    assert (locked.status_code, locked.json()["code"]) == (403, "locked")
    assert locked.json()["error"]


def test_api_session_write_needs_csrf(thread, other_citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_citizen)
    url = reverse("participation_api:forum-posts", args=[thread.pk])
    assert client.post(url, {"body": "پاسخ"}, content_type="application/json").status_code == 403


def test_pending_threads_are_not_in_the_api(client, premoderated_category, citizen):
    services.start_thread(premoderated_category, citizen, "در انتظار", "متن")
    data = client.get(
        reverse("participation_api:forum-threads", args=[premoderated_category.slug])
    ).json()
    assert data["count"] == 0
    thread = Thread.objects.get()
    assert client.get(reverse("participation_api:forum-posts", args=[thread.pk])).status_code == 404


def flag_url(post):
    return reverse("participation_api:forum-post-flag", args=[post.pk])


def subscription_url(thread):
    return reverse("participation_api:forum-subscription", args=[thread.pk])


def test_a_post_is_flagged_through_the_api_once(client, thread, other_citizen):
    opening = thread.posts.get()
    client.force_login(other_citizen)
    first = client.post(flag_url(opening))
    assert (first.status_code, first.json()["flagged"]) == (201, opening.pk)
    second = client.post(flag_url(opening))
    assert (second.status_code, second.json()["code"]) == (409, "already_flagged")
    assert PostFlag.objects.filter(item=opening, citizen=other_citizen).count() == 1


@pytest.mark.parametrize("role", ["anonymous", "unverified"])
def test_only_verified_citizens_flag_posts_through_the_api(client, thread, people, role):
    if people[role]:
        client.force_login(people[role])
    response = client.post(flag_url(thread.posts.get()))
    assert (response.status_code, response.json()["code"]) == (403, "not_verified")
    assert not PostFlag.objects.exists()


def test_posts_of_a_thread_awaiting_moderation_cannot_be_flagged(
    client, make_thread, premoderated_category, other_citizen
):
    pending = make_thread(in_category=premoderated_category)
    client.force_login(other_citizen)
    assert client.post(flag_url(pending.posts.get())).status_code == 404
    assert not PostFlag.objects.exists()


def test_a_pending_reply_cannot_be_flagged_through_the_api(client, thread, citizen, other_citizen):
    pending = Post.objects.create(
        thread=thread, author=citizen, body="در صف", status=Status.PENDING
    )
    client.force_login(other_citizen)
    assert client.post(flag_url(pending)).status_code == 404
    assert not PostFlag.objects.exists()


def test_a_hidden_post_cannot_be_flagged_through_the_api(client, thread, citizen, other_citizen):
    hidden = Post.objects.create(thread=thread, author=citizen, body="پنهان", status=Status.HIDDEN)
    client.force_login(other_citizen)
    response = client.post(flag_url(hidden))
    assert (response.status_code, response.json()["code"]) == (400, "invalid")
    assert not PostFlag.objects.exists()


def test_api_flag_by_session_needs_csrf(thread, other_citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_citizen)
    assert client.post(flag_url(thread.posts.get())).status_code == 403
    assert not PostFlag.objects.exists()


def test_a_citizen_follows_a_thread_through_the_api(client, thread, other_citizen):
    client.force_login(other_citizen)
    response = client.put(subscription_url(thread))
    assert (response.status_code, response.json()) == (200, {"subscribed": True})
    assert Subscription.objects.filter(thread=thread, user=other_citizen).exists()


def test_following_twice_keeps_one_subscription(client, thread, other_citizen):
    client.force_login(other_citizen)
    client.put(subscription_url(thread))
    assert client.put(subscription_url(thread)).status_code == 200
    assert Subscription.objects.filter(thread=thread, user=other_citizen).count() == 1


def test_a_citizen_stops_following_a_thread_through_the_api(client, thread, citizen):
    assert Subscription.objects.filter(thread=thread, user=citizen).exists()  # the author
    client.force_login(citizen)
    response = client.delete(subscription_url(thread))
    assert (response.status_code, response.json()) == (200, {"subscribed": False})
    assert not Subscription.objects.filter(thread=thread, user=citizen).exists()


@pytest.mark.parametrize("role", ["anonymous", "unverified"])
def test_only_verified_citizens_follow_threads_through_the_api(client, thread, people, role):
    if people[role]:
        client.force_login(people[role])
    response = client.put(subscription_url(thread))
    assert (response.status_code, response.json()["code"]) == (403, "not_verified")
    assert Subscription.objects.filter(thread=thread).count() == 1  # the author's own


def test_signed_out_callers_cannot_unsubscribe(client, thread):
    response = client.delete(subscription_url(thread))
    assert (response.status_code, response.json()["code"]) == (403, "not_authenticated")


def test_threads_awaiting_moderation_cannot_be_followed_by_others(
    client, make_thread, premoderated_category, other_citizen
):
    pending = make_thread(in_category=premoderated_category)
    client.force_login(other_citizen)
    assert client.put(subscription_url(pending)).status_code == 404
    assert client.delete(subscription_url(pending)).status_code == 404
    assert not Subscription.objects.filter(user=other_citizen).exists()


def test_the_author_may_stop_following_their_thread_awaiting_moderation(
    client, make_thread, premoderated_category, citizen
):
    pending = make_thread(in_category=premoderated_category)
    client.force_login(citizen)
    assert client.delete(subscription_url(pending)).status_code == 200
    assert not Subscription.objects.filter(thread=pending, user=citizen).exists()


def test_following_through_the_api_is_rate_limited(client, thread, other_citizen, settings):
    settings.SHAFAF_RATE_LIMITS = {"subscription": {"user": Limit(1, 60)}}
    client.force_login(other_citizen)
    client.delete(subscription_url(thread))
    limited = client.put(subscription_url(thread))
    assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited")
    assert limited["Retry-After"]
    assert not Subscription.objects.filter(thread=thread, user=other_citizen).exists()


def test_api_subscription_by_session_needs_csrf(thread, other_citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(other_citizen)
    assert client.put(subscription_url(thread)).status_code == 403
    assert not Subscription.objects.filter(thread=thread, user=other_citizen).exists()
