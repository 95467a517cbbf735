"""Editing within the window, flags held unique by the database."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from participation.comments.models import Comment, CommentFlag
from tests.comments.helpers import comments_section, page_html, says


@pytest.fixture
def own_comment(news, citizen):
    return Comment.objects.create(page=news, author=citizen, body="متن نخست")


def edit(client, comment, body):
    return client.post(reverse("comments:edit", args=[comment.pk]), {"body": body})


def test_author_edits_within_the_window(client, own_comment, citizen, news):
    client.force_login(citizen)
    assert client.get(reverse("comments:edit", args=[own_comment.pk])).status_code == 200
    response = edit(client, own_comment, "متن اصلاح‌شده <b>مهم</b><script>x</script>")
    assert response.status_code == 303
    own_comment.refresh_from_db()
    assert own_comment.body == "متن اصلاح‌شده <b>مهم</b>"
    assert own_comment.edited is not None
    assert "متن اصلاح‌شده" in comments_section(page_html(client, news))


def test_after_the_window_the_author_cannot_edit(client, own_comment, citizen, settings):
    settings.SHAFAF_COMMENT_EDIT_MINUTES = 15
    Comment.objects.filter(pk=own_comment.pk).update(
        created=timezone.now() - datetime.timedelta(minutes=16)
    )
    client.force_login(citizen)
    response = edit(client, own_comment, "دیرهنگام")
    assert response.status_code == 303
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"
    assert 'href="/comments/' not in comments_section(page_html(client, own_comment.page))


def test_the_edit_window_follows_the_setting(client, own_comment, citizen, settings):
    settings.SHAFAF_COMMENT_EDIT_MINUTES = 60
    Comment.objects.filter(pk=own_comment.pk).update(
        created=timezone.now() - datetime.timedelta(minutes=30)
    )
    client.force_login(citizen)
    edit(client, own_comment, "هنوز می‌شود")
    own_comment.refresh_from_db()
    assert own_comment.body == "هنوز می‌شود"


def test_others_cannot_edit(client, own_comment, other_citizen):
    client.force_login(other_citizen)
    edit(client, own_comment, "دست‌کاری")
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"


def test_invalid_edit_keeps_the_text_and_says_why(client, own_comment, citizen):
    client.force_login(citizen)
    response = edit(client, own_comment, "")
    assert response.status_code == 400
    assert says(response.content.decode(), "Write something before sending.")


def test_a_citizen_flags_a_comment_once(client, own_comment, other_citizen, news):
    client.force_login(other_citizen)
    url = reverse("comments:flag", args=[own_comment.pk])
    client.post(url)
    client.post(url)
    assert CommentFlag.objects.filter(item=own_comment).count() == 1
    html = page_html(client, news)
    assert says(html, "You have already reported this comment.")
    assert says(comments_section(html), "You reported this comment.")


def test_the_database_holds_one_flag_per_citizen(own_comment, other_citizen):
    CommentFlag.objects.create(item=own_comment, citizen=other_citizen)
    with pytest.raises(IntegrityError):
        CommentFlag.objects.create(item=own_comment, citizen=other_citizen)
