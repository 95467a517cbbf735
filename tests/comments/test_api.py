"""The comments API: list, post and edit with session + CSRF or a token, flag; errors as JSON."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from wagtail.models import PageViewRestriction

from cms.models.base import CommentsMode
from participation.comments.models import Comment, CommentFlag
from participation.moderation import Status
from participation.ratelimit import Limit
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


def edit_url(comment):
    return reverse("participation_api:comment-detail", args=[comment.pk])


def patch(client, comment, body):
    return client.patch(edit_url(comment), {"body": body}, content_type="application/json")


@pytest.fixture
def own_comment(news, citizen):
    return Comment.objects.create(page=news, author=citizen, body="متن نخست")


def test_author_edits_their_comment_through_the_api(client, own_comment, citizen):
    client.force_login(citizen)
    response = patch(client, own_comment, "متن اصلاح‌شده <b>مهم</b><script>x</script>")
    assert response.status_code == 200, response.content
    assert response.json()["comment"]["body"] == "متن اصلاح‌شده <b>مهم</b>"
    assert response.json()["comment"]["edited"]
    own_comment.refresh_from_db()
    assert own_comment.body == "متن اصلاح‌شده <b>مهم</b>"


def test_token_edit_works_without_csrf(own_comment, citizen):
    client = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=citizen).key}")
    assert patch(client, own_comment, "با توكن").status_code == 200
    own_comment.refresh_from_db()
    assert own_comment.body == "با توكن"


def test_session_edit_needs_the_csrf_token(own_comment, citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = patch(client, own_comment, "بی‌توکن")
    assert response.status_code == 403
    assert "error" in response.json()
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"


def test_edit_on_a_pre_moderated_page_goes_back_to_pending(client, premoderated_news, citizen):
    comment = Comment.objects.create(page=premoderated_news, author=citizen, body="تأییدشده")
    client.force_login(citizen)
    response = patch(client, comment, "متن تازه")
    assert response.json()["comment"]["status"] == Status.PENDING
    comment.refresh_from_db()
    assert comment.status == Status.PENDING


@pytest.mark.parametrize("who", ["anonymous", "other_citizen"])
def test_only_the_author_may_edit_through_the_api(client, own_comment, other_citizen, who):
    if who == "other_citizen":
        client.force_login(other_citizen)
    response = patch(client, own_comment, "دست‌کاری")
    assert (response.status_code, response.json()["code"]) == (403, "edit_closed")
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"


def test_api_edit_is_refused_after_the_window(client, own_comment, citizen, settings):
    settings.SHAFAF_COMMENT_EDIT_MINUTES = 15
    Comment.objects.filter(pk=own_comment.pk).update(
        created=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.force_login(citizen)
    response = patch(client, own_comment, "دیرهنگام")
    assert (response.status_code, response.json()["code"]) == (403, "edit_closed")
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"


def test_a_hidden_comment_cannot_be_edited_through_the_api(client, own_comment, citizen):
    Comment.objects.filter(pk=own_comment.pk).update(status=Status.HIDDEN)
    client.force_login(citizen)
    assert patch(client, own_comment, "بازنویسی").status_code == 403
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"


@pytest.mark.parametrize("how", ["unpublished", "private"])
def test_comments_on_pages_that_are_not_public_cannot_be_edited_through_the_api(
    client, own_comment, news, citizen, how
):
    if how == "unpublished":
        news.unpublish()
    else:
        PageViewRestriction.objects.create(page=news, restriction_type="login")
    client.force_login(citizen)
    assert patch(client, own_comment, "دست‌کاری").status_code == 404
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"


def test_an_empty_edit_is_a_400_and_changes_nothing(client, own_comment, citizen):
    client.force_login(citizen)
    response = patch(client, own_comment, "<p> </p>")
    assert (response.status_code, response.json()["code"]) == (400, "invalid")
    assert "body" in response.json()["fields"]
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"


def test_api_edits_are_rate_limited(client, own_comment, citizen, settings):
    settings.SHAFAF_RATE_LIMITS = {"comment": {"user": Limit(1, 60)}}
    client.force_login(citizen)
    assert patch(client, own_comment, "یکم").status_code == 200
    limited = patch(client, own_comment, "دوم")
    assert limited.status_code == 429
    assert limited["Retry-After"]
    own_comment.refresh_from_db()
    assert own_comment.body == "یکم"
