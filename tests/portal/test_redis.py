"""With REDIS_URL set, the cache and the sessions live in Redis (checked against a real one).

The Redis at ``SHAFAF_TEST_REDIS_URL`` (default: database 15 on the loopback) is used; when
it is unreachable these tests are skipped, or fail when ``SHAFAF_REQUIRE_REDIS=1`` (CI).
"""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from importlib import import_module
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("SHAFAF_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_unreachable_reason():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return f"Redis not reachable at {REDIS_URL}: {error}"
    return None


@pytest.fixture(scope="module")
def redis_url():
    reason = redis_unreachable_reason()
    if reason and os.environ.get("SHAFAF_REQUIRE_REDIS") == "1":
        pytest.fail(f"{reason} (SHAFAF_REQUIRE_REDIS=1)", pytrace=False)
    if reason:
        pytest.skip(reason)
    return REDIS_URL


def settings_with_redis_url(url):
    """CACHES and SESSION_ENGINE as the settings module computes them with REDIS_URL set."""
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'cache': settings.CACHES['default'], "
        "'session_engine': settings.SESSION_ENGINE}))"
    )
    env = {**os.environ, "REDIS_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT / "site",
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def redis_settings():
    return settings_with_redis_url(REDIS_URL)


@pytest.fixture
def in_redis(redis_url, redis_settings):
    """Run the test with the cache and sessions configured from REDIS_URL, under a key prefix
    of its own (so parallel runs do not meet), and remove its keys afterwards."""
    prefix = f"shafaf-test-{uuid.uuid4().hex}"
    caches = {"default": {**redis_settings["cache"], "KEY_PREFIX": prefix}}
    with override_settings(CACHES=caches, SESSION_ENGINE=redis_settings["session_engine"]):
        yield
        cache.delete_pattern("*")


def test_redis_url_switches_the_cache_and_sessions_to_redis(redis_settings):
    assert redis_settings["cache"]["BACKEND"] == "django_redis.cache.RedisCache"
    assert redis_settings["cache"]["LOCATION"] == REDIS_URL
    assert redis_settings["session_engine"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_url_the_cache_is_local_memory():
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def test_cache_stores_and_returns_a_persian_value(in_redis):
    cache.set("شهر", "تهران\u200cشمالی", timeout=30)

    assert cache.get("شهر") == "تهران\u200cشمالی"
    assert cache.client.get_client().ttl(cache.make_key("شهر")) > 0


@pytest.mark.django_db
def test_session_round_trip_goes_through_redis(in_redis):
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    session = store_class()
    session["citizen"] = "زهرا"
    session.save()

    assert cache.get(session.cache_key)["citizen"] == "زهرا"
    assert store_class(session_key=session.session_key)["citizen"] == "زهرا"


@pytest.mark.django_db
def test_session_survives_losing_its_copy_in_redis(in_redis):
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    session = store_class()
    session["citizen"] = "زهرا"
    session.save()

    cache.delete(session.cache_key)

    assert store_class(session_key=session.session_key)["citizen"] == "زهرا"


@pytest.mark.django_db
def test_signed_in_editor_stays_signed_in_through_redis(in_redis, client, django_user_model):
    user = django_user_model.objects.create_superuser("ziba", password="x")
    client.force_login(user)

    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    assert cache.get(store.cache_key)["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/").status_code == 200


# Nobody listens on port 1: every cache call fails at once, as when Redis is down.
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"


@pytest.fixture(scope="module")
def unreachable_redis_settings():
    return settings_with_redis_url(UNREACHABLE_REDIS_URL)


@pytest.fixture
def redis_down(unreachable_redis_settings):
    """Run the test with the cache and sessions configured as production does, pointed at a
    Redis that does not answer (IGNORE_EXCEPTIONS from the settings module)."""
    caches = {"default": unreachable_redis_settings["cache"]}
    session_engine = unreachable_redis_settings["session_engine"]
    with override_settings(CACHES=caches, SESSION_ENGINE=session_engine):
        yield


@pytest.fixture
def open_poll(home):
    from participation.models import PollIndexPage
    from tests.participation.factories import PollPageFactory

    return PollPageFactory(parent=PollIndexPage.objects.child_of(home).get())


@pytest.fixture
def news_page(sections):
    from cms.models import NewsIndexPage
    from cms.models.base import CommentsMode
    from tests.cms.factories import NewsPageFactory

    return NewsPageFactory(
        parent=sections[NewsIndexPage], citizen_comments=CommentsMode.POST_MODERATED
    )


def test_the_unreachable_redis_is_configured_to_ignore_its_errors(unreachable_redis_settings):
    assert unreachable_redis_settings["cache"]["LOCATION"] == UNREACHABLE_REDIS_URL
    assert unreachable_redis_settings["cache"]["OPTIONS"]["IGNORE_EXCEPTIONS"] is True


@pytest.mark.django_db
def test_with_redis_down_a_citizen_can_still_vote(redis_down, client, open_poll):
    from participation.models import Vote
    from tests.participation.factories import UserFactory

    citizen = UserFactory()
    client.force_login(citizen)

    response = client.post(open_poll.url, {"choices": open_poll.choices.first().pk})

    assert response.status_code == 303
    assert Vote.objects.filter(poll=open_poll, voter=citizen).count() == 1


@pytest.mark.django_db
def test_with_redis_down_a_citizen_can_still_comment(redis_down, client, news_page):
    from django.urls import reverse

    from participation.comments.models import Comment
    from tests.comments.people import make_citizen

    client.force_login(make_citizen())

    response = client.post(
        reverse("comments:post", args=[news_page.pk]), {"body": "نظر من درباره‌ی اين خبر"}
    )

    assert response.status_code == 303
    assert Comment.objects.filter(page=news_page).count() == 1


@pytest.mark.django_db
def test_with_redis_down_a_citizen_can_still_sign_in(redis_down, client):
    from django.urls import reverse

    from tests.participation.factories import UserFactory

    citizen = UserFactory()

    response = client.post(
        reverse("accounts:login"),
        {"username": citizen.email, "password": "a-long-test-password"},
    )

    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).wsgi_request.user == citizen


@pytest.mark.django_db
def test_with_redis_down_a_comment_logs_one_warning_for_all_its_checks(
    redis_down, client, news_page, caplog
):
    from django.urls import reverse

    from tests.comments.people import make_citizen

    client.force_login(make_citizen())  # limits per user and per address, and the duplicate check

    with caplog.at_level("WARNING", logger="participation"):
        client.post(reverse("comments:post", args=[news_page.pk]), {"body": "نظر من"})

    warnings = [r for r in caplog.records if r.name.startswith("participation")]
    assert [r.levelname for r in warnings] == ["WARNING"]


class HungRedis:
    """A TCP server on the loopback that accepts connections and never answers, as a hung
    Redis does (or one whose packets are dropped); once healed, it forwards the connections
    made after that to the real Redis at ``REDIS_URL``."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"redis://127.0.0.1:{self._listener.getsockname()[1]}{urlparse(REDIS_URL).path}"
        self.healed = threading.Event()
        self._held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        real = urlparse(REDIS_URL)
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:  # closed
                return
            if not self.healed.is_set():
                self._held.append(connection)
                continue
            upstream = socket.create_connection((real.hostname, real.port or 6379))
            for source, target in ((connection, upstream), (upstream, connection)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                target.sendall(data)
            target.shutdown(socket.SHUT_WR)

    def close(self):
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread
        self._listener.close()
        for connection in self._held:
            connection.close()


@pytest.fixture
def hung_redis():
    server = HungRedis()
    yield server
    server.close()


COOL_OFF = 1  # seconds, shorter than production's so the recovery test is quick


@pytest.fixture
def redis_hung(hung_redis, redis_settings):
    """Run the test with the cache and sessions configured as production does, pointed at a
    Redis that accepts connections and never answers, under a key prefix of its own."""
    options = {**redis_settings["cache"]["OPTIONS"], "CIRCUIT_BREAKER_COOL_OFF": COOL_OFF}
    cache_settings = {
        **redis_settings["cache"],
        "LOCATION": hung_redis.url,
        "KEY_PREFIX": f"shafaf-test-{uuid.uuid4().hex}",
        "OPTIONS": options,
    }
    session_engine = redis_settings["session_engine"]
    with override_settings(CACHES={"default": cache_settings}, SESSION_ENGINE=session_engine):
        yield cache_settings


def test_the_cache_client_is_the_circuit_breaker_with_short_timeouts(redis_settings):
    options = redis_settings["cache"]["OPTIONS"]

    assert options["CLIENT_CLASS"] == "portal.cache.CircuitBreakerClient"
    assert options["SOCKET_TIMEOUT"] <= 0.5
    assert options["SOCKET_CONNECT_TIMEOUT"] <= 0.5


def test_with_redis_hung_calls_after_the_first_timeout_return_at_once(redis_hung):
    socket_timeout = redis_hung["OPTIONS"]["SOCKET_TIMEOUT"]
    assert cache.get("شهر", "پيش‌فرض") == "پيش‌فرض"  # waits out one socket timeout

    started = time.monotonic()
    for number in range(10):
        key = f"محله‌ي {number}"
        assert cache.get(key) is None
        assert cache.get_many([key]) == {}
        cache.set(key, "كوچه")
        cache.add(key, "كوچه")
        cache.delete(key)
    elapsed = time.monotonic() - started

    # 50 calls that each waited would take 50 socket timeouts.
    assert elapsed < socket_timeout


@pytest.mark.django_db
def test_with_redis_hung_the_pages_api_answers(redis_hung, client, home):
    cache.get("شهر")  # the first call waits out the socket timeout and trips the breaker

    started = time.monotonic()
    response = client.get("/api/v2/pages/")

    assert response.status_code == 200
    assert time.monotonic() - started < 5  # a cache call per page would have waited each


def test_after_the_cool_off_a_redis_that_answers_again_is_used(redis_url, redis_hung, hung_redis):
    import redis

    cache.get("شهر")  # trips the breaker
    hung_redis.healed.set()
    cache.set("شهر", "تهران\u200cشمالی", timeout=30)
    assert cache.get("شهر") is None  # still skipped: the cool-off is not over

    deadline = time.monotonic() + COOL_OFF + 5
    while cache.set("شهر", "تهران\u200cشمالی", timeout=30) is not True:
        assert time.monotonic() < deadline, "Redis was not used again after the cool-off"

    assert cache.get("شهر") == "تهران\u200cشمالی"
    assert redis.Redis.from_url(REDIS_URL).exists(cache.make_key("شهر")) == 1
    cache.delete_pattern("*")
