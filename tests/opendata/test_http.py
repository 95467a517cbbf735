"""CORS on the read-only APIs only; ETag, Last-Modified and 304; who may cache what."""

import pytest
from django.utils import timezone
from django.utils.http import http_date

from cms.catalogue.models import TariffItem, TariffTable
from tests.cms.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

ORIGIN = {"origin": "https://data.example.org"}


@pytest.mark.parametrize(
    "url", ["/api/v2/pages/", "/api/search/?q=پارک", "/api/search/suggest/?q=پارک", "/api/schema/"]
)
def test_read_only_apis_may_be_read_from_any_origin_without_credentials(client, home, url):
    response = client.get(url, headers=ORIGIN)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


@pytest.fixture
def tariffs(db):
    table = TariffTable.objects.create(
        fiscal_year=1403, title="تعرفه‌هاي عوارض محلي ۱۴۰۳", published=True
    )
    TariffItem.objects.create(table=table, code="101", title="عوارض نوسازي", amount=900_000)
    return table


@pytest.mark.parametrize(
    "url",
    [
        "/api/services/tariffs/1403.json",
        "/api/services/tariffs/1403.csv",
        "/open311/v2/services.json",
        "/open311/v2/requests.json",
    ],
)
def test_tariffs_and_open311_reads_may_be_read_from_any_origin_without_credentials(
    client, tariffs, url
):
    response = client.get(url, headers=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_open311_submission_gets_no_credentials_and_its_preflight_allows_no_post(client, home):
    url = "/open311/v2/requests.json"
    preflight = client.options(url, headers={**ORIGIN, "access-control-request-method": "POST"})
    allowed = {m.strip() for m in preflight["Access-Control-Allow-Methods"].split(",")}
    assert "POST" not in allowed
    assert "Access-Control-Allow-Credentials" not in preflight
    response = client.post(url, {"service_code": "pothole"}, headers=ORIGIN)
    assert response.status_code != 201
    assert "Access-Control-Allow-Credentials" not in response


def test_preflight_allows_reading_only(client, home):
    response = client.options(
        "/api/v2/pages/", headers={**ORIGIN, "access-control-request-method": "GET"}
    )
    assert response.status_code == 200
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_participation_writes_get_no_cors_headers(client, home):
    url = "/api/participation/polls/1/votes/"
    preflight = client.options(url, headers={**ORIGIN, "access-control-request-method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Origin" not in client.post(url, {}, headers=ORIGIN)


def test_public_page_has_etag_and_answers_304(client, news):
    first = client.get(news.url)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(news.url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_content_page_is_dated_by_its_last_publication(client, news):
    response = client.get(news.url)
    assert response["Last-Modified"] == http_date(news.last_published_at.timestamp())
    later = http_date(timezone.now().timestamp() + 60)
    assert client.get(news.url, headers={"if-modified-since": later}).status_code == 304
    earlier = http_date(news.last_published_at.timestamp() - 60)
    assert client.get(news.url, headers={"if-modified-since": earlier}).status_code == 200


def test_section_page_is_not_dated_by_its_own_publication(client, news_index, news):
    # Its listing changes whenever an item is published; only its ETag validates it.
    response = client.get(news_index.url)
    assert "Last-Modified" not in response and response["ETag"]


def test_api_detail_is_dated_and_listing_answers_304(client, news):
    detail = client.get(f"/api/v2/pages/{news.pk}/")
    assert detail["Last-Modified"] == http_date(news.last_published_at.timestamp())
    listing = client.get("/api/v2/pages/")
    assert (
        client.get("/api/v2/pages/", headers={"if-none-match": listing["ETag"]}).status_code == 304
    )


def test_republishing_changes_the_etag(client, news):
    etag = client.get(news.url)["ETag"]
    news.title = "گشایش دوباره‌ی پارك"
    news.save_revision().publish()
    response = client.get(news.url, headers={"if-none-match": etag})
    assert response.status_code == 200


@pytest.mark.parametrize("url", ["page", "/api/v2/pages/", "/sitemap.xml", "/api/docs/"])
def test_anonymous_gets_are_public_and_vary_on_cookie(client, news, url):
    response = client.get(news.url if url == "page" else url)
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=300"}
    assert "Cookie" in response["Vary"]


def test_feeds_are_public_too(client, news_index, news):
    response = client.get(news_index.url + "feed/atom/")
    assert "public" in response["Cache-Control"]
    assert response["Last-Modified"]


def test_signed_in_visitors_get_private_uncached_pages(client, news, django_user_model):
    user = django_user_model.objects.create_user("citizen", password="گذرواژه‌ی‌امن")
    client.force_login(user)
    response = client.get(news.url)
    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}
    assert "ETag" not in response


def test_a_page_with_a_csrf_token_is_never_public(client, home):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_stale_session_cookie_is_deleted_by_an_answer_no_shared_cache_keeps(client, news):
    client.cookies["sessionid"] = "not-a-session"
    response = client.get(news.url)
    # The answer that deletes the cookie is this visitor's alone; the next ones are public.
    assert response.cookies["sessionid"].value == ""
    assert "private" in response["Cache-Control"]


def test_page_open_to_comments_is_not_dated(client, news_index):
    # Comments change it without a new publication; only its ETag validates it.
    page = NewsPageFactory(parent=news_index, citizen_comments="post_moderated")
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Last-Modified" not in response
