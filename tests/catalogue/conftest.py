import pytest

from cms.catalogue.models import ServiceIndexPage


@pytest.fixture
def services(home):
    """The services section ensure_site_structure made (registered by cms.catalogue)."""
    return ServiceIndexPage.objects.child_of(home).get()
