"""Release and record packages: metadata, schema validity, paging, date filters, bulk download."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import PageLogEntry

from cms.ocds.releases import ocid_for
from cms.site_structure import ensure_translated_structure

from .conftest import assert_valid
from .helpers import award, aware, later_deadline, make_tender, republish

pytestmark = pytest.mark.django_db


def set_publish_time(page, moment):
    """Move every publication of ``page`` to ``moment`` (the test controls the clock)."""
    PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.publish").update(timestamp=moment)


def test_release_package_has_publishing_metadata(client, sections, release_package_validator):
    make_tender(sections)
    data = client.get(reverse("ocds:release-list")).json()
    assert_valid(release_package_validator, data)
    assert data["version"] == "1.1"
    assert data["license"] == settings.SHAFAF_DATA_LICENSE_URL
    assert data["publisher"]["name"] == settings.SHAFAF_PUBLISHER_NAME
    assert data["uri"] == "http://testserver/api/ocds/releases/"
    assert data["publishedDate"] == data["releases"][-1]["date"]


def test_releases_are_listed_oldest_first_with_unique_ids(client, sections):
    first = make_tender(sections)
    second = make_tender(sections)
    set_publish_time(first, aware(2024, 5, 1, 9))
    set_publish_time(second, aware(2024, 4, 1, 9))
    later = later_deadline(first)
    set_publish_time(later, aware(2024, 5, 1, 9))
    PageLogEntry.objects.filter(page_id=first.pk, revision=later.live_revision).update(
        timestamp=aware(2024, 6, 1, 9)
    )
    releases = client.get(reverse("ocds:release-list")).json()["releases"]
    assert [(r["ocid"], r["tag"]) for r in releases] == [
        (ocid_for(second), ["tender"]),
        (ocid_for(first), ["tender"]),
        (ocid_for(first), ["tenderAmendment"]),
    ]
    ids = [r["id"] for r in releases]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"since": "2024-05-01"}, ["may", "june"]),
        ({"until": "2024-05-01"}, ["april", "may"]),
        ({"since": "1403/02/12", "until": "2024-05-31"}, ["may"]),
        ({"since": "2024-05-01T10:00:00+03:30"}, ["june"]),
    ],
)
def test_since_and_until_filter_by_release_date(client, sections, query, expected):
    months = {
        "april": aware(2024, 4, 10, 9),
        "may": aware(2024, 5, 1, 9),
        "june": aware(2024, 6, 2),
    }
    ocids = {}
    for name, moment in months.items():
        page = make_tender(sections, title=name)
        set_publish_time(page, moment)
        ocids[ocid_for(page)] = name
    releases = client.get(reverse("ocds:release-list"), query).json()["releases"]
    assert [ocids[r["ocid"]] for r in releases] == expected


def test_bad_date_filter_is_refused_with_a_reason(client, sections):
    response = client.get(reverse("ocds:release-list"), {"since": "دیروز"})
    assert response.status_code == 400
    assert "since" in response.json()["error"]


def test_pages_link_to_the_next_and_keep_filters(client, sections, settings):
    settings.SHAFAF_OCDS_PAGE_SIZE = 2
    for _ in range(3):
        make_tender(sections)
    url = reverse("ocds:release-list")
    first = client.get(url, {"since": "2000-01-01"}).json()
    assert len(first["releases"]) == 2
    assert "since=2000-01-01" in first["links"]["next"]
    second = client.get(first["links"]["next"]).json()
    assert len(second["releases"]) == 1
    assert "next" not in second["links"]
    seen = [r["id"] for r in first["releases"] + second["releases"]]
    assert len(set(seen)) == 3


def test_record_package_compiles_the_releases(client, sections, record_package_validator):
    page = award(later_deadline(make_tender(sections)))
    data = client.get(reverse("ocds:record-detail", args=[ocid_for(page)])).json()
    assert_valid(record_package_validator, data)
    [record] = data["records"]
    assert [r["tag"] for r in record["releases"]] == [["tender"], ["tenderAmendment"], ["award"]]
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"]
    assert compiled["date"] == record["releases"][-1]["date"]
    assert compiled["tender"]["tenderPeriod"]["endDate"].startswith("2024-05-27")
    assert compiled["awards"][0]["suppliers"][0]["name"] == "شركت راه‌سازان ي ك"
    assert [p["roles"] for p in compiled["parties"]] == [["buyer", "procuringEntity"], ["supplier"]]
    assert len(compiled["tender"]["amendments"]) == 1


def test_english_translation_joins_the_same_process(
    client, home, sections, record_package_validator
):
    page = make_tender(sections)
    english_home = ensure_translated_structure(home, "en")
    english = page.copy_for_translation(english_home.locale)
    english.title = "Resurfacing of streets"
    english.save_revision().publish()
    records = client.get(reverse("ocds:record-list")).json()
    assert_valid(record_package_validator, records)
    [record] = records["records"]
    assert record["compiledRelease"]["tender"]["title_en"] == "Resurfacing of streets"
    assert record["compiledRelease"]["tender"]["title"] == page.title
    assert {r["language"] for r in record["releases"]} == {"fa"}


def test_record_list_pages_and_skips_drafts_and_private(client, sections, settings):
    from wagtail.models import PageViewRestriction

    settings.SHAFAF_OCDS_PAGE_SIZE = 1
    shown = make_tender(sections)
    make_tender(sections, live=False)
    private = make_tender(sections)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    data = client.get(reverse("ocds:record-list")).json()
    assert [r["ocid"] for r in data["records"]] == [ocid_for(shown)]
    assert data["links"] == {}
    releases = client.get(reverse("ocds:release-list")).json()["releases"]
    assert {r["ocid"] for r in releases} == {ocid_for(shown)}


def test_bulk_download_streams_every_release(client, sections, release_package_validator, settings):
    settings.SHAFAF_OCDS_PAGE_SIZE = 2
    pages = [make_tender(sections) for _ in range(3)]
    republish(pages[0], title="مناقصه‌ی اصلاح‌شده ي ك")
    response = client.get(reverse("ocds:release-bulk"))
    assert response.streaming
    assert response["Link"] == f'<{settings.SHAFAF_DATA_LICENSE_URL}>; rel="license"'
    data = json.loads(b"".join(response.streaming_content).decode())
    assert_valid(release_package_validator, data)
    assert len(data["releases"]) == 4
    assert data["releases"][-1]["tag"] == ["tenderUpdate"]


@pytest.mark.parametrize("name", ["ocds:release-list", "ocds:record-list"])
def test_list_queries_do_not_grow_with_tenders(
    client, sections, django_assert_max_num_queries, name
):
    def fill(count):
        for _ in range(count):
            award(later_deadline(make_tender(sections)))

    fill(2)
    with django_assert_max_num_queries(10):
        small = client.get(reverse(name)).json()
    fill(10)
    with django_assert_max_num_queries(10):
        large = client.get(reverse(name)).json()
    key = "releases" if name == "ocds:release-list" else "records"
    assert len(large[key]) > len(small[key])
