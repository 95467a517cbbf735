"""What every public form shares against abuse: the honeypot, the optional captcha, duplicate
detection, and addresses kept only as keyed hashes."""

import pytest
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from participation import abuse, ratelimit
from tests.participation.factories import UserFactory


class SuggestionForm(abuse.SpamProtectedForm):
    text = forms.CharField()


def request_from(ip, user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    if user is not None:
        request.user = user
    return request


def test_a_person_who_leaves_the_honeypot_empty_passes():
    assert SuggestionForm({"text": "نصب نيمكت در پارك محله‌ی ما"}).is_valid()


def test_a_bot_that_fills_the_honeypot_is_refused_with_a_generic_message():
    form = SuggestionForm({"text": "نصب نيمكت", abuse.HONEYPOT_FIELD: "http://spam.example"})

    assert not form.is_valid()
    assert form.errors.as_data()["__all__"][0].code == "spam"


def test_the_captcha_is_off_by_default_and_on_when_the_setting_says_so():
    assert "captcha" not in SuggestionForm().fields
    with override_settings(SHAFAF_CAPTCHA=True):
        form = SuggestionForm({"text": "نصب نيمكت"})
        assert "captcha" in form.fields
        assert not form.is_valid()


def send(request, scope, text):
    """Send ``text`` through the duplicate check with a write that succeeds; False if refused."""
    try:
        with abuse.unique_submission(request, scope, text):
            pass
    except abuse.DuplicateSubmission:
        return False
    return True


@pytest.mark.django_db
def test_the_same_text_twice_is_a_duplicate_whatever_the_arabic_letters_or_spacing():
    cache.clear()
    citizen = UserFactory()
    request = request_from("10.1.1.1", citizen)

    assert send(request, "suggestion", "نصب نیمکت در پارک محله‌ی ما")
    assert not send(request, "suggestion", "نصب نيمكت در پارك محله ی ما")
    assert send(request, "suggestion", "روشنایی کوچه‌ی شهید رجایی")
    assert send(request, "complaint", "نصب نیمکت در پارک محله‌ی ما")


@pytest.mark.django_db
def test_another_citizen_sending_the_same_text_is_not_a_duplicate():
    cache.clear()
    text = "نصب نیمکت در پارک محله‌ی ما"

    assert send(request_from("10.1.1.1", UserFactory()), "suggestion", text)
    assert send(request_from("10.1.1.1", UserFactory()), "suggestion", text)


@pytest.mark.django_db
def test_the_same_text_sent_while_the_first_is_still_being_written_is_refused():
    cache.clear()
    request = request_from("10.1.1.1", UserFactory())
    text = "نصب نيمكت در پارك محله‌ی ما"

    with abuse.unique_submission(request, "suggestion", text):
        # A double click: the second request arrives before the first has saved.
        assert not send(request, "suggestion", text)


@pytest.mark.django_db
def test_a_text_whose_write_failed_may_be_sent_again_at_once():
    cache.clear()
    request = request_from("10.1.1.1", UserFactory())
    text = "نصب نيمكت در پارك محله‌ی ما"

    with pytest.raises(RuntimeError), abuse.unique_submission(request, "suggestion", text):
        raise RuntimeError("the database refused the write")

    assert send(request, "suggestion", text)


@pytest.fixture
def news(sections):
    from cms.models import NewsIndexPage
    from cms.models.base import CommentsMode
    from tests.cms.factories import NewsPageFactory

    return NewsPageFactory(
        parent=sections[NewsIndexPage], citizen_comments=CommentsMode.POST_MODERATED
    )


@pytest.fixture
def writer(db):
    from tests.comments.people import make_citizen

    return make_citizen()


def test_a_comment_refused_after_the_checks_may_be_posted_again_at_once(client, news, writer):
    from django.urls import reverse

    from participation.comments.models import Comment
    from participation.moderation import Status

    hidden = Comment.objects.create(
        page=news, author=UserFactory(), body="نظر پنهان‌شده", status=Status.HIDDEN
    )
    client.force_login(writer)
    url = reverse("comments:post", args=[news.pk])
    text = "پاسخ من به اين نظر"
    client.post(url, {"body": text, "parent": hidden.pk})  # refused: the parent is hidden
    assert not Comment.objects.filter(author=writer).exists()

    client.post(url, {"body": text})

    assert Comment.objects.filter(author=writer, parent=None).count() == 1


@pytest.mark.django_db
def test_a_reply_refused_because_the_thread_was_locked_meanwhile_may_be_sent_again(client, writer):
    from django.urls import reverse

    from participation import moderation
    from participation.forums import services
    from participation.forums.models import ForumCategory, Post, Thread

    category = ForumCategory.objects.create(title="حمل‌ونقل شهري", slug="transport")
    thread, _opening = services.start_thread(category, writer, "ايستگاه دوچرخه", "متن آغازين")
    text = "پاسخ من در اين گفت‌وگو"
    request = request_from("10.1.1.1", writer)
    with pytest.raises(moderation.Refused):
        with moderation.guarded_write(request, "forum_post", thread.pk, text):
            Thread.objects.filter(pk=thread.pk).update(locked=True)  # a moderator, meanwhile
            services.reply(thread, writer, text)
    Thread.objects.filter(pk=thread.pk).update(locked=False)
    client.force_login(writer)

    response = client.post(reverse("forums:thread", args=[thread.pk]), {"body": text})

    assert response.status_code == 303
    assert Post.objects.filter(thread=thread, is_opening=False).count() == 1


@override_settings(SECRET_KEY="s" * 60)
def test_addresses_are_kept_as_keyed_hashes_that_still_tell_clients_apart():
    first = ratelimit.hashed_client_ip(request_from("203.0.113.7"))

    assert "203.0.113.7" not in first
    assert first == ratelimit.hashed_client_ip(request_from("203.0.113.7"))
    assert first != ratelimit.hashed_client_ip(request_from("203.0.113.8"))
    with override_settings(SECRET_KEY="t" * 60):
        assert first != ratelimit.hashed_client_ip(request_from("203.0.113.7"))


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite serializes writes, so threads cannot race on it",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_comment_sent_ten_times_at_once_is_saved_once(news, writer):
    from django.test import Client
    from django.urls import reverse

    from participation.comments.models import Comment
    from tests.participation.test_concurrency import run_at_once

    url = reverse("comments:post", args=[news.pk])

    def send():
        client = Client()
        client.force_login(writer)
        return client.post(url, {"body": "همان نظر، ده بار با هم"}).status_code

    outcomes = run_at_once([send] * 10)

    assert outcomes == [303] * 10
    assert Comment.objects.filter(author=writer).count() == 1
