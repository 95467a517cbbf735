"""An awarded tender's contract: its rules, and its OCDS contract and amendment releases."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.models import ContractAmendment, ContractStatus, TenderPage
from cms.ocds.releases import ocid_for

from .conftest import assert_valid
from .helpers import award, make_tender, republish

pytestmark = pytest.mark.django_db

CONTRACT = {
    "contract_number": "ق-۱۴۰۳-۷۷ ي ك",
    "contract_signed_date": datetime.date(2024, 6, 10),
    "contract_value": 11_900_000_000,
    "contract_start": datetime.date(2024, 6, 15),
    "contract_end": datetime.date(2025, 3, 15),
}


def sign(page, **changes):
    return republish(page, **{**CONTRACT, **changes})


def amend(page, date, rationale, new_value=None):
    """Publish ``page`` again with one more contract amendment."""
    page = TenderPage.objects.get(pk=page.pk)
    page.contract_amendments.add(
        ContractAmendment(date=date, rationale=rationale, new_value=new_value)
    )
    page.save_revision().publish()
    return TenderPage.objects.get(pk=page.pk)


def package_of(client, page, kind="release"):
    response = client.get(reverse(f"ocds:{kind}-detail", args=[ocid_for(page)]))
    assert response.status_code == 200
    return response.json()


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


# The contract's rules


def test_contract_before_award_is_refused(sections):
    page = make_tender(sections)
    page.contract_number = CONTRACT["contract_number"]
    page.contract_signed_date = CONTRACT["contract_signed_date"]
    page.contract_value = CONTRACT["contract_value"]
    assert errors_of(page) == {
        "contract_number": [
            _("A contract can only be recorded once the tender or auction is awarded.")
        ]
    }


def test_contract_terms_without_a_number_are_refused(sections):
    page = award(make_tender(sections))
    page.contract_value = 5
    assert errors_of(page) == {"contract_value": [_("Give the contract number first.")]}


def test_contract_needs_signing_date_and_value(sections):
    page = award(make_tender(sections))
    page.contract_number = "ق-۱"
    required = [_("Required once the contract number is given.")]
    assert errors_of(page) == {"contract_signed_date": required, "contract_value": required}


def test_contract_ending_before_it_starts_is_refused(sections):
    page = award(make_tender(sections))
    for name, value in {**CONTRACT, "contract_end": datetime.date(2024, 6, 1)}.items():
        setattr(page, name, value)
    assert errors_of(page) == {"contract_end": [_("The contract cannot end before it starts.")]}


def test_contract_signed_before_the_award_is_refused(sections):
    page = award(make_tender(sections))
    for name, value in {**CONTRACT, "contract_signed_date": datetime.date(2024, 5, 31)}.items():
        setattr(page, name, value)
    assert errors_of(page) == {
        "contract_signed_date": [_("A contract cannot be signed before the award.")]
    }


def test_amendment_before_signing_or_without_contract_is_refused(sections):
    page = award(make_tender(sections))
    amendment = ContractAmendment(page=page, date=datetime.date(2024, 7, 1), rationale="تمدید")
    with pytest.raises(ValidationError) as caught:
        amendment.full_clean()
    assert caught.value.messages == [_("An amendment needs a contract: give its number first.")]
    page = sign(page)
    amendment = ContractAmendment(page=page, date=datetime.date(2024, 6, 1), rationale="تمدید")
    with pytest.raises(ValidationError) as caught:
        amendment.full_clean()
    assert caught.value.message_dict == {
        "date": [_("A contract cannot be amended before it is signed.")]
    }


# The releases


def test_signed_contract_is_a_contract_release_linked_to_the_award(
    client, sections, release_package_validator
):
    page = sign(award(make_tender(sections)))
    package = package_of(client, page)
    assert_valid(release_package_validator, package)
    release = package["releases"][-1]
    assert release["tag"] == ["contract"]
    [award_] = release["awards"]
    [contract] = release["contracts"]
    assert contract["awardID"] == award_["id"]
    assert contract["title"] == "ق-۱۴۰۳-۷۷ ي ك"
    assert contract["status"] == "active"
    assert contract["value"] == {"amount": 11_900_000_000, "currency": "IRR"}
    assert contract["dateSigned"].startswith("2024-06-10T00:00:00+03:30")
    assert contract["period"]["startDate"].startswith("2024-06-15")
    assert contract["period"]["endDate"].startswith("2025-03-15")
    # The contractor is the award's supplier, named once among the parties.
    suppliers = [party for party in release["parties"] if "supplier" in party["roles"]]
    assert [party["id"] for party in suppliers] == [award_["suppliers"][0]["id"]]


def test_amendment_release_says_why_and_sets_the_value_in_force(
    client, sections, release_package_validator
):
    page = sign(award(make_tender(sections)))
    page = amend(page, datetime.date(2024, 9, 1), "افزایش ۲۵ درصدی حجم کار به‌دلیل باران", 14_000)
    package = package_of(client, page)
    assert_valid(release_package_validator, package)
    signed, amended = package["releases"][-2:]
    assert amended["tag"] == ["contractAmendment"]
    [contract] = amended["contracts"]
    [amendment] = contract["amendments"]
    assert amendment["rationale"] == "افزایش ۲۵ درصدی حجم کار به‌دلیل باران"
    assert amendment["date"].startswith("2024-09-01")
    assert amendment["amendsReleaseID"] == signed["id"]
    assert amendment["releaseID"] == amended["id"]
    assert "14000 IRR" in amendment["description"]
    assert contract["value"] == {"amount": 14_000, "currency": "IRR"}


def test_contract_lifecycle_tags_and_record_merge(client, sections, record_package_validator):
    page = sign(award(make_tender(sections)))
    page = amend(page, datetime.date(2024, 9, 1), "تمدید مدت قرارداد")
    page = republish(page, contract_end=datetime.date(2025, 6, 15))
    page = amend(page, datetime.date(2024, 12, 1), "کاهش حجم کار", 10_000_000_000)
    page = republish(page, contract_status=ContractStatus.COMPLETED)
    package = package_of(client, page, "record")
    assert_valid(record_package_validator, package)
    [record] = package["records"]
    tags = [release["tag"] for release in record["releases"]]
    assert tags[-5:] == [
        ["contract"],
        ["contractAmendment"],
        ["contractUpdate"],
        ["contractAmendment"],
        ["contractTermination"],
    ]
    [contract] = record["compiledRelease"]["contracts"]
    assert contract["status"] == "terminated"
    assert [a["rationale"] for a in contract["amendments"]] == [
        "تمدید مدت قرارداد",
        "کاهش حجم کار",
    ]
    assert len({a["id"] for a in contract["amendments"]}) == 2
    assert contract["period"]["endDate"].startswith("2025-06-15")
    assert contract["value"]["amount"] == 10_000_000_000


def test_correcting_an_amendment_keeps_its_id(client, sections, record_package_validator):
    page = amend(sign(award(make_tender(sections))), datetime.date(2024, 9, 1), "تمدید مدت")
    page = TenderPage.objects.get(pk=page.pk)
    [amendment] = page.contract_amendments.all()
    amendment.rationale = "تمدید مدت قرارداد به‌مدت سه ماه"
    page.contract_amendments = [amendment]
    page.save_revision().publish()
    package = package_of(client, page, "record")
    assert_valid(record_package_validator, package)
    [record] = package["records"]
    assert record["releases"][-1]["tag"] == ["contractUpdate"]
    [contract] = record["compiledRelease"]["contracts"]
    [merged] = contract["amendments"]
    assert merged["rationale"] == "تمدید مدت قرارداد به‌مدت سه ماه"


def test_removed_contract_is_published_cancelled(client, sections, release_package_validator):
    page = sign(award(make_tender(sections)))
    page = republish(page, **{**dict.fromkeys(CONTRACT), "contract_number": ""})
    package = package_of(client, page)
    assert_valid(release_package_validator, package)
    release = package["releases"][-1]
    assert release["tag"] == ["contractUpdate"]
    [contract] = release["contracts"]
    assert contract["status"] == "cancelled"


def test_tender_without_contract_has_no_contracts(client, sections):
    package = package_of(client, award(make_tender(sections)))
    assert all("contracts" not in release for release in package["releases"])


def test_tender_page_shows_its_contract(client, sections):
    page = amend(sign(award(make_tender(sections))), datetime.date(2024, 9, 1), "تمدید مدت")
    html = client.get(page.url).content.decode()
    assert 'id="contract-heading"' in html
    assert "تمدید مدت" in html
