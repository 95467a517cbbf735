"""Subscribers hear about replies; moderators hide, restore, approve; flags once."""

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from participation import moderation
from participation.forums.models import Post, PostFlag, Subscription
from participation.moderation import Status
from participation.ratelimit import Limit, RateLimited
from tests.comments.helpers import says
from tests.comments.people import make_citizen
from tests.forums.helpers import html_of, reply

REASON = "خارج از موضوع گفت‌وگو"


def test_subscribers_but_not_the_replier_get_mail(
    client, thread, citizen, other_citizen, django_capture_on_commit_callbacks
):
    follower = make_citizen()
    Subscription.objects.create(thread=thread, user=follower)
    client.force_login(other_citizen)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([citizen.email, follower.email])
    assert thread.title in mail.outbox[0].subject


def test_unsubscribed_citizens_hear_nothing(
    client, thread, citizen, other_citizen, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    client.post(reverse("forums:subscription", args=[thread.pk]), {"action": "unsubscribe"})
    assert not Subscription.objects.filter(user=citizen).exists()
    client.force_login(other_citizen)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread)
    assert mail.outbox == []


def test_subscribe_button(client, thread, other_citizen):
    client.force_login(other_citizen)
    client.post(reverse("forums:subscription", args=[thread.pk]), {"action": "subscribe"})
    assert Subscription.objects.filter(thread=thread, user=other_citizen).exists()


def test_subscribing_is_rate_limited(client, thread, other_citizen, settings):
    settings.SHAFAF_RATE_LIMITS = {"subscription": {"user": Limit(1, 60)}}
    client.force_login(other_citizen)
    url = reverse("forums:subscription", args=[thread.pk])
    client.post(url, {"action": "unsubscribe"})

    response = client.post(url, {"action": "subscribe"}, follow=True)

    assert not Subscription.objects.filter(thread=thread, user=other_citizen).exists()
    shown = [str(message) for message in response.context["messages"]]
    assert str(RateLimited.message) in shown


def test_an_approved_pending_reply_notifies_subscribers(
    make_thread,
    premoderated_category,
    citizen,
    other_citizen,
    moderator,
    client,
    django_capture_on_commit_callbacks,
):
    thread = make_thread(in_category=premoderated_category)
    moderation.approve(thread.posts.get(), moderator)
    mail.outbox.clear()
    client.force_login(other_citizen)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread)
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(Post.objects.get(is_opening=False), moderator)
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([citizen.email, other_citizen.email])  # subscriber; author told


def test_hidden_post_shows_the_reason_to_its_author_only(
    client, thread, citizen, other_citizen, moderator
):
    post = Post.objects.create(thread=thread, author=other_citizen, body="پیام بیرون از موضوع")
    client.force_login(moderator)
    url = reverse("comments_moderation:decide", args=["forums", "post", post.pk, "hide"])
    client.post(url, {"reason": REASON})
    post.refresh_from_db()
    assert post.status == Status.HIDDEN
    client.force_login(other_citizen)
    html = html_of(client.get(thread.get_absolute_url()))
    assert REASON in html and "پیام بیرون از موضوع" in html
    client.force_login(citizen)
    html = html_of(client.get(thread.get_absolute_url()))
    assert REASON not in html and "پیام بیرون از موضوع" not in html
    assert says(html, "Hidden by a moderator.")
    client.force_login(moderator)
    client.post(reverse("comments_moderation:decide", args=["forums", "post", post.pk, "restore"]))
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED


def test_a_citizen_flags_a_post_once(client, thread, other_citizen):
    post = thread.posts.get()
    client.force_login(other_citizen)
    client.post(reverse("forums:flag", args=[post.pk]))
    client.post(reverse("forums:flag", args=[post.pk]))
    assert PostFlag.objects.count() == 1
    with pytest.raises(IntegrityError):
        PostFlag.objects.create(item=post, citizen=other_citizen)


@pytest.mark.parametrize(
    ("role", "may_write"),
    [("anonymous", False), ("unverified", False), ("citizen", True), ("moderator", True)],
)
def test_who_may_start_threads_and_reply(client, thread, people, role, may_write):
    from tests.forums.helpers import start_thread

    if people[role]:
        client.force_login(people[role])
    start_thread(client, thread.category, title="عنوانی تازه", body="متنی تازه")
    reply(client, thread, body="پاسخی تازه")
    assert Post.objects.filter(body="متنی تازه").exists() is may_write
    assert Post.objects.filter(body="پاسخی تازه").exists() is may_write
    assert client.get(thread.get_absolute_url()).status_code == 200  # everyone reads
