"""Starting threads and replying through the site: moderation per category, locks, errors."""

import pytest
from django.urls import reverse

from participation import moderation
from participation.forums.models import Post, Subscription, Thread
from participation.moderation import Status
from tests.comments.helpers import XSS_CORPUS, dangerous_markup, main_of, says
from tests.comments.people import DISPLAY_NAME
from tests.forums.helpers import html_of, reply, start_thread


def test_citizen_starts_a_thread_and_is_subscribed(client, category, citizen):
    client.force_login(citizen)
    response = start_thread(client, category)
    thread = Thread.objects.get()
    assert response.status_code == 303
    assert response["Location"] == thread.get_absolute_url()
    opening = thread.posts.get()
    assert (opening.is_opening, opening.status) == (True, Status.PUBLISHED)
    assert Subscription.objects.filter(thread=thread, user=citizen).exists()
    html = html_of(client.get(response["Location"]))
    assert says(html, "Thank you. Your post has been published.")
    assert DISPLAY_NAME in html and citizen.email not in html


def test_a_thread_in_a_pre_moderated_category_waits(
    client, premoderated_category, citizen, other_citizen, moderator
):
    client.force_login(citizen)
    start_thread(client, premoderated_category)
    thread = Thread.objects.get()
    assert thread.posts.get().status == Status.PENDING
    assert client.get(thread.get_absolute_url()).status_code == 200  # its author sees it
    client.force_login(other_citizen)
    assert client.get(thread.get_absolute_url()).status_code == 404
    listing = html_of(client.get(premoderated_category.get_absolute_url()))
    assert thread.get_absolute_url() not in listing
    moderation.approve(thread.posts.get(), moderator)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_replies_in_a_pre_moderated_category_wait(
    client, make_thread, premoderated_category, other_citizen, moderator
):
    thread = make_thread(in_category=premoderated_category)
    moderation.approve(thread.posts.get(), moderator)
    client.force_login(other_citizen)
    reply(client, thread)
    assert Post.objects.get(is_opening=False).status == Status.PENDING


def test_invalid_thread_shows_errors_and_keeps_the_text(client, category, citizen):
    client.force_login(citizen)
    response = start_thread(client, category, title="", body="متن نگه‌داشته")
    assert response.status_code == 400
    html = html_of(response)
    assert says(html, "Give your thread a title.")
    assert "متن نگه‌داشته" in html
    assert 'aria-invalid="true"' in html
    assert not Thread.objects.exists()


def test_reply_is_published_and_shown(client, thread, other_citizen):
    client.force_login(other_citizen)
    response = reply(client, thread)
    post = Post.objects.get(is_opening=False)
    assert response.status_code == 303
    assert response["Location"] == reverse("forums:post", args=[post.pk])
    landing = client.get(response["Location"])
    assert landing["Location"].endswith(f"#post-{post.pk}")
    html = html_of(client.get(landing["Location"]))
    assert "پاسخ من به این گفت‌وگو" in html


def test_invalid_reply_is_shown_again(client, thread, other_citizen):
    client.force_login(other_citizen)
    response = reply(client, thread, body="")
    assert response.status_code == 400
    assert says(html_of(response), "Write something before sending.")


def test_a_locked_thread_refuses_replies_with_a_clear_message(client, thread, other_citizen):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(other_citizen)
    response = reply(client, thread)
    assert response.status_code == 403
    assert says(html_of(response), "This thread is locked: it takes no more replies.")
    assert not Post.objects.filter(is_opening=False).exists()
    page = html_of(client.get(thread.get_absolute_url()))
    assert says(page, "This thread is locked: it takes no more replies.")
    assert "<textarea" not in page


def test_a_post_link_finds_its_page(client, thread, other_citizen, settings):
    settings.SHAFAF_PAGE_SIZE = 2
    posts = [
        Post.objects.create(thread=thread, author=other_citizen, body=f"پاسخ {n}") for n in range(3)
    ]
    response = client.get(reverse("forums:post", args=[posts[-1].pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{posts[-1].pk}"


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_no_payload_is_rendered_as_markup(client, category, citizen, payload):
    client.force_login(citizen)
    start_thread(client, category, title=f"عنوان {payload}", body=f"متن {payload}")
    thread = Thread.objects.get()
    for url in [thread.get_absolute_url(), category.get_absolute_url(), reverse("forums:index")]:
        assert dangerous_markup(main_of(html_of(client.get(url)))) == [], url


def test_rate_limit_and_duplicates(client, thread, other_citizen, settings):
    from participation.ratelimit import Limit

    client.force_login(other_citizen)
    reply(client, thread, body="تکراری")
    again = reply(client, thread, body="تكراري")
    assert again.status_code == 409
    assert says(
        html_of(again), "You have just sent the same text. It was received once; no need to resend."
    )
    settings.SHAFAF_RATE_LIMITS = {"forum_post": {"user": Limit(1, 60)}}
    limited = reply(client, thread, body="سوم")
    assert limited.status_code == 429
    assert Post.objects.filter(is_opening=False).count() == 1


def test_the_citizens_paragraphs_and_line_breaks_are_shown(client, thread, other_citizen):
    client.force_login(other_citizen)
    reply(client, thread, body="موافقم\nبا این پیشنهاد\n\nولی نه در تابستان")
    html = html_of(client.get(thread.get_absolute_url()))
    assert "<p>موافقم<br>\nبا این پیشنهاد</p><p>ولی نه در تابستان</p>" in html


def test_a_new_thread_is_not_taken_for_a_reply_with_the_same_text(client, thread, citizen):
    # A title that reads as the thread's number once normalized (Persian digits).
    title = str(thread.pk).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    client.force_login(citizen)
    reply(client, thread, body="متن يكسان")
    assert start_thread(client, thread.category, title=title, body="متن يكسان").status_code == 303
    assert Thread.objects.filter(title=title).exists()
