"""Moderators hide (with a reason the author reads), restore and approve, from the admin queue."""

import pytest
from django.core import mail
from django.urls import reverse

from participation import moderation
from participation.comments.models import Comment, CommentFlag
from participation.moderation import Status
from tests.comments.helpers import comments_section, page_html, says

REASON = "توهين به ديگران؛ لطفاً محترمانه بنويسيد"


@pytest.fixture
def comment(news, citizen):
    return Comment.objects.create(page=news, author=citizen, body="نظری تند")


def decide(client, comment, action, **data):
    url = reverse("comments_moderation:decide", args=["comments", "comment", comment.pk, action])
    return client.post(url, data)


def test_the_queue_lists_pending_and_flagged_comments(
    client, news, moderator, citizen, other_citizen
):
    pending = Comment.objects.create(
        page=news, author=citizen, body="در انتظار", status=Status.PENDING
    )
    flagged = Comment.objects.create(page=news, author=citizen, body="گزارش‌شده")
    quiet = Comment.objects.create(page=news, author=citizen, body="بی‌دردسر")
    CommentFlag.objects.create(item=flagged, citizen=other_citizen)
    client.force_login(moderator)
    html = client.get(reverse("comments_moderation:queue")).content.decode()
    assert f'id="comment-{pending.pk}"' in html
    assert f'id="comment-{flagged.pk}"' in html
    assert f'id="comment-{quiet.pk}"' not in html


def test_hidden_comment_shows_its_reason_to_the_author_only(
    client, comment, moderator, citizen, other_citizen, news, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, comment, "hide", reason=REASON)
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.hidden_reason, comment.moderated_by) == (
        Status.HIDDEN,
        REASON,
        moderator,
    )
    assert mail.outbox[-1].to == [citizen.email]
    assert REASON in mail.outbox[-1].body

    client.force_login(citizen)
    section = comments_section(page_html(client, news))
    assert "نظری تند" in section and REASON in section

    client.force_login(other_citizen)
    section = comments_section(page_html(client, news))
    assert "نظری تند" not in section and REASON not in section
    assert says(section, "Hidden by a moderator.")
    client.logout()
    assert "نظری تند" not in comments_section(page_html(client, news))


def test_hiding_needs_a_reason(client, comment, moderator):
    client.force_login(moderator)
    decide(client, comment, "hide", reason="  ")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    with pytest.raises(ValueError):
        moderation.hide(comment, moderator, "")


def test_restore_shows_the_comment_again(client, comment, moderator, news):
    moderation.hide(comment, moderator, REASON)
    client.force_login(moderator)
    decide(client, comment, "restore")
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED
    client.logout()
    assert "نظری تند" in comments_section(page_html(client, news))


def test_approve_publishes_a_pending_comment(
    client, premoderated_news, citizen, moderator, django_capture_on_commit_callbacks
):
    pending = Comment.objects.create(
        page=premoderated_news, author=citizen, body="منتظر تأیید", status=Status.PENDING
    )
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, pending, "approve")
    pending.refresh_from_db()
    assert pending.status == Status.PUBLISHED
    assert mail.outbox[-1].to == [citizen.email]


def test_dismissing_flags_keeps_the_comment(client, comment, moderator, other_citizen):
    CommentFlag.objects.create(item=comment, citizen=other_citizen)
    client.force_login(moderator)
    decide(client, comment, "dismiss")
    assert not CommentFlag.objects.exists()
    comment.refresh_from_db()
    assert comment.status == Status.PUBLISHED


def test_the_menu_item_shows_for_moderators_only(client, moderator, people):
    from django.contrib.auth.models import Group

    from tests.comments.people import make_citizen

    client.force_login(moderator)
    assert "/admin/moderation/" in client.get("/admin/").content.decode()
    editor = make_citizen()
    editor.groups.add(Group.objects.get(name="editor"))
    client.force_login(editor)
    assert "/admin/moderation/" not in client.get("/admin/").content.decode()
