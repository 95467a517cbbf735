"""The comments section and the comments API load in a constant number of queries."""

import pytest
from django.urls import reverse

from participation.comments.models import Comment, CommentFlag
from participation.moderation import Status
from tests.comments.people import make_citizen


def fill(page, count):
    """``count`` top-level comments by different citizens, each with two replies, one hidden,
    and a flag by another citizen."""
    flagger = make_citizen()
    for n in range(count):
        author = make_citizen(display_name=f"شهروند {n}")
        top = Comment.objects.create(page=page, author=author, body=f"نظر {n}")
        Comment.objects.create(page=page, author=author, body="پاسخ", parent=top)
        Comment.objects.create(
            page=page, author=None, body="پنهان", parent=top, status=Status.HIDDEN
        )
        CommentFlag.objects.create(item=top, citizen=flagger)


@pytest.mark.parametrize("count", [3, 20])
def test_the_page_with_comments_takes_constant_queries(
    client, news, citizen, count, django_assert_max_num_queries
):
    fill(news, count)
    client.force_login(citizen)
    client.get(news.url)  # warm Wagtail's site and locale caches
    with django_assert_max_num_queries(32):
        response = client.get(news.url)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 20])
def test_the_comments_section_alone_is_a_fixed_number_of_queries(
    rf, news, citizen, count, django_assert_num_queries
):
    """Counted exactly: paginator count, the page of comments, their replies, the reader's flags."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.cache import SessionStore
    from django.template import Context, Template

    fill(news, count)
    request = rf.get(news.url)
    request.user = citizen
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    template = Template("{% load comments_tags %}{% page_comments %}")
    page = type(news).objects.get(pk=news.pk)
    with django_assert_num_queries(4):
        template.render(Context({"page": page, "request": request}))


@pytest.mark.parametrize("count", [3, 20])
def test_the_comments_api_takes_constant_queries(
    client, news, count, django_assert_max_num_queries
):
    fill(news, count)
    url = reverse("participation_api:comment-list", args=[news.pk])
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
