"""What every public form shares against abuse: the honeypot, the optional captcha, duplicate
detection, and addresses kept only as keyed hashes."""

import pytest
from django import forms
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from participation import abuse, ratelimit
from tests.participation.factories import UserFactory


class SuggestionForm(abuse.SpamProtectedForm):
    text = forms.CharField()


def request_from(ip, user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    if user is not None:
        request.user = user
    return request


def test_a_person_who_leaves_the_honeypot_empty_passes():
    assert SuggestionForm({"text": "نصب نيمكت در پارك محله‌ی ما"}).is_valid()


def test_a_bot_that_fills_the_honeypot_is_refused_with_a_generic_message():
    form = SuggestionForm({"text": "نصب نيمكت", abuse.HONEYPOT_FIELD: "http://spam.example"})

    assert not form.is_valid()
    assert form.errors.as_data()["__all__"][0].code == "spam"


def test_the_captcha_is_off_by_default_and_on_when_the_setting_says_so():
    assert "captcha" not in SuggestionForm().fields
    with override_settings(SHAFAF_CAPTCHA=True):
        form = SuggestionForm({"text": "نصب نيمكت"})
        assert "captcha" in form.fields
        assert not form.is_valid()


@pytest.mark.django_db
def test_the_same_text_twice_is_a_duplicate_whatever_the_arabic_letters_or_spacing():
    cache.clear()
    citizen = UserFactory()
    request = request_from("10.1.1.1", citizen)

    assert not abuse.is_duplicate(request, "suggestion", "نصب نیمکت در پارک محله‌ی ما")
    assert abuse.is_duplicate(request, "suggestion", "نصب نيمكت در پارك محله ی ما")
    assert not abuse.is_duplicate(request, "suggestion", "روشنایی کوچه‌ی شهید رجایی")
    assert not abuse.is_duplicate(request, "complaint", "نصب نیمکت در پارک محله‌ی ما")


@pytest.mark.django_db
def test_another_citizen_sending_the_same_text_is_not_a_duplicate():
    cache.clear()
    text = "نصب نیمکت در پارک محله‌ی ما"

    assert not abuse.is_duplicate(request_from("10.1.1.1", UserFactory()), "suggestion", text)
    assert not abuse.is_duplicate(request_from("10.1.1.1", UserFactory()), "suggestion", text)


@override_settings(SECRET_KEY="s" * 60)
def test_addresses_are_kept_as_keyed_hashes_that_still_tell_clients_apart():
    first = ratelimit.hashed_client_ip(request_from("203.0.113.7"))

    assert "203.0.113.7" not in first
    assert first == ratelimit.hashed_client_ip(request_from("203.0.113.7"))
    assert first != ratelimit.hashed_client_ip(request_from("203.0.113.8"))
    with override_settings(SECRET_KEY="t" * 60):
        assert first != ratelimit.hashed_client_ip(request_from("203.0.113.7"))
