"""A published tariff table is history: its year stays the one it was published for."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.catalogue.models import TariffTable

pytestmark = pytest.mark.django_db


def table(published):
    return TariffTable.objects.create(
        fiscal_year=1404, title="تعرفه‌هاي سال ۱۴۰۴", published=published
    )


def test_the_year_of_a_published_table_cannot_change():
    published = table(published=True)
    published.fiscal_year = 1405

    with pytest.raises(ValidationError) as refusal:
        published.full_clean()

    assert "fiscal_year" in refusal.value.message_dict


def test_the_year_of_an_unpublished_table_can_change():
    draft = table(published=False)
    draft.fiscal_year = 1405

    draft.full_clean()


def test_unpublishing_and_moving_a_table_at_once_is_refused():
    published = table(published=True)
    published.fiscal_year, published.published = 1405, False

    with pytest.raises(ValidationError):
        published.full_clean()


def test_the_admin_refuses_to_move_a_published_table_to_another_year(admin_client):
    published = table(published=True)
    url = reverse("wagtailsnippets_catalogue_tarifftable:edit", args=[published.pk])

    response = admin_client.post(
        url, {"fiscal_year": "1405", "title": published.title, "published": "on"}
    )

    assert response.status_code == 200
    assert "fiscal_year" in response.context["form"].errors
    published.refresh_from_db()
    assert published.fiscal_year == 1404
