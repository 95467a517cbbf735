"""Every content item says who answers for it, where it comes from and what its last update
changed, on the page and in the API."""

import datetime

import pytest
from django.utils import timezone

from cms import models
from tests.cms import factories
from tests.conftest import XSS

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(sections):
    return factories.NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        responsible_department=factories.DepartmentFactory(name="معاونت خدمات شهري"),
        source_authority=f"دبيرخانه‌ی شورای اسلامی شهر {XSS}",
        source_document=factories.DocumentFactory(title="صورتجلسه‌ي شماره ۱۲"),
        change_note="مبلغ قرارداد اصلاح شد.",
    )


def republish(page, days_later):
    """Publish ``page`` again, ``days_later`` after its first publication."""
    page.save_revision().publish()
    later = page.first_published_at + datetime.timedelta(days=days_later)
    type(page).objects.filter(pk=page.pk).update(last_published_at=later)
    return type(page).objects.get(pk=page.pk)


def test_the_page_names_its_department_source_document_and_change(client, news):
    html = client.get(news.url).content.decode()

    assert "معاونت خدمات شهري" in html
    assert "دبيرخانه‌ی شورای اسلامی شهر &lt;script&gt;" in html
    assert XSS not in html
    assert f'href="{news.source_document.url}"' in html
    assert "مبلغ قرارداد اصلاح شد." in html


def test_a_republished_page_shows_when_it_was_last_updated_in_jalali(client, news):
    first_html = client.get(news.url).content.decode()
    # 2024-05-01 is 12 Ordibehesht 1403.
    first = timezone.make_aware(datetime.datetime(2024, 5, 1, 9, 0))
    type(news).objects.filter(pk=news.pk).update(first_published_at=first)
    news.refresh_from_db()

    republished = republish(news, days_later=3)
    html = client.get(republished.url).content.decode()

    assert "Last updated" not in first_html and "آخرین به‌روزرسانی" not in first_html
    assert "آخرین به‌روزرسانی" in html
    assert "۱۵ اردیبهشت ۱۴۰۳" in html


def test_the_api_serves_the_provenance_of_an_item(client, news):
    response = client.get(f"/api/v2/pages/{news.pk}/")

    item = response.json()
    assert item["responsible_department"]["name"] == "معاونت خدمات شهري"
    assert item["source_authority"].startswith("دبيرخانه‌ی شورای اسلامی شهر")
    assert item["source_document"]["id"] == news.source_document.pk
    assert item["change_note"] == "مبلغ قرارداد اصلاح شد."
    assert item["citizen_comments"] == "closed"
