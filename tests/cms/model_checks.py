"""Helpers shared by the model invariant tests (tests/cms/test_models_*.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone


def at(*args):
    """An aware datetime in the portal's time zone (Tehran)."""
    return timezone.make_aware(datetime.datetime(*args))


def errors_of(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def reloaded(page):
    return type(page).objects.get(pk=page.pk)
