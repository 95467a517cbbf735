"""The finished HTML of public Wagtail pages for anonymous visitors, kept in Django's cache.

A page is kept when a visitor without cookies of their own (no session, no messages; the CSRF
and language cookies are harmless) and without an ``Authorization`` header gets it with a 200
that CachingHeadersMiddleware marked public: no cookie set, no CSRF token used (``get_token``
always sets the cookie), nothing personal. The next such visitor of the same host, address,
query string and language gets it without a database query; ``X-Shafaf-Cache`` says ``hit``
or ``miss`` (looked up, rendered and kept).

Every key holds a *generation*, a random token in the cache: changing any model shown on the
site (a page published, unpublished, moved or deleted; a snippet, a comment, a vote) sets a
new token, and every kept page is gone at once. Bulk writes send no model signal, so any
successful POST, PUT, PATCH or DELETE sets one too, and a kept page lives at most
``SHAFAF_PAGE_CACHE_SECONDS`` (the public ``max-age`` a shared cache may keep it anyway).
Other code that changes what pages show outside these calls ``invalidate_pages()``.

It sits between ConditionalGetMiddleware and CachingHeadersMiddleware: a kept page keeps its
Cache-Control, Vary and Last-Modified, and a hit still gets its ETag and 304s.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_max_age
from django.utils.translation import get_language_from_path
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "shafaf:page-cache:generation"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
#: Vary headers the key accounts for: no personal cookie, no credentials, the language.
KEY_HEADERS = {"cookie", "authorization", "accept-language"}
#: Apps and models whose rows never show on a public page: writing them keeps the cached
#: pages. Renditions are made while a page renders; editing sessions are pinged every few
#: seconds while an editor has a page open.
UNSHOWN = {
    "admin",
    "authtoken",
    "axes",
    "captcha",
    "contenttypes",
    "django_tasks_database",
    "sessions",
    "wagtailsearch",
    "wagtailadmin.editingsession",
    "wagtailimages.rendition",
}


def invalidate_pages(**_signal_arguments):
    """Forget every cached page, now and again once the current transaction commits.

    Now, so that what runs later in the same transaction (a test, a view that writes then
    renders) never gets the old page; on commit, so that a page another request rendered from
    the old rows meanwhile is kept under a dead generation. Usable as a signal receiver.
    """
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Never kept or evicted: a fresh token, so no page kept before can be served again.
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _model_changed(sender, **_signal_arguments):
    if sender._meta.app_label not in UNSHOWN and sender._meta.label_lower not in UNSHOWN:
        invalidate_pages()


def connect_signals():
    """Invalidate on every write that can show on a page (PortalConfig.ready calls it)."""
    from participation.signals import vote_recorded

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_model_changed, dispatch_uid="shafaf-page-cache")
    for signal in (page_published, page_unpublished, post_page_move, vote_recorded):
        signal.connect(invalidate_pages, dispatch_uid="shafaf-page-cache")


def is_anonymous(request):
    """Whether nothing in the request can make the page personal."""
    if request.headers.get("Authorization"):
        return False
    harmless = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    return set(request.COOKIES) <= harmless


def cache_key(request, generation):
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    address = f"{request.get_host()}\n{request.get_full_path()}\n{language}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"shafaf:page-cache:{generation}:{digest}"


def is_keepable(response):
    """Whether ``response`` is a public Wagtail page that any anonymous visitor may get."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if get_max_age(response) is None or "public" not in response.get("Cache-Control", ""):
        return False
    # The key holds the language but no other header: an answer that varies on one is not kept.
    varies_on = {header.strip().lower() for header in response.get("Vary", "").split(",")}
    if varies_on - KEY_HEADERS - {""}:
        return False
    page = (getattr(response, "context_data", None) or {}).get("page")
    return isinstance(page, Page)


class PageCacheMiddleware:
    """Serves and keeps anonymous visitors' public pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.SHAFAF_PAGE_CACHE:
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            if response.status_code < 400:
                invalidate_pages()
            return response
        if request.method != "GET" or not is_anonymous(request):
            return self.get_response(request)
        key = cache_key(request, _generation())
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content, headers=headers)
            response["X-Shafaf-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_keepable(response):
            headers = dict(response.items())
            cache.set(key, (response.content, headers), settings.SHAFAF_PAGE_CACHE_SECONDS)
            response["X-Shafaf-Cache"] = "miss"
        return response
