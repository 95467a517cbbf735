"""With REDIS_URL set, the cache and the sessions live in Redis (checked against a real one).

The Redis at ``SHAFAF_TEST_REDIS_URL`` (default: database 15 on the loopback) is used; when
it is unreachable these tests are skipped, or fail when ``SHAFAF_REQUIRE_REDIS=1`` (CI).
"""

import json
import os
import subprocess
import sys
import uuid
from importlib import import_module
from pathlib import Path

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
