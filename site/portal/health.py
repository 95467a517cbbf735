"""Probes for load balancers and orchestrators.

``/healthz`` answers whether the process serves requests at all (restart it if not);
``/readyz`` whether its dependencies answer, so it may receive traffic (take it out of
rotation if not). Both stay outside ``i18n_patterns`` and the SSL redirect, and neither
reveals more than each check's status and the exception's class name: the details go to
the log, since these addresses are public.
"""

import logging
import time
import uuid

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

#: Seconds an Elasticsearch ping may take before the check fails.
SEARCH_TIMEOUT = 2


def check_databases():
    """Run ``SELECT 1`` on every configured database."""
    for alias in connections:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()


def check_cache():
    """Write, read back and delete a key in every cache.

    A read-back, not just a write, because a Redis cache set to ignore connection errors
    (as production's is) would otherwise look healthy while Redis is down.
    """
    for alias in caches:
        cache = caches[alias]
        key = f"readyz:{uuid.uuid4().hex}"
        cache.set(key, "ok", timeout=10)
        value = cache.get(key)
        cache.delete(key)
        if value != "ok":
            raise ConnectionError(f"cache {alias!r} did not return the value just written")


def check_search():
    """Ask Elasticsearch when it is configured, else load the database backend, read its index."""
    from search.backends import elasticsearch

    if elasticsearch.is_configured():
        client = elasticsearch.get_client().options(
            request_timeout=SEARCH_TIMEOUT, max_retries=0, retry_on_timeout=False
        )
        client.info()
    else:
        from wagtail.search.backends import get_search_backend
        from wagtail.search.models import IndexEntry

        get_search_backend()  # refuses a database it cannot search (SQLite without FTS5)
        IndexEntry.objects.only("pk").first()


CHECKS = {"database": check_databases, "cache": check_cache, "search": check_search}


def run_check(name, check):
    started = time.perf_counter()
    try:
        check()
    except Exception as error:  # any failure means "not ready"; the details are logged
        logger.warning("Readiness check %r failed", name, exc_info=True)
        result = {"status": "error", "error": type(error).__name__}
    else:
        result = {"status": "ok"}
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


@never_cache
@require_safe
def healthz(request):
    """The process is alive and serving; touches no database, cache or search."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    """Database, cache and search answer: 200 with each check's status, 503 if one fails."""
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    ready = all(result["status"] == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": checks},
        status=200 if ready else 503,
    )
