"""Hostile text never becomes markup; rate limits and repeats are refused."""

import pytest

from participation.comments.models import Comment
from tests.comments.helpers import (
    XSS_CORPUS,
    comments_section,
    dangerous_markup,
    page_html,
    post_comment,
    says,
)


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_no_payload_is_rendered_as_markup(client, news, citizen, payload):
    client.force_login(citizen)
    post_comment(client, news, body=f"متن {payload} پایان")
    assert Comment.objects.count() == 1
    section = comments_section(page_html(client, news))
    assert "پایان" in section
    assert dangerous_markup(section) == []


def test_allowed_markup_is_kept_and_links_are_marked_user_content(client, news, citizen):
    client.force_login(citizen)
    post_comment(
        client, news, body='<p><strong>مهم</strong> <a href="https://example.org">منبع</a></p>'
    )
    section = comments_section(page_html(client, news))
    assert "<strong>مهم</strong>" in section
    assert 'rel="nofollow ugc noopener noreferrer"' in section


def test_the_rate_limit_refuses_too_many_comments(client, news, citizen, settings):
    from participation.ratelimit import Limit

    settings.SHAFAF_RATE_LIMITS = {"comment": {"user": Limit(2, 60)}}
    client.force_login(citizen)
    for n in range(3):
        post_comment(client, news, body=f"نظر شماره‌ی {n}")
    assert Comment.objects.count() == 2
    html = page_html(client, news)
    assert says(html, "Too many attempts. Please wait a minute and try again.")
    assert "نظر شماره‌ی 2" in html  # the refused text is kept in the form


def test_the_same_text_twice_is_received_once(client, news, citizen):
    client.force_login(citizen)
    post_comment(client, news, body="همین متن")
    post_comment(client, news, body="همين متن")  # Arabic ي: the same text to a reader
    assert Comment.objects.count() == 1
    assert says(
        page_html(client, news),
        "You have just sent the same text. It was received once; no need to resend.",
    )
