"""Posting comments through the page's form: moderation modes, replies, errors, closed pages."""

import pytest
from django.core import mail

from cms.models.base import CommentsMode
from participation import moderation
from participation.comments.models import Comment
from participation.moderation import Status
from tests.comments.helpers import comments_section, page_html, post_comment, says
from tests.comments.people import DISPLAY_NAME


def test_comment_on_a_post_moderated_page_is_published_at_once(
    client, news, citizen, other_citizen
):
    client.force_login(citizen)
    response = post_comment(client, news)
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{news.url}#comment-{comment.pk}"
    assert (comment.status, comment.author, comment.page_id) == (Status.PUBLISHED, citizen, news.pk)

    html = page_html(client, news)
    assert says(html, "Thank you. Your comment has been published.")
    client.force_login(other_citizen)
    section = comments_section(page_html(client, news))
    assert "ساعت کار پارک" in section
    assert DISPLAY_NAME in section
    assert citizen.email not in section and citizen.last_name not in section


def test_comment_on_a_pre_moderated_page_waits_for_a_moderator(
    client, premoderated_news, citizen, other_citizen, moderator, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    post_comment(client, premoderated_news)
    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    html = page_html(client, premoderated_news)
    assert says(html, "Thank you. Your comment will appear once a moderator approves it.")
    assert "ساعت کار پارک" in comments_section(html)  # the author sees it, marked as waiting
    assert says(html, "Awaiting moderation: only you can see this for now.")

    client.force_login(other_citizen)
    assert "ساعت کار پارک" not in comments_section(page_html(client, premoderated_news))
    client.logout()
    assert "ساعت کار پارک" not in comments_section(page_html(client, premoderated_news))

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(comment, moderator)
    assert "ساعت کار پارک" in comments_section(page_html(client, premoderated_news))
    assert [message.to for message in mail.outbox] == [[citizen.email]]


def test_a_reply_to_a_reply_joins_the_first_comment(client, news, citizen, other_citizen):
    client.force_login(citizen)
    post_comment(client, news, body="نظر نخست")
    first = Comment.objects.get()
    client.force_login(other_citizen)
    post_comment(client, news, body="پاسخ به نظر نخست", parent=first.pk)
    reply = Comment.objects.latest("pk")
    client.force_login(citizen)
    post_comment(client, news, body="پاسخ به پاسخ", parent=reply.pk)
    reply_to_reply = Comment.objects.latest("pk")

    assert reply.parent == first
    assert reply_to_reply.parent == first  # one level deep
    section = comments_section(page_html(client, news))
    assert section.count('class="comment-list comment-list--replies"') == 1


def test_the_reply_link_sets_the_form_to_answer_that_comment(client, news, citizen):
    client.force_login(citizen)
    post_comment(client, news, body="نظر نخست")
    first = Comment.objects.get()
    html = page_html(client, news, reply_to=first.pk)
    assert f'name="parent" value="{first.pk}"' in html
    assert 'href="?reply_to=' in html


def test_a_reply_to_a_comment_of_another_page_is_refused(client, make_news, news, citizen):
    other_page = make_news()
    elsewhere = Comment.objects.create(page=other_page, author=citizen, body="جای دیگر")
    client.force_login(citizen)
    post_comment(client, news, parent=elsewhere.pk)
    assert Comment.objects.filter(page=news).count() == 0
    assert says(page_html(client, news), "The comment you replied to is not on this page.")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Write something before sending."),
        ("<script>alert(1)</script>", "Write something before sending."),
        ("ب" * 5001, None),
    ],
)
def test_invalid_comment_is_shown_again_with_its_error_and_text(
    client, news, citizen, body, message
):
    client.force_login(citizen)
    response = post_comment(client, news, body=body)
    assert response.status_code == 303
    assert response["Location"].endswith("#comment-form")
    assert Comment.objects.count() == 0
    html = page_html(client, news)
    section = comments_section(html)
    assert 'aria-invalid="true"' in section
    assert 'aria-describedby="comment-body-error comment-body-help"' in section
    assert 'id="comment-body-error"' in section
    if message:
        assert says(section, message)
    if body and "<" not in body:
        assert body in section  # the text the citizen typed is kept
    # Shown once: the next view of the page has a fresh form.
    assert 'aria-invalid="true"' not in comments_section(page_html(client, news))


def test_honeypot_filled_is_refused(client, news, citizen):
    client.force_login(citizen)
    post_comment(client, news, website="http://spam.example")
    assert Comment.objects.count() == 0
    assert says(page_html(client, news), "Your submission could not be accepted. Please try again.")


def test_closed_page_shows_no_comments_and_refuses_new_ones(client, make_news, citizen):
    closed = make_news(CommentsMode.CLOSED)
    Comment.objects.create(page=closed, author=citizen, body="نظر قدیمی")
    client.force_login(citizen)
    html = page_html(client, closed)
    assert 'id="comments"' not in html and "نظر قدیمی" not in html
    response = post_comment(client, closed)
    assert response.status_code == 303
    assert Comment.objects.filter(page=closed).count() == 1


def test_comments_on_an_unpublished_page_are_refused(client, make_news, citizen):
    draft = make_news(live=False)
    client.force_login(citizen)
    assert post_comment(client, draft).status_code == 404


def test_get_is_not_allowed_on_the_post_url(client, news, citizen):
    client.force_login(citizen)
    from django.urls import reverse

    assert client.get(reverse("comments:post", args=[news.pk])).status_code == 405


def test_csrf_is_required(news, citizen):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert post_comment(client, news).status_code == 403
    assert Comment.objects.count() == 0


def test_the_preview_of_an_unsaved_page_shows_no_comments_section(rf, citizen):
    from django.contrib.sessions.backends.cache import SessionStore
    from django.template import Context, Template

    from cms.models import NewsPage

    request = rf.get("/")
    request.user = citizen
    request.session = SessionStore()
    page = NewsPage(title="پیش‌نمایش", citizen_comments=CommentsMode.POST_MODERATED)
    html = Template("{% load comments_tags %}{% page_comments %}").render(
        Context({"page": page, "request": request})
    )
    assert 'id="comments"' not in html


def test_the_citizens_paragraphs_and_line_breaks_are_shown(client, news, citizen):
    client.force_login(citizen)
    post_comment(client, news, body="سلام\nخط دوم كوتاه\n\nبند دوم")
    section = comments_section(page_html(client, news))
    assert "<p>سلام<br>\nخط دوم كوتاه</p><p>بند دوم</p>" in section
