"""Who may do what with comments: anonymous visitors, unverified accounts, citizens, moderators."""

import pytest
from django.urls import reverse

from participation.comments.models import Comment, CommentFlag
from tests.comments.helpers import comments_section, page_html, post_comment

ROLES = ["anonymous", "unverified", "citizen", "moderator"]


def sign_in(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return people[role]


@pytest.mark.parametrize(
    ("role", "may_post"),
    [("anonymous", False), ("unverified", False), ("citizen", True), ("moderator", True)],
)
def test_who_may_comment(client, news, people, role, may_post):
    sign_in(client, people, role)
    post_comment(client, news)
    assert Comment.objects.exists() is may_post
    section = comments_section(page_html(client, news))
    assert ("<textarea" in section) is may_post


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_read_published_comments(client, news, people, other_citizen, role):
    Comment.objects.create(page=news, author=other_citizen, body="نظری برای همه")
    sign_in(client, people, role)
    assert "نظری برای همه" in comments_section(page_html(client, news))


@pytest.mark.parametrize(
    ("role", "may_flag"),
    [("anonymous", False), ("unverified", False), ("citizen", True), ("moderator", True)],
)
def test_who_may_flag(client, news, people, other_citizen, role, may_flag):
    comment = Comment.objects.create(page=news, author=other_citizen, body="نظر")
    sign_in(client, people, role)
    client.post(reverse("comments:flag", args=[comment.pk]))
    assert CommentFlag.objects.exists() is may_flag


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("unverified", 302), ("citizen", 302), ("moderator", 200)],
)
def test_only_moderators_reach_the_moderation_queue(client, people, role, status):
    sign_in(client, people, role)
    response = client.get(reverse("comments_moderation:queue"))
    assert response.status_code == status
    if status == 302:  # Wagtail sends people without admin access to its login page
        assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", ["anonymous", "unverified", "citizen"])
def test_only_moderators_may_hide(client, news, people, other_citizen, role):
    comment = Comment.objects.create(page=news, author=other_citizen, body="نظر")
    sign_in(client, people, role)
    client.post(
        reverse("comments_moderation:decide", args=["comments", "comment", comment.pk, "hide"]),
        {"reason": "توهین"},
    )
    comment.refresh_from_db()
    assert comment.status == "published"


def test_an_editor_without_the_permission_may_not_moderate(client, news, other_citizen):
    from django.contrib.auth.models import Group

    from tests.comments.people import make_citizen

    editor = make_citizen()
    editor.groups.add(Group.objects.get(name="editor"))
    comment = Comment.objects.create(page=news, author=other_citizen, body="نظر")
    client.force_login(editor)
    response = client.post(
        reverse("comments_moderation:decide", args=["comments", "comment", comment.pk, "hide"]),
        {"reason": "توهین"},
    )
    # Wagtail turns an admin view's PermissionDenied into a redirect to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get(reverse("comments_moderation:queue"))["Location"] == "/admin/"
    comment.refresh_from_db()
    assert comment.status == "published"
