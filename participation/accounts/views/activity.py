"""The citizen's own activity page: comments, votes, requests, forum posts and follows."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from participation.accounts import activity


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
    return render(request, "accounts/activity.html", {"sections": pagers})
