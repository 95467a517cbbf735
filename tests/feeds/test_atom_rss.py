"""Every section serves its newest items as Atom (RFC 4287) and RSS 2.0."""

import datetime

import pytest

from tests.conftest import XSS

from .conftest import ATOM, parse, read_feed

pytestmark = pytest.mark.django_db


def test_section_atom_feed_has_what_rfc_4287_requires(client, news_index, make_news):
    make_news(title="بازگشايي پارك محله‌ی ما", tags=["فضای سبز"])
    response = client.get(news_index.url + "feed/atom/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse(response)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href").endswith(news_index.url + "feed/atom/")
    (entry,) = feed.findall(f"{ATOM}entry")
    for required in ("id", "title", "updated", "link", "published", "summary"):
        assert entry.find(f"{ATOM}{required}") is not None, required
    assert entry.find(f"{ATOM}title").text == "بازگشايي پارك محله‌ی ما"
    assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/news/")
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["فضای سبز"]
    # RFC 3339 timestamps.
    datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)


def test_section_rss_feed_is_rss_2_with_rfc_822_dates(client, news_index, make_news):
    make_news(title="خبر ي ك", tags=["شفافیت"])
    response = client.get(news_index.url + "feed/rss/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    rss = parse(response)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    for required in ("title", "link", "description"):
        assert channel.find(required).text, required
    (item,) = channel.findall("item")
    assert item.find("title").text == "خبر ي ك"
    assert item.find("category").text == "شفافیت"
    # RFC 822, as email.utils writes it: "Wed, 01 May 2024 10:00:00 +0000".
    from email.utils import parsedate_to_datetime

    assert parsedate_to_datetime(item.find("pubDate").text).tzinfo is not None


def test_the_summary_shows_a_jalali_date_and_escapes_markup(client, news_index, make_news):
    make_news(date=datetime.date(2024, 5, 1), summary=f"خلاصه‌ی خبر {XSS}")
    entry = parse(client.get(news_index.url + "feed/atom/")).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The summary is HTML: the payload is in it as escaped text, never as a tag.
    assert "&lt;script&gt;" in summary.text
    assert "<script>" not in summary.text
    assert "۱۲ اردیبهشت ۱۴۰۳" in summary.text
    assert 'datetime="2024-05-01"' in summary.text


def test_english_feed_has_english_items_and_latin_digits(client, english_news):
    index = english_news.get_parent()
    response = client.get(index.url + "feed/rss/")
    assert index.url.startswith("/en/")
    feed = read_feed(response)
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == ["Budget hearing opens"]


def test_drafts_and_private_items_stay_out_of_feeds(client, news_index, make_news):
    make_news(title="منتشر شده")
    make_news(title="پیش‌نویس", live=False)
    entries = read_feed(client.get(news_index.url + "feed/atom/")).entries
    assert [entry.title for entry in entries] == ["منتشر شده"]


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_feed_costs_the_same_queries_for_2_or_20_items(
    client, news_index, make_news, django_assert_max_num_queries, kind
):
    for _ in range(2):
        make_news(tags=["الف", "ب"])
    client.get(news_index.url + f"feed/{kind}/")  # warm the site root cache
    with django_assert_max_num_queries(12) as small:
        client.get(news_index.url + f"feed/{kind}/")
    for _ in range(18):
        make_news(tags=["الف", "ب"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(news_index.url + f"feed/{kind}/")
    assert len(read_feed(response).entries) == 20


def test_every_section_serves_feeds(client, sections):
    for model, page in sections.items():
        if hasattr(page, "feed_links"):
            for link in page.feed_links():
                assert client.get(link["url"]).status_code == 200, (model, link)


def test_section_offers_its_feeds_for_discovery(news_index):
    links = news_index.feed_links()
    assert [link["type"] for link in links] == ["application/atom+xml", "application/rss+xml"]
    assert links[0]["url"] == news_index.url + "feed/atom/"
