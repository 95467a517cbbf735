"""What citizens are told of moderators' decisions is in the site's language (Persian), even
when the moderator works in the admin in English."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from cms.models import NewsIndexPage
from participation.comments.models import Comment
from participation.forums import services as forums
from participation.forums.models import ForumCategory, Post
from participation.moderation import Status
from participation.roles import MODERATOR
from tests.cms.factories import NewsPageFactory
from tests.comments.people import make_citizen

REASON = "توهين به ديگران؛ لطفاً محترمانه بنويسيد"


@pytest.fixture
def english_moderator(db):
    """A moderator whose admin is in English."""
    user = make_citizen(display_name="ناظر")
    user.groups.add(Group.objects.get(name=MODERATOR))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def author(db):
    return make_citizen()


@pytest.fixture
def news(sections):
    return NewsPageFactory(parent=sections[NewsIndexPage], title="بازگشايي كتابخانه‌ی محله")


def decide(client, item, action, **data):
    app_label, model_name = item._meta.app_label, item._meta.model_name
    url = reverse("comments_moderation:decide", args=[app_label, model_name, item.pk, action])
    return client.post(url, data)


def in_persian(msgid, **values):
    with translation.override("fa"):
        return gettext(msgid) % values


def comment_on(news):
    return in_persian("your comment on “%(page)s”", page=news.title)


def test_a_hidden_comment_is_told_in_persian_with_the_reason(
    client, news, author, english_moderator, django_capture_on_commit_callbacks
):
    comment = Comment.objects.create(page=news, author=author, body="نظری تند")
    client.force_login(english_moderator)

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, comment, "hide", reason=REASON)

    notice = mail.outbox[-1]
    subject = in_persian("A moderator has hidden your text: %(what)s", what=comment_on(news))
    assert (notice.to, notice.subject) == ([author.email], subject)
    assert in_persian("The moderator's reason: %(reason)s", reason=REASON) in notice.body
    with translation.override("en"):
        assert gettext("A moderator has hidden your text: %(what)s") not in notice.subject


def test_an_approved_comment_is_told_in_persian(
    client, news, author, english_moderator, django_capture_on_commit_callbacks
):
    comment = Comment.objects.create(
        page=news, author=author, body="نظری منتظر", status=Status.PENDING
    )
    client.force_login(english_moderator)

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, comment, "approve")

    subject = in_persian("Your text has been published: %(what)s", what=comment_on(news))
    assert mail.outbox[-1].subject == subject


def test_a_restored_comment_is_told_in_persian(
    client, news, author, english_moderator, django_capture_on_commit_callbacks
):
    comment = Comment.objects.create(
        page=news, author=author, body="نظری پنهان", status=Status.HIDDEN, hidden_reason=REASON
    )
    client.force_login(english_moderator)

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, comment, "restore")

    subject = in_persian("Your text is visible again: %(what)s", what=comment_on(news))
    assert mail.outbox[-1].subject == subject


def test_subscribers_hear_of_an_approved_reply_in_persian(
    client, author, english_moderator, django_capture_on_commit_callbacks
):
    category = ForumCategory.objects.create(title="بوستان‌ها", slug="parks", pre_moderated=True)
    thread, opening = forums.start_thread(category, author, "نيمكت‌هاي پارك", "متن آغازين")
    opening.status = Status.PUBLISHED
    opening.save(update_fields=["status"])
    answer = Post.objects.create(
        thread=thread, author=make_citizen(), body="پاسخ منتظر", status=Status.PENDING
    )
    client.force_login(english_moderator)

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, answer, "approve")

    to_subscriber = next(m for m in mail.outbox if m.to == [author.email])
    assert to_subscriber.subject == in_persian("New reply in “%(thread)s”", thread=thread.title)
