"""Popolo JSON endpoints: the whole export and paginated lists of each class.

Read-only and public: everything here is already on the council's public pages.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from . import popolo

PAGE_SIZE = 50


def _json(data):
    # Persian text stays readable in the response instead of \\u escapes.
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@require_GET
def popolo_export(request):
    """``popolo.json``: persons, organizations, memberships, posts, events, motions, votes."""
    return _json(popolo.export(request))


def _page(request, queryset):
    """One page of ``queryset`` (``?page=N``) and the list envelope around it."""
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    envelope = {
        "count": paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
    }
    return list(page.object_list), envelope


@require_GET
def persons(request):
    items, envelope = _page(request, popolo.persons_queryset())
    return _json({**envelope, "results": [popolo.person(item, request) for item in items]})


@require_GET
def organizations(request):
    items, envelope = _page(request, popolo.organizations_queryset())
    return _json({**envelope, "results": [popolo.organization(item) for item in items]})


@require_GET
def motions(request):
    items, envelope = _page(request, popolo.motions_queryset())
    people = popolo.public_person_ids()
    return _json({**envelope, "results": [popolo.motion(item, people) for item in items]})


@require_GET
def vote_events(request):
    items, envelope = _page(request, popolo.vote_events_queryset())
    people = popolo.public_person_ids()
    return _json({**envelope, "results": [popolo.vote_event(item, people) for item in items]})
