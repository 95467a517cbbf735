"""The service catalogue and the tariff tables, as citizens and programs see them."""

import csv
import io
import re

import pytest

from cms import models as cms_models
from cms.catalogue.models import (
    LifeEvent,
    ServiceFee,
    ServiceLegalBasis,
    ServicePage,
    TariffItem,
    TariffTable,
)
from tests.cms import factories
from tests.conftest import XSS

pytestmark = pytest.mark.django_db


def make_service(parent, number=1, **fields):
    page = ServicePage(
        title=f"صدور پروانه‌ی ساختمانی {number} {XSS}",
        slug=f"parvane-{number}",
        summary="مجوز ساخت بناي مسكوني",
        life_event=fields.pop("life_event", LifeEvent.BUILDING),
        eligibility="مالکان دارای سند رسمی",
        steps=[("step", {"title": "ثبت درخواست در پیشخوان", "description": "تحویل مدارک"})],
        required_documents=[("document", "تصویر سند مالکیت")],
        processing_days=15,
        phone_137=True,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return ServicePage.objects.get(pk=page.pk)


def tariff_table(year, published=True, **amounts):
    table = TariffTable.objects.create(
        fiscal_year=year, title=f"تعرفه‌هاي سال {year}", published=published
    )
    for order, (code, amount) in enumerate(amounts.items()):
        TariffItem.objects.create(
            table=table,
            code=code.lstrip("c"),
            title=f"عوارض {code}",
            amount=amount,
            sort_order=order,
        )
    return table


def test_a_service_page_tells_steps_documents_time_channels_and_current_fees(client, services):
    tariff_table(1403, c101=900_000)
    tariff_table(1404, c101=1_250_000)
    tariff_table(1405, published=False, c101=9_999_999)
    department = factories.DepartmentFactory(name="معاونت شهرسازي")
    service = make_service(services, responsible_department=department)
    ServiceFee.objects.create(page=service, tariff_code="101", note="برای هر متر مربع")
    ServiceFee.objects.create(page=service, tariff_code="999")

    html = client.get(service.url).content.decode()

    assert "ثبت درخواست در پیشخوان" in html and "تصویر سند مالکیت" in html
    assert "۱۵ روز کاری" in html
    assert "معاونت شهرسازي" in html
    assert "۱٬۲۵۰٬۰۰۰" in html  # the latest published year, not 1403 or the unpublished 1405
    assert "۹٬۹۹۹٬۹۹۹" not in html and "۹۰۰٬۰۰۰" not in html
    assert 'href="tel:137"' in html
    assert XSS not in html


def test_a_service_links_the_laws_it_rests_on(client, services, sections):
    law = factories.LawPageFactory(parent=sections[cms_models.LawIndexPage])
    service = make_service(services)
    ServiceLegalBasis.objects.create(page=service, law=law)

    html = client.get(service.url).content.decode()

    assert f'href="{law.url}"' in html


def test_the_catalogue_filters_by_life_event_with_constant_queries(
    client, services, django_assert_max_num_queries
):
    make_service(services, 1)
    other = ServicePage(title="جمع‌آوری پسماند", slug="pasmand", life_event=LifeEvent.CLEANING)
    services.add_child(instance=other)
    other.save_revision().publish()

    html = client.get(services.url, {"life_event": "cleaning"}).content.decode()
    assert "جمع‌آوری پسماند" in html and "پروانه‌ی ساختمانی" not in html

    with django_assert_max_num_queries(40) as few:
        client.get(services.url)
    for number in range(2, 12):
        make_service(services, number, responsible_department=factories.DepartmentFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(services.url)


def group_headings(html):
    return re.findall(r'<h2 [^>]*class="service-group__title">([^<]*)</h2>', html)


def test_the_catalogue_groups_services_under_life_events_in_their_declared_order(client, services):
    # Declared: transport, then cleaning, then other; their keys sort the other way round.
    make_service(services, 1, life_event=LifeEvent.OTHER)
    make_service(services, 2, life_event=LifeEvent.CLEANING)
    make_service(services, 3, life_event=LifeEvent.TRANSPORT)
    make_service(services, 4, life_event=LifeEvent.CLEANING)

    html = client.get(services.url).content.decode()

    assert group_headings(html) == [
        str(LifeEvent.TRANSPORT.label),
        str(LifeEvent.CLEANING.label),
        str(LifeEvent.OTHER.label),
    ]


def test_within_a_life_event_services_are_listed_by_department(client, services):
    make_service(
        services, 1, responsible_department=factories.DepartmentFactory(name="معاونت شهرسازي")
    )
    make_service(services, 2)
    make_service(services, 3, responsible_department=factories.DepartmentFactory(name="خدمات شهري"))

    html = client.get(services.url).content.decode()

    positions = [html.index(f'href="{page.url}"') for page in ServicePage.objects.order_by("slug")]
    assert positions[2] < positions[0] < positions[1]  # خدمات, معاونت, then no department


def test_the_grouped_catalogue_takes_as_many_queries_for_many_services_as_for_few(
    client, services, django_assert_max_num_queries
):
    make_service(services, 1)
    with django_assert_max_num_queries(40) as few:
        client.get(services.url)
    for number, life_event in enumerate(LifeEvent.values * 2, start=2):
        make_service(
            services,
            number,
            life_event=life_event,
            responsible_department=factories.DepartmentFactory(),
        )

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(services.url).content.decode()

    assert len(group_headings(html)) > 1


def test_the_tariff_table_is_searchable_by_persian_digits_and_arabic_letters(client, services):
    table = tariff_table(1404, c101=1_250_000, c102=850_000)
    TariffItem.objects.filter(table=table, code="102").update(title="هزینه‌ی قطع درخت")

    by_code = client.get(f"{services.url}tariffs/", {"q": "۱۰۱"}).content.decode()
    by_title = client.get(f"{services.url}tariffs/1404/", {"q": "قطع درخت"}).content.decode()
    arabic = client.get(f"{services.url}tariffs/1404/", {"q": "هزينه"}).content.decode()

    assert "عوارض c101" in by_code and "هزینه‌ی قطع درخت" not in by_code
    assert "هزینه‌ی قطع درخت" in by_title and "عوارض c101" not in by_title
    assert "هزینه‌ی قطع درخت" in arabic


def test_an_unpublished_tariff_year_is_not_shown(client, services):
    tariff_table(1405, published=False, c101=1)

    assert client.get(f"{services.url}tariffs/1405/").status_code == 404
    assert client.get("/api/services/tariffs/1405.json").status_code == 404


def test_tariffs_are_served_as_json_and_csv(client):
    tariff_table(1404, c101=1_250_000, c102=850_000)

    data = client.get("/api/services/tariffs/1404.json").json()
    response = client.get("/api/services/tariffs/1404.csv")
    text = b"".join(response).decode("utf-8")

    assert data["currency"] == "IRR"
    assert [(i["code"], i["amount"]) for i in data["items"]] == [
        ("101", 1_250_000),
        ("102", 850_000),
    ]
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(row["code"], row["amount"], row["title"]) for row in rows][0] == (
        "101",
        "1250000",
        "عوارض c101",
    )


def test_the_tariffs_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(client):
    table = tariff_table(1404, c101=1_250_000, c102=850_000)
    TariffItem.objects.filter(table=table, code="101").update(
        title='=HYPERLINK("http://evil.example","عوارض")', unit="+1", legal_basis="@SUM(A1)"
    )
    TariffItem.objects.filter(table=table, code="102").update(title="-2+3")

    text = b"".join(client.get("/api/services/tariffs/1404.csv")).decode("utf-8")

    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [(row["title"], row["unit"], row["legal_basis"]) for row in rows] == [
        ('\'=HYPERLINK("http://evil.example","عوارض")', "'+1", "'@SUM(A1)"),
        ("'-2+3", "", ""),
    ]
    assert rows[0]["amount"] == "1250000"


def test_a_fee_code_typed_in_persian_digits_finds_its_price(client, services):
    tariff_table(1404, c101=1_250_000)
    page = ServicePage(title="پروانه‌ی ساختماني", slug="parvane", life_event=LifeEvent.BUILDING)
    page.fees.add(ServiceFee(tariff_code="۱۰۱"))
    services.add_child(instance=page)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert ServiceFee.objects.get(page=page).tariff_code == "101"
    assert "۱٬۲۵۰٬۰۰۰" in html


@pytest.mark.parametrize("typed", ["۱۰۱", "١٠١", " 101 "])
def test_cleaning_a_fee_stores_its_code_in_ascii_digits(typed):
    fee = ServiceFee(tariff_code=typed)

    fee.clean()

    assert fee.tariff_code == "101"


def test_the_api_serves_a_service_with_its_fees(client, services):
    service = make_service(services)
    ServiceFee.objects.create(page=service, tariff_code="101")

    item = client.get(f"/api/v2/pages/{service.pk}/").json()

    assert item["life_event"] == "building"
    assert item["processing_days"] == 15
    assert [fee["tariff_code"] for fee in item["fees"]] == ["101"]
