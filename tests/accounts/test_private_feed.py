"""A citizen's private, revocable feed of the pages they follow."""

import feedparser
import pytest
from django.urls import reverse

from cms import models
from participation.accounts import private_feed
from participation.follows.services import follow
from tests.cms.factories import NewsPageFactory, TenderPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(sections, citizen):
    """Two pages the citizen follows and one they do not."""
    news = NewsPageFactory(parent=sections[models.NewsIndexPage], title="بازگشايي پارك محله‌ی ما")
    tender = TenderPageFactory(parent=sections[models.TenderIndexPage])
    NewsPageFactory(parent=sections[models.NewsIndexPage], title="خبری که دنبال نمی‌شود")
    follow(news, citizen)
    follow(tender, citizen)
    return news, tender


def token_of(user):
    """The feed secret as stored now (``user`` keeps the profile it loaded first)."""
    return private_feed.feed_token(type(user).objects.get(pk=user.pk))


def feed_url(token, kind="atom"):
    return reverse("accounts:followed-feed", args=[token, kind])


def test_feed_lists_the_followed_pages_newest_update_first(client, citizen, followed):
    news, tender = followed
    token = private_feed.renew_feed_token(citizen)
    news.save_revision().publish()  # updated after the tender: listed first
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("private")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [news.title, tender.title]
    assert feed.entries[0].link == f"http://testserver{news.url}"


def test_rss_is_served_too(client, citizen, followed):
    token = private_feed.renew_feed_token(citizen)
    feed = feedparser.parse(client.get(feed_url(token, "rss")).content)
    assert feed.version == "rss20"
    assert len(feed.entries) == 2


def test_private_pages_never_reach_the_feed(client, citizen, followed):
    from wagtail.models import PageViewRestriction

    news, _tender = followed
    PageViewRestriction.objects.create(page=news, restriction_type="login")
    token = private_feed.renew_feed_token(citizen)
    titles = [
        entry.title for entry in feedparser.parse(client.get(feed_url(token)).content).entries
    ]
    assert news.title not in titles


@pytest.mark.parametrize("token", ["not-a-token", "x" * 43])
def test_wrong_token_is_not_found(client, citizen, followed, token):
    private_feed.renew_feed_token(citizen)
    assert client.get(feed_url(token)).status_code == 404


def test_renewing_revokes_the_old_address(client, citizen, followed):
    old = private_feed.renew_feed_token(citizen)
    new = private_feed.renew_feed_token(citizen)
    assert old != new
    assert client.get(feed_url(old)).status_code == 404
    assert client.get(feed_url(new)).status_code == 200


def test_deactivated_account_has_no_feed(client, citizen, followed):
    token = private_feed.renew_feed_token(citizen)
    citizen.is_active = False
    citizen.save()
    assert client.get(feed_url(token)).status_code == 404


def test_activity_page_creates_then_replaces_the_address(client, citizen, followed):
    client.force_login(citizen)
    page = client.get(reverse("accounts:activity")).content.decode()
    assert 'id="private-feed"' in page
    assert "<dl" not in page.split('id="private-feed"')[1]
    response = client.post(reverse("accounts:renew-feed"))
    assert response.status_code == 302
    first = token_of(citizen)
    assert first
    page = client.get(reverse("accounts:activity")).content.decode()
    assert feed_url(first) in page
    client.post(reverse("accounts:renew-feed"))
    assert token_of(citizen) not in ("", first)


def test_renewing_needs_a_signed_in_post(client, citizen):
    assert client.get(reverse("accounts:renew-feed")).status_code == 405
    response = client.post(reverse("accounts:renew-feed"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert token_of(citizen) == ""


def test_feed_runs_a_constant_number_of_queries(
    client, citizen, sections, django_assert_max_num_queries
):
    token = private_feed.renew_feed_token(citizen)
    for _ in range(6):
        follow(NewsPageFactory(parent=sections[models.NewsIndexPage], tags=["شفافیت"]), citizen)
    with django_assert_max_num_queries(12):
        response = client.get(feed_url(token))
    assert len(feedparser.parse(response.content).entries) == 6
