"""Release and record packages: the releases of a set of tenders, with publishing metadata.

Every function here reads the database in a fixed number of queries, however many tenders
or releases it covers.
"""

import datetime
import uuid

from django.conf import settings
from django.utils import timezone

from cms.models import TenderPage

from .history import english_translations, load_histories, published_tenders
from .merge import compile_releases
from .releases import build_releases, ocid_for

OCDS_VERSION = "1.1"


def metadata(uri, published_date):
    """The members every package starts with (OCDS package metadata)."""
    data = {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": published_date or timezone.localtime().isoformat(),
        "publisher": {"name": settings.SHAFAF_PUBLISHER_NAME, "uri": settings.SHAFAF_PUBLISHER_URI},
        "license": settings.SHAFAF_DATA_LICENSE_URL,
    }
    if settings.SHAFAF_PUBLICATION_POLICY_URL:
        data["publicationPolicy"] = settings.SHAFAF_PUBLICATION_POLICY_URL
    return data


def releases_of(pages, absolute_url):
    """{page id: [(publish log entry id, release), ...]} for ``pages``."""
    histories = load_histories(pages)
    return {page.pk: build_releases(page, histories[page.pk], absolute_url) for page in pages}


def releases_for_entries(entries, absolute_url):
    """The releases made by the publish log ``entries`` (a list), in the entries' order.

    A publication that changed nothing a release says makes no release.
    """
    page_ids = {entry.page_id for entry in entries}
    pages = list(TenderPage.objects.filter(pk__in=page_ids))
    by_entry = {
        entry_id: release
        for pairs in releases_of(pages, absolute_url).values()
        for entry_id, release in pairs
    }
    return [by_entry[entry.pk] for entry in entries if entry.pk in by_entry]


def page_for_ocid(ocid):
    """The published tender an ocid names, or ``None``."""
    prefix = f"{settings.SHAFAF_OCDS_PREFIX}-"
    if not ocid.startswith(prefix):
        return None
    try:
        key = uuid.UUID(ocid.removeprefix(prefix))
    except ValueError:
        return None
    return published_tenders().filter(translation_key=key).first()


def records_of(pages, absolute_url):
    """One OCDS record per page: every release and the compiled release."""
    releases = releases_of(pages, absolute_url)
    english = english_translations(pages)
    records = []
    for page in pages:
        page_releases = [release for _entry, release in releases[page.pk]]
        if not page_releases:
            continue
        compiled = compile_releases(page_releases)
        _add_english(compiled, english.get(page.translation_key))
        records.append(
            {"ocid": ocid_for(page), "releases": page_releases, "compiledRelease": compiled}
        )
    return records


def _add_english(compiled, translation):
    """The English translation's title and summary, as OCDS's language-suffixed fields.

    Only in the compiled release: each release stays what was published in Persian then.
    """
    if translation is None:
        return
    compiled["tender"]["title_en"] = translation.title
    if translation.summary:
        compiled["tender"]["description_en"] = translation.summary


def latest_date(releases):
    """The newest ``date`` among ``releases``, or ``None``."""
    dates = (release["date"] for release in releases)
    return max(dates, key=datetime.datetime.fromisoformat, default=None)
