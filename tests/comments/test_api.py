"""The comments API: list, post with session + CSRF or a token, flag; errors as JSON."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from cms.models.base import CommentsMode
from participation.comments.models import Comment, CommentFlag
from participation.moderation import Status
from tests.comments.helpers import BODY, FORBIDDEN_MARKUP, XSS_CORPUS
from tests.comments.people import DISPLAY_NAME


def list_url(page):
    return reverse("participation_api:comment-list", args=[page.pk])


def test_list_shows_published_comments_without_personal_data(client, news, citizen):
    Comment.objects.create(page=news, author=citizen, body="منتشرشده")
    Comment.objects.create(page=news, author=citizen, body="منتظر", status=Status.PENDING)
    Comment.objects.create(page=news, author=citizen, body="پنهان", status=Status.HIDDEN)
    data = client.get(list_url(news)).json()
    assert data["count"] == 1
    assert [c["body"] for c in data["results"]] == ["منتشرشده"]
    assert data["results"][0]["author"] == DISPLAY_NAME
    assert citizen.email not in str(data) and citizen.username not in str(data)


def test_token_post_creates_a_comment(news, citizen):
    token = Token.objects.create(user=citizen)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(list_url(news), {"body": BODY}, content_type="application/json")
    assert response.status_code == 201, response.content
    comment = Comment.objects.get()
    assert response.json()["comment"]["id"] == comment.pk
    assert "<script" not in response.json()["comment"]["body"]


def test_session_post_needs_the_csrf_token(news, citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = client.post(list_url(news), {"body": BODY}, content_type="application/json")
    assert response.status_code == 403
    assert "error" in response.json()
    assert not Comment.objects.exists()


def test_pre_moderated_post_is_pending(client, premoderated_news, citizen):
    client.force_login(citizen)
    response = client.post(
        list_url(premoderated_news), {"body": BODY}, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["comment"]["status"] == Status.PENDING


@pytest.mark.parametrize(
    ("role", "status", "code"),
    [
        ("anonymous", 403, "not_verified"),
        ("unverified", 403, "not_verified"),
        ("citizen", 201, None),
    ],
)
def test_who_may_post(client, news, people, role, status, code):
    if people[role]:
        client.force_login(people[role])
    response = client.post(list_url(news), {"body": BODY}, content_type="application/json")
    assert response.status_code == status
    if code:
        assert response.json()["code"] == code


def test_invalid_body_is_a_400_with_a_message(client, news, citizen):
    client.force_login(citizen)
    response = client.post(list_url(news), {"body": ""}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "body" in response.json()["fields"]


def test_closed_page_refuses_and_hides(client, make_news, citizen):
    closed = make_news(CommentsMode.CLOSED)
    client.force_login(citizen)
    response = client.post(list_url(closed), {"body": BODY}, content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (403, "closed")
    assert client.get(list_url(closed)).status_code == 404


def test_duplicate_and_rate_limit(client, news, citizen, settings):
    from participation.ratelimit import Limit

    client.force_login(citizen)
    client.post(list_url(news), {"body": "یک"}, content_type="application/json")
    again = client.post(list_url(news), {"body": "یک"}, content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "duplicate")
    settings.SHAFAF_RATE_LIMITS = {"comment": {"user": Limit(1, 60)}}
    limited = client.post(list_url(news), {"body": "دو"}, content_type="application/json")
    assert limited.status_code == 429
    assert limited["Retry-After"]
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_api_bodies_carry_no_markup_from_payloads(client, news, citizen, payload):
    client.force_login(citizen)
    client.post(list_url(news), {"body": f"متن {payload}"}, content_type="application/json")
    body = str(client.get(list_url(news)).json()).lower()
    for markup in FORBIDDEN_MARKUP:
        assert markup not in body


def test_flag_through_the_api_once(client, news, citizen, other_citizen):
    comment = Comment.objects.create(page=news, author=other_citizen, body="نظر")
    client.force_login(citizen)
    url = reverse("participation_api:comment-flag", args=[comment.pk])
    assert client.post(url).status_code == 201
    second = client.post(url)
    assert (second.status_code, second.json()["code"]) == (409, "already_flagged")
    assert CommentFlag.objects.count() == 1
