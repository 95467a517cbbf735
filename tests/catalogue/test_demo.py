import pytest
from django.core.management import call_command

from cms.catalogue.models import ServicePage, TariffTable

pytestmark = pytest.mark.django_db


def test_the_demo_catalogue_loads_once_and_its_pages_render(client, home):
    call_command("load_demo_services")
    call_command("load_demo_services")

    assert ServicePage.objects.live().count() == 3
    table = TariffTable.objects.get(fiscal_year=1404)
    assert table.published and table.items.count() == 9
    permit = ServicePage.objects.get(slug="building-permit")
    html = client.get(permit.url).content.decode()
    assert "۱٬۲۵۰٬۰۰۰" in html
