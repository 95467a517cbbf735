"""Fixtures for the importer tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Reasons are compared with their English msgids; one test checks the Persian."""
    with translation.override("en"):
        yield
