"""Anonymous visitors' public pages come from the cache until something they show changes.

Run against local memory and against a real Redis (database 15 on the loopback, or
``SHAFAF_TEST_REDIS_URL``; skipped when unreachable unless ``SHAFAF_REQUIRE_REDIS=1``), each
with a key prefix of its own.
"""

import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings
from wagtail.models import Locale

from cms.models import NewsIndexPage
from participation import services
from participation.models import PollIndexPage, PollPage
from portal.page_cache import invalidate_pages
from tests.cms.factories import NewsPageFactory
from tests.participation.factories import PollPageFactory, UserFactory
from tests.portal.test_redis import redis_unreachable_reason

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"
HEADER = "X-Shafaf-Cache"


def locmem_cache():
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": f"page-cache-{uuid.uuid4().hex}",
    }


def redis_cache():
    reason = redis_unreachable_reason()
    if reason:
        pytest.skip(reason)
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"shafaf-test-page-cache-{uuid.uuid4().hex}",
    }


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request):
    """The page cache on, in an empty cache of the backend under test."""
    backend = locmem_cache() if request.param == "locmem" else redis_cache()
    with override_settings(CACHES={"default": backend}, SHAFAF_PAGE_CACHE=True):
        cache.clear()
        yield
        cache.clear()


@pytest.fixture
def news(sections):
    return NewsPageFactory(parent=sections[NewsIndexPage], title="خبر بازگشايي پارك محله‌ی نارمک")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Runs what waits for the commit when the block ends, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_second_anonymous_visit_is_a_hit_with_the_same_page(client, page_cache, news):
    first = client.get(news.url)
    second = client.get(news.url)
    assert (first.status_code, first[HEADER]) == (200, "miss")
    assert (second.status_code, second[HEADER]) == (200, "hit")
    assert second.content == first.content
    assert "بازگشايي پارك محله‌ی نارمک" in second.content.decode()


def test_a_hit_runs_no_database_query(client, page_cache, news, django_assert_num_queries):
    client.get(news.url)
    with django_assert_num_queries(0):
        assert client.get(news.url)[HEADER] == "hit"


def test_a_hit_keeps_the_caching_headers_and_answers_conditional_requests(client, page_cache, news):
    first = client.get(news.url)
    second = client.get(news.url)
    for header in ("Cache-Control", "Vary", "Last-Modified", "ETag", "Content-Security-Policy"):
        assert second[header] == first[header]
    again = client.get(news.url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_publishing_a_new_revision_shows_at_once(client, page_cache, news, on_commit):
    client.get(news.url)
    with on_commit():
        news.title = "خبر تازه‌ی درختکاري بوستان"
        news.save_revision().publish()
    response = client.get(news.url)
    assert response[HEADER] == "miss"
    assert "خبر تازه‌ی درختکاري بوستان" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(client, page_cache, news, on_commit):
    client.get(news.url)
    with on_commit():
        news.unpublish()
    assert client.get(news.url).status_code == 404


def test_a_deleted_page_is_gone_at_once(client, page_cache, news, on_commit):
    url = news.url
    client.get(url)
    with on_commit():
        news.delete()
    assert client.get(url).status_code == 404


def test_a_moved_page_leaves_its_old_address_at_once(client, page_cache, home, news, on_commit):
    archive = home.add_child(instance=NewsIndexPage(title="بايگاني اخبار", slug="bayegani"))
    old_url = news.url
    assert client.get(old_url)[HEADER] == "miss"
    with on_commit():
        news.move(archive, pos="last-child")
    moved = client.get(old_url)
    assert moved.status_code == 301  # Wagtail's redirect to the new address
    assert moved["Location"].startswith("/bayegani/")


def test_a_new_page_shows_in_its_section_at_once(client, page_cache, sections, news, on_commit):
    section = sections[NewsIndexPage]
    client.get(section.url)
    with on_commit():
        NewsPageFactory(parent=section, title="اطلاعيه‌ی جديد شهرداري")
    assert "اطلاعيه‌ی جديد شهرداري" in client.get(section.url).content.decode()


def test_a_vote_refreshes_the_poll_results(client, page_cache, home, on_commit):
    poll = PollPageFactory(parent=PollIndexPage.objects.child_of(home).get())
    choice = poll.choices.first()
    client.get(poll.url)
    with on_commit():
        services.cast_vote(poll, user=UserFactory(), device_id=None, choices=[choice])
    assert client.get(poll.url)[HEADER] == "miss"


def test_invalidate_pages_forgets_every_page(client, page_cache, news):
    client.get(news.url)
    invalidate_pages()
    assert client.get(news.url)[HEADER] == "miss"


def test_a_signed_in_citizen_never_gets_nor_fills_the_cache(client, page_cache, news):
    citizen = UserFactory(first_name="مریم", last_name="کریمي")
    client.force_login(citizen)
    for _visit in range(2):
        assert HEADER not in client.get(news.url)
    client.logout()
    client.cookies.clear()
    assert client.get(news.url)[HEADER] == "miss"


def test_a_cached_page_is_not_served_to_a_signed_in_citizen(client, page_cache, news):
    client.get(news.url)
    client.force_login(UserFactory())
    assert HEADER not in client.get(news.url)


def test_a_visitor_with_cookies_of_their_own_is_not_served_from_the_cache(client, page_cache, news):
    client.get(news.url)
    client.cookies["messages"] = "a-message-for-this-visitor"
    assert HEADER not in client.get(news.url)


def test_a_page_with_a_form_is_never_kept(client, page_cache, home):
    poll = PollPageFactory(
        parent=PollIndexPage.objects.child_of(home).get(),
        eligibility=PollPage.Eligibility.ANYONE,
    )
    for _visit in range(2):
        response = client.get(poll.url)
        assert "csrfmiddlewaretoken" in response.content.decode()
        assert HEADER not in response


def test_the_query_string_is_part_of_the_key(client, page_cache, sections):
    section = sections[NewsIndexPage]
    assert client.get(section.url)[HEADER] == "miss"
    assert client.get(section.url + "?page=1")[HEADER] == "miss"
    assert client.get(section.url + "?page=1")[HEADER] == "hit"


def test_the_language_is_part_of_the_key(client, page_cache, home):
    english_home = home.copy_for_translation(Locale.objects.create(language_code="en"))
    english_home.title = "Test municipality"
    with override_settings(SHAFAF_PAGE_CACHE=False):
        english_home.save_revision().publish()
    cache.clear()  # Wagtail caches the site's root paths, which now include /en/
    assert client.get("/")[HEADER] == "miss"
    english = client.get("/en/")
    assert english[HEADER] == "miss"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="fa"' in client.get("/").content.decode()


def test_a_write_through_the_site_forgets_every_page(client, page_cache, news):
    client.get(news.url)
    client.post("/i18n/setlang/", {"language": "fa", "next": "/"})
    client.cookies.clear()
    assert client.get(news.url)[HEADER] == "miss"


def test_off_by_default_in_the_tests(client, news):
    client.get(news.url)
    assert HEADER not in client.get(news.url)
