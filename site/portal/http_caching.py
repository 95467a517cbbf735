"""Cache-Control, Vary and Last-Modified on successful GETs: public unless personal.

Django's ConditionalGetMiddleware (outside this one) adds an ETag from the body and answers
``If-None-Match`` / ``If-Modified-Since`` with 304; this middleware decides who may keep a
response and for how long, and dates the responses whose date is known:

- personal responses are ``private, no-store``: anything for a signed-in user or an API
  caller with credentials, a page that carries a CSRF token (it is tied to the visitor's
  cookie), a response that sets a cookie;
- everything else a successful GET or HEAD returns is ``public, max-age=SHAFAF_CACHE_MAX_AGE``
  with ``Vary: Cookie`` (a signed-in visitor never gets an anonymous copy from a shared
  cache), and ``Vary: Authorization`` on the APIs;
- a view that set its own Cache-Control (``never_cache``, static files) is left alone.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from wagtail.models import Page

from cms.models import ContentPage

CACHEABLE_METHODS = {"GET", "HEAD"}
#: Wagtail API detail views whose object is a page: ``Last-Modified`` from its publication.
PAGE_DETAIL_VIEWS = {"wagtailapi:pages:detail"}


def is_personal(request, response):
    """Whether ``response`` is for this visitor only."""
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return True
    if request.headers.get("Authorization"):
        return True
    # Only a visitor with a session cookie can be signed in; others keep their session
    # untouched (reading it would add Vary: Cookie for nothing).
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def last_modified(request, response):
    """When the content of ``response`` last changed, if it is that of one page; else None.

    A content page of ``cms`` is dated by its last publication when nothing else feeds it:
    pages open to citizen comments change without being published, section pages with their
    children, and participation's pages (polls) with citizens' votes. Only the page's own
    address is dated: its routes (a budget's ``compare/``) render the page with other data.
    """
    page = (getattr(response, "context_data", None) or {}).get("page")
    if isinstance(page, Page):
        dated = (
            isinstance(page, ContentPage)
            and page._meta.app_label == "cms"
            and page.citizen_comments == "closed"
            and is_main_route(request)
        )
        return page.last_published_at if dated else None
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in PAGE_DETAIL_VIEWS:
        pk = match.kwargs.get("pk")
        return Page.objects.filter(pk=pk).values_list("last_published_at", flat=True).first()
    return None


def is_main_route(request):
    """Whether the page served is at its own address rather than at one of its routes.

    RoutablePageMixin keeps the route it matched; a page's own address is its empty route.
    """
    match = getattr(request, "routable_resolver_match", None)
    return match is None or match.route == ""


class CachingHeadersMiddleware:
    """Marks successful GET responses public or private (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in CACHEABLE_METHODS or response.status_code != 200:
            return response
        if response.has_header("Cache-Control"):
            return response
        if is_personal(request, response):
            patch_cache_control(response, private=True, no_store=True)
            return response
        patch_cache_control(response, public=True, max_age=settings.SHAFAF_CACHE_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        if request.path.startswith("/api/"):
            patch_vary_headers(response, ["Authorization"])
        if not response.has_header("Last-Modified"):
            modified = last_modified(request, response)
            if modified is not None:
                response.headers["Last-Modified"] = http_date(modified.timestamp())
        return response
