"""Rate limits on voting: per user and per IP, counted in the cache."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from participation import ratelimit
from participation.models import PollPage, Vote
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

TIGHT = {"vote": {"user": ratelimit.Limit(2, 60), "ip": ratelimit.Limit(3, 60)}}


def request_from(ip, user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    if user is not None:
        request.user = user
    return request


@override_settings(SHAFAF_RATE_LIMITS=TIGHT)
def test_a_user_is_stopped_after_their_limit(citizen):
    for _ in range(2):
        ratelimit.check(request_from("10.0.0.1", citizen), "vote")

    with pytest.raises(ratelimit.RateLimited) as refusal:
        ratelimit.check(request_from("10.0.0.2", citizen), "vote")  # another address, same user

    assert 1 <= refusal.value.retry_after <= 60


@override_settings(SHAFAF_RATE_LIMITS=TIGHT)
def test_an_address_is_stopped_after_its_limit_whoever_signs_in():
    for _ in range(3):
        ratelimit.check(request_from("10.0.0.1", UserFactory()), "vote")

    with pytest.raises(ratelimit.RateLimited):
        ratelimit.check(request_from("10.0.0.1", UserFactory()), "vote")
    ratelimit.check(request_from("10.0.0.9", UserFactory()), "vote")  # others are unaffected


def test_the_window_resets():
    limit = ratelimit.Limit(1, 60)
    assert ratelimit.hit("test:key", limit, now=120.0) == 0
    assert ratelimit.hit("test:key", limit, now=150.0) == 30
    assert ratelimit.hit("test:key", limit, now=180.0) == 0


@override_settings(SHAFAF_RATE_LIMITS={"vote": {"ip": ratelimit.Limit(2, 60)}})
def test_poll_page_answers_429_with_retry_after_and_records_nothing(client, make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    choice = poll.choices.first().pk
    client.post(poll.url, {"choices": choice})
    client.cookies.clear()  # a new device, the same address
    client.post(poll.url, {"choices": choice})
    client.cookies.clear()

    response = client.post(poll.url, {"choices": choice})

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert Vote.objects.count() == 2


@override_settings(SHAFAF_RATE_LIMITS={"vote": {"user": ratelimit.Limit(1, 60)}})
def test_api_answers_429_as_json(make_poll, citizen):
    poll = make_poll(allow_vote_change=True)
    api = APIClient()
    api.force_authenticate(citizen)
    url = reverse("participation_api:poll-votes", args=[poll.pk])
    body = {"choices": [poll.choices.first().pk]}
    api.post(url, body, format="json")

    response = api.post(url, body, format="json")

    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert response["Retry-After"]
