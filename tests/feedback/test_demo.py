"""The demo command: Persian boxes, categories and cases, one answered; safe to run twice."""

import pytest
from django.core.management import call_command

from participation.feedback.models import ComplaintCategory, ReviewCase, SuggestionBoxPage

pytestmark = pytest.mark.django_db


def test_load_demo_feedback_is_idempotent(home):
    call_command("load_demo_feedback")
    call_command("load_demo_feedback")

    assert SuggestionBoxPage.objects.count() == 2
    assert ComplaintCategory.objects.filter(name="سد معبر").exists()
    assert ReviewCase.objects.filter(kind="suggestion").count() == 3
    assert ReviewCase.objects.filter(kind="complaint").count() == 3
    assert ReviewCase.objects.filter(status="answered").count() == 1
