"""/healthz says the process serves; /readyz says whether database, cache and search answer."""

import socket

import pytest
from django.test import override_settings


def unused_port():
    """A loopback port nothing listens on: bound to find it, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def unreachable_redis_url():
    return f"redis://127.0.0.1:{unused_port()}/0"


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query would raise.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_not_redirected_to_a_language_prefix(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get("/healthz", headers={"accept-language": "en"})

    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_reports_each_dependency_ready(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "cache": "ok",
        "search": "ok",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("ignore_exceptions", [False, True], ids=["raising", "degrading"])
def test_readyz_is_unavailable_when_the_cache_is_unreachable(client, ignore_exceptions):
    unreachable = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": unreachable_redis_url(),
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "IGNORE_EXCEPTIONS": ignore_exceptions},
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"]["status"] == "error"
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_is_unavailable_when_elasticsearch_is_unreachable(client):
    with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{unused_port()}"):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["search"]["status"] == "error"


@pytest.mark.django_db
def test_readyz_names_the_failure_without_its_details(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": unreachable_redis_url()}
    }

    response = client.get("/readyz")

    cache = response.json()["checks"]["cache"]
    assert set(cache) == {"status", "error", "ms"}
    assert "127.0.0.1" not in response.content.decode()


def test_probes_refuse_writes(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405
