"""A tender's published history becomes OCDS releases tagged by what each publication changed."""

import pytest
from django.conf import settings
from django.urls import reverse

from cms.models import TenderPage
from cms.ocds.releases import ocid_for

from .conftest import assert_valid
from .helpers import award, later_deadline, make_tender, republish

pytestmark = pytest.mark.django_db


def releases_of(client, page):
    response = client.get(reverse("ocds:release-detail", args=[ocid_for(page)]))
    assert response.status_code == 200
    return response.json()


def test_first_publication_is_a_tender_release(client, sections, release_package_validator):
    page = make_tender(sections)
    package = releases_of(client, page)
    assert_valid(release_package_validator, package)
    [release] = package["releases"]
    assert release["tag"] == ["tender"]
    assert release["ocid"] == f"{settings.SHAFAF_OCDS_PREFIX}-{page.translation_key}"
    assert release["language"] == "fa"
    tender = release["tender"]
    assert tender["id"] == page.reference_number
    assert tender["title"] == page.title
    assert tender["value"] == {"amount": 12_500_000_000, "currency": "IRR"}
    assert tender["status"] == "active"
    assert tender["tenderPeriod"]["endDate"].startswith("2024-05-20T14:00:00+03:30")
    assert release["buyer"]["id"] == tender["procuringEntity"]["id"] == "municipality"
    [party] = release["parties"]
    assert party["roles"] == ["buyer", "procuringEntity"]


def test_lifecycle_produces_expected_tags_in_order(client, sections, release_package_validator):
    page = make_tender(sections)
    page = later_deadline(page)
    page = republish(page, title=page.title + " (اصلاحیه‌ی متن)")
    page = republish(page, status=TenderPage.Status.CLOSED)
    page = award(page)
    republish(page, award_amount=11_800_000_000)
    package = releases_of(client, page)
    assert_valid(release_package_validator, package)
    tags = [release["tag"] for release in package["releases"]]
    assert tags == [
        ["tender"],
        ["tenderAmendment"],
        ["tenderUpdate"],
        ["tenderUpdate"],
        ["award"],
        ["awardUpdate"],
    ]
    ids = [release["id"] for release in package["releases"]]
    assert len(set(ids)) == len(ids)
    ocid = ocid_for(page)
    assert all(release_id.startswith(f"{ocid}-") for release_id in ids)
    assert ids[1].startswith(f"{ocid}-tenderAmendment-")


def test_amendment_records_what_changed_and_why(client, sections):
    page = later_deadline(make_tender(sections))
    first, amended = releases_of(client, page)["releases"]
    [amendment] = amended["tender"]["amendments"]
    assert amendment["amendsReleaseID"] == first["id"]
    assert amendment["releaseID"] == amended["id"]
    assert "submission_deadline" in amendment["description"]
    assert amendment["rationale"] == "تمدید مهلت به درخواست شرکت‌کنندگان"
    assert amended["tender"]["tenderPeriod"]["endDate"].startswith("2024-05-27")


def test_award_release_names_the_winner_as_supplier(client, sections, release_package_validator):
    page = award(make_tender(sections))
    package = releases_of(client, page)
    assert_valid(release_package_validator, package)
    release = package["releases"][-1]
    [awarded] = release["awards"]
    assert awarded["value"] == {"amount": 11_900_000_000, "currency": "IRR"}
    assert awarded["status"] == "active"
    [supplier] = awarded["suppliers"]
    assert supplier["name"] == "شركت راه‌سازان ي ك"
    roles = {party["id"]: party["roles"] for party in release["parties"]}
    assert roles[supplier["id"]] == ["supplier"]
    assert release["tender"]["status"] == "complete"
    assert release["tender"]["awardPeriod"]["endDate"].startswith("2024-06-01")


def test_cancellation_is_tagged(client, sections):
    page = republish(make_tender(sections), status=TenderPage.Status.CANCELLED)
    release = releases_of(client, page)["releases"][-1]
    assert release["tag"] == ["tenderCancellation"]
    assert release["tender"]["status"] == "cancelled"


def test_publication_without_release_changes_makes_no_release(client, sections):
    page = republish(make_tender(sections), body=[])
    assert len(releases_of(client, page)["releases"]) == 1


def test_auction_is_a_sale_run_by_the_municipality(client, sections, release_package_validator):
    page = award(make_tender(sections, kind=TenderPage.Kind.AUCTION))
    package = releases_of(client, page)
    assert_valid(release_package_validator, package)
    release = package["releases"][-1]
    assert "buyer" not in release
    assert "Auction" in release["tender"]["procurementMethodDetails"]
    roles = [party["roles"] for party in release["parties"]]
    assert roles == [["procuringEntity", "payee"], ["supplier", "payer"]]


def test_documents_are_listed_with_absolute_urls(client, sections, release_package_validator):
    from tests.cms.factories import DocumentFactory

    page = make_tender(sections)
    document = DocumentFactory()
    page = TenderPage.objects.get(pk=page.pk)
    page.documents.create(document=document, caption="اسناد مناقصه‌ی ي ك")
    page.save_revision().publish()
    package = releases_of(client, page)
    assert_valid(release_package_validator, package)
    release = package["releases"][-1]
    assert release["tag"] == ["tenderUpdate"]
    [listed] = release["tender"]["documents"]
    assert listed["title"] == "اسناد مناقصه‌ی ي ك"
    assert listed["url"] == f"http://testserver{document.url}"


def test_unknown_unpublished_and_private_tenders_are_not_found(client, sections):
    draft = make_tender(sections, live=False)
    assert client.get(reverse("ocds:release-detail", args=[ocid_for(draft)])).status_code == 404
    for ocid in ["ocds-xxxxxx-nonsense", "other-prefix-" + str(draft.translation_key)]:
        assert client.get(reverse("ocds:release-detail", args=[ocid])).status_code == 404
        assert client.get(reverse("ocds:record-detail", args=[ocid])).status_code == 404


def test_purged_revision_leaves_the_rest_of_the_history(client, sections):
    from wagtail.models import Revision

    page = make_tender(sections)
    first_revision = page.live_revision
    page = later_deadline(page)
    Revision.objects.filter(pk=first_revision.pk).delete()
    [release] = releases_of(client, page)["releases"]
    assert release["tag"] == ["tender"]
    assert release["tender"]["tenderPeriod"]["endDate"].startswith("2024-05-27")
