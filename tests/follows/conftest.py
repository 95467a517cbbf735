import pytest
from django.core.cache import cache

from cms.models import ProjectIndexPage
from tests.cms.factories import ProjectPageFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limit counters live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def project(sections):
    return ProjectPageFactory(
        parent=sections[ProjectIndexPage],
        title="بازسازي پل عابر پیاده‌ی ميدان كاج",
        change_note="",
    )


def republish(page, change_note):
    page.change_note = change_note
    page.save_revision().publish()
