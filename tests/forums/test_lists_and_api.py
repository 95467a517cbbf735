"""Forum lists (pages and API) in constant queries; the API's writes and errors."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from participation.forums import services
from participation.forums.models import ForumCategory, Post, Thread
from participation.moderation import Status
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
