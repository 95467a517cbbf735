"""The citizen's own activity page: comments, votes, requests, forum posts and follows."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from participation.accounts import activity, private_feed


def _page_link(request, section, page):
    """The current address with ``section`` on ``page``, the other sections' pages kept."""
    if page is None:
        return ""
    query = request.GET.copy()
    query[activity.page_parameter(section.name)] = page
    return f"?{query.urlencode()}#activity-{section.name}"


@never_cache  # how a citizen voted is theirs alone: no shared cache keeps it
@login_required
def my_activity(request):
    """Everything the signed-in citizen has done, each kind a page at a time (no script)."""
    pages, _invalid = activity.page_numbers(request.GET)  # a bad number shows page 1
    sections = activity.activity_for(request.user, request, pages)
    pagers = {
        name: {
            "section": section,
            "newer": _page_link(request, section, section.previous_page),
            "older": _page_link(request, section, section.next_page),
        }
        for name, section in sections.items()
    }
    return render(
        request,
        "accounts/activity.html",
        {"sections": pagers, "private_feeds": _private_feeds(request)},
    )


def _private_feeds(request):
    """{kind: absolute URL} of the citizen's private feed; empty until they ask for one."""
    token = private_feed.feed_token(request.user)
    if not token:
        return {}
    return {
        kind: request.build_absolute_uri(reverse("accounts:followed-feed", args=[token, kind]))
        for kind in ("atom", "rss")
    }
