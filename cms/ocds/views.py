"""The OCDS endpoints: release and record packages, one process, and the bulk download."""

import datetime
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cms.jalali import parse_date

from . import packages
from .history import load_histories, publish_entries, published_tenders
from .releases import build_releases

JSON_OPTIONS = {"ensure_ascii": False}


class BadFilter(ValueError):
    """A query parameter that cannot be read; its message is shown to the client."""


@require_safe
def release_list(request):
    """Releases of every published tender, oldest first, paged; ``since``/``until`` filter."""
    try:
        entries = _filtered_entries(request)
    except BadFilter as error:
        return JsonResponse({"error": str(error)}, status=400, json_dumps_params=JSON_OPTIONS)
    page = Paginator(entries, settings.SHAFAF_OCDS_PAGE_SIZE).get_page(request.GET.get("page"))
    releases = packages.releases_for_entries(list(page), request.build_absolute_uri)
    data = _release_package(request, releases)
    data["links"] = _links(request, page)
    return JsonResponse(data, json_dumps_params=JSON_OPTIONS)


@require_safe
def release_detail(request, ocid):
    """Every release of one contracting process, oldest first."""
    page = _tender_or_404(ocid)
    releases = [
        release
        for _entry, release in build_releases(
            page, load_histories([page])[page.pk], request.build_absolute_uri
        )
    ]
    return JsonResponse(_release_package(request, releases), json_dumps_params=JSON_OPTIONS)


@require_safe
def record_list(request):
    """One record per published tender (releases and compiled release), paged."""
    tenders = published_tenders().order_by("first_published_at", "pk")
    page = Paginator(tenders, settings.SHAFAF_OCDS_PAGE_SIZE).get_page(request.GET.get("page"))
    records = packages.records_of(list(page), request.build_absolute_uri)
    data = _record_package(request, records)
    data["links"] = _links(request, page)
    return JsonResponse(data, json_dumps_params=JSON_OPTIONS)


@require_safe
def record_detail(request, ocid):
    """The record of one contracting process."""
    records = packages.records_of([_tender_or_404(ocid)], request.build_absolute_uri)
    if not records:
        raise Http404
    return JsonResponse(_record_package(request, records), json_dumps_params=JSON_OPTIONS)


@require_safe
def release_bulk(request):
    """Every release in one release package, streamed page by page (oldest first).

    The metadata comes first, so ``publishedDate`` is the time of the download rather than of
    the newest release (which is known only at the end).
    """
    entries = publish_entries()
    paginator = Paginator(entries, settings.SHAFAF_OCDS_PAGE_SIZE)

    def chunks():
        head = packages.metadata(request.build_absolute_uri(), None)
        yield json.dumps(head, **JSON_OPTIONS)[:-1] + ', "releases": ['
        first = True
        for number in paginator.page_range:
            page_entries = list(paginator.page(number))
            for release in packages.releases_for_entries(page_entries, request.build_absolute_uri):
                yield ("" if first else ", ") + json.dumps(release, **JSON_OPTIONS)
                first = False
        yield "]}"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="releases.json"'
    response["Link"] = f'<{settings.SHAFAF_DATA_LICENSE_URL}>; rel="license"'
    return response


def _release_package(request, releases):
    published = packages.latest_date(releases)
    return {**packages.metadata(request.build_absolute_uri(), published), "releases": releases}


def _record_package(request, records):
    releases = [release for record in records for release in record["releases"]]
    published = packages.latest_date(releases)
    return {**packages.metadata(request.build_absolute_uri(), published), "records": records}


def _tender_or_404(ocid):
    page = packages.page_for_ocid(ocid)
    if page is None:
        raise Http404
    return page


def _filtered_entries(request):
    entries = publish_entries()
    since = _moment(request.GET.get("since"), "since", end_of_day=False)
    until = _moment(request.GET.get("until"), "until", end_of_day=True)
    if since:
        entries = entries.filter(timestamp__gte=since)
    if until:
        entries = entries.filter(timestamp__lt=until)
    return entries


def _moment(text, name, *, end_of_day):
    """A filter's instant. A bare date (Gregorian or Jalali) means its whole day in Tehran:
    ``since`` from its start, ``until`` up to its end."""
    if not text:
        return None
    try:
        day = parse_date(text)
    except ValueError:
        day = None
    if day is not None:
        if end_of_day:
            day += datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise BadFilter(
            _("%(name)s must be a date (2024-05-01 or 1403/02/12) or an ISO 8601 date and time.")
            % {"name": name}
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    # An exact time is a bound in itself; "until" includes it.
    return moment + datetime.timedelta(microseconds=1) if end_of_day else moment


def _links(request, page):
    links = {}
    if page.has_next():
        links["next"] = _page_url(request, page.next_page_number())
    if page.has_previous():
        links["prev"] = _page_url(request, page.previous_page_number())
    return links


def _page_url(request, number):
    query = request.GET.copy()
    query["page"] = number
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
