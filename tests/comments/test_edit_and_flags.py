"""Editing within the window (back to moderation where it applies), flags on public pages only,
held unique by the database."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.management.color import no_style
from django.db import IntegrityError, connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from participation.comments.models import Comment, CommentFlag
from participation.moderation import Status
from tests.comments.helpers import comments_section, page_html, post_comment, says


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


class _Textarea(HTMLParser):
    """The text of the first textarea, as the browser puts it in the box."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.text = None

    def handle_starttag(self, tag, attrs):
        if tag == "textarea" and self.text is None:
            self.inside, self.text = True, ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.inside = False

    def handle_data(self, data):
        if self.inside:
            self.text += data


def textarea_text(html):
    parser = _Textarea()
    parser.feed(html)
    return parser.text.removeprefix("\n")  # browsers drop the newline after <textarea>


def test_an_edit_on_a_pre_moderated_page_waits_for_a_moderator_again(
    client, premoderated_news, citizen, other_citizen
):
    approved = Comment.objects.create(page=premoderated_news, author=citizen, body="متن تاييدشده")
    client.force_login(citizen)
    edit(client, approved, "متن دیگری كه ناظر نديده")
    approved.refresh_from_db()
    assert approved.status == Status.PENDING
    client.force_login(other_citizen)
    assert "ناظر نديده" not in comments_section(page_html(client, premoderated_news))


def test_the_author_is_told_an_edit_waits_for_a_moderator(client, premoderated_news, citizen):
    approved = Comment.objects.create(page=premoderated_news, author=citizen, body="متن تاييدشده")
    client.force_login(citizen)
    assert says(
        client.get(reverse("comments:edit", args=[approved.pk])).content.decode(),
        "Comments on this page appear once a moderator approves them.",
    )
    edit(client, approved, "متن اصلاح‌شده")
    assert says(
        page_html(client, premoderated_news),
        "Your comment has been changed and will appear once a moderator approves it.",
    )


def test_an_edit_on_a_post_moderated_page_stays_published(client, own_comment, citizen):
    client.force_login(citizen)
    edit(client, own_comment, "متن اصلاح‌شده")
    own_comment.refresh_from_db()
    assert own_comment.status == Status.PUBLISHED


def test_the_edit_form_shows_the_text_as_the_citizen_typed_it(client, news, citizen):
    typed = 'هزينه‌ها < ۱۰۰ و "R&D"\n\n<a href="https://example.org/?a=1&b=2">منبع</a>'
    client.force_login(citizen)
    post_comment(client, news, body=typed)
    comment = Comment.objects.get()
    html = client.get(reverse("comments:edit", args=[comment.pk])).content.decode()
    assert textarea_text(html) == typed


def numbered_like(page, author):
    """A comment of ``author`` on ``page`` whose id is the page's id."""
    comment = Comment.objects.create(pk=page.pk, page=page, author=author, body="متن نخست")
    # PostgreSQL's sequence did not see that id: move it on so the next comment gets another.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Comment]):
            cursor.execute(sql)
    return comment


def test_an_edit_is_not_taken_for_a_new_comment_with_the_same_number(client, news, citizen):
    own = numbered_like(news, citizen)
    client.force_login(citizen)
    post_comment(client, news, body="متن يكسان")
    response = edit(client, own, "متن يكسان")
    assert response.status_code == 303
    own.refresh_from_db()
    assert own.body == "متن يكسان"


def test_a_new_comment_is_not_taken_for_an_edit_with_the_same_number(client, news, citizen):
    own = numbered_like(news, citizen)
    client.force_login(citizen)
    edit(client, own, "متن يكسان")
    post_comment(client, news, body="متن يكسان")
    assert Comment.objects.filter(body="متن يكسان").count() == 2


def make_unreachable(page, how):
    if how == "unpublished":
        page.unpublish()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="login")


@pytest.mark.parametrize("how", ["unpublished", "private"])
def test_comments_on_pages_that_are_not_public_cannot_be_flagged_through_the_api(
    client, own_comment, news, other_citizen, how
):
    make_unreachable(news, how)
    client.force_login(other_citizen)
    response = client.post(reverse("participation_api:comment-flag", args=[own_comment.pk]))
    assert response.status_code == 404
    assert not CommentFlag.objects.exists()


@pytest.mark.parametrize("how", ["unpublished", "private"])
def test_comments_on_pages_that_are_not_public_cannot_be_flagged_on_the_site(
    client, own_comment, news, other_citizen, how
):
    make_unreachable(news, how)
    client.force_login(other_citizen)
    response = client.post(reverse("comments:flag", args=[own_comment.pk]))
    assert response.status_code == 404
    assert not CommentFlag.objects.exists()


@pytest.mark.parametrize("how", ["unpublished", "private"])
def test_comments_on_pages_that_are_not_public_cannot_be_edited(
    client, own_comment, news, citizen, how
):
    make_unreachable(news, how)
    client.force_login(citizen)
    assert edit(client, own_comment, "دست‌کاری").status_code == 404
    own_comment.refresh_from_db()
    assert own_comment.body == "متن نخست"
