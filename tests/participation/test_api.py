"""The polls API: votes and results as JSON, with clear 400/403/404/409 errors."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from participation import devices, services
from participation.models import PollPage, Vote

pytestmark = pytest.mark.django_db


def votes_url(poll):
    return reverse("participation_api:poll-votes", args=[poll.pk])


def results_url(poll):
    return reverse("participation_api:poll-results", args=[poll.pk])


def choice_ids(poll):
    return list(poll.choices.values_list("pk", flat=True))


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


def csrf_token(api, poll):
    """Load the poll page as a browser would, for its CSRF cookie (set where it shows a form)."""
    api.get(poll.url)
    if "csrftoken" not in api.cookies:
        api.cookies["csrftoken"] = get_random_string(32)
    return api.cookies["csrftoken"].value


def test_citizen_votes_with_session_and_csrf_token(api, poll, citizen):
    api.force_login(citizen)
    token = csrf_token(api, poll)
    choice = choice_ids(poll)[0]

    response = api.post(
        votes_url(poll), {"choices": [choice]}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 201
    assert response.json()["vote"] == {
        "poll": poll.pk,
        "choices": [choice],
        "by_device": False,
        "changed": False,
    }
    assert response.json()["results"]["total_votes"] == 1


def test_session_vote_without_csrf_token_is_refused(api, poll, citizen):
    api.force_login(citizen)

    response = api.post(votes_url(poll), {"choices": choice_ids(poll)[:1]}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]
    assert not Vote.objects.exists()


def test_app_votes_with_a_token_and_no_csrf(api, poll, citizen):
    token = Token.objects.create(user=citizen)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api.post(votes_url(poll), {"choices": choice_ids(poll)[:1]}, format="json")

    assert response.status_code == 201
    assert Vote.objects.get().voter == citizen


def test_second_vote_is_a_conflict(api, poll, citizen):
    api.force_authenticate(citizen)
    api.post(votes_url(poll), {"choices": choice_ids(poll)[:1]}, format="json")

    response = api.post(votes_url(poll), {"choices": choice_ids(poll)[1:2]}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "already_voted"
    assert response.json()["error"]


def test_changed_vote_answers_200(api, make_poll, citizen):
    poll = make_poll(allow_vote_change=True)
    api.force_authenticate(citizen)
    api.post(votes_url(poll), {"choices": choice_ids(poll)[:1]}, format="json")

    response = api.post(votes_url(poll), {"choices": choice_ids(poll)[1:2]}, format="json")

    assert response.status_code == 200
    assert response.json()["vote"]["changed"] is True


@pytest.mark.parametrize(
    "body",
    [{}, {"choices": []}, {"choices": "1"}, {"choices": ["یک"]}, {"choices": [999999]}],
    ids=["missing", "empty", "not-a-list", "not-a-number", "unknown-choice"],
)
def test_bad_input_is_a_400_with_a_message(api, poll, citizen, body):
    api.force_authenticate(citizen)

    response = api.post(votes_url(poll), body, format="json")

    assert response.status_code == 400
    assert response.json()["error"]
    assert not Vote.objects.exists()


def test_anonymous_vote_in_a_citizens_poll_is_forbidden(api, poll):
    token = csrf_token(api, poll)

    response = api.post(
        votes_url(poll), {"choices": choice_ids(poll)[:1]}, format="json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_eligible"


def test_anonymous_device_votes_once_in_a_poll_open_to_anyone(api, make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    token = csrf_token(api, poll)
    body = {"choices": choice_ids(poll)[:1]}

    first = api.post(votes_url(poll), body, format="json", HTTP_X_CSRFTOKEN=token)
    second = api.post(votes_url(poll), body, format="json", HTTP_X_CSRFTOKEN=token)

    assert first.status_code == 201
    assert first.json()["vote"]["by_device"] is True
    assert devices.COOKIE_NAME in first.cookies
    assert second.status_code == 409


def test_anonymous_device_vote_needs_csrf(api, make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)

    response = api.post(votes_url(poll), {"choices": choice_ids(poll)[:1]}, format="json")

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_vote_in_a_closed_poll_is_forbidden(api, make_poll, citizen):
    now = timezone.now()
    poll = make_poll(
        opens_at=now - datetime.timedelta(days=3), closes_at=now - datetime.timedelta(days=1)
    )
    api.force_authenticate(citizen)

    response = api.post(votes_url(poll), {"choices": choice_ids(poll)[:1]}, format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "poll_not_open"


def test_unknown_or_unpublished_poll_is_a_404(api, make_poll, citizen):
    draft = make_poll(live=False)
    api.force_authenticate(citizen)

    for url in [votes_url(draft), reverse("participation_api:poll-votes", args=[999999])]:
        response = api.post(url, {"choices": [1]}, format="json")
        assert response.status_code == 404
        assert response.json()["error"]


def test_results_give_counts_and_percentages(api, make_poll, citizen):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    first, second, _third = choice_ids(poll)
    services.cast_vote(poll, user=citizen, choices=[first])
    services.cast_vote(poll, device_id=uuid.uuid4(), choices=[first])
    services.cast_vote(poll, device_id=uuid.uuid4(), choices=[second])

    body = api.get(results_url(poll)).json()

    assert body["total_votes"] == 3
    assert body["citizen_votes"] == 1
    assert body["device_votes"] == 2
    assert [(row["id"], row["votes"], row["percent"]) for row in body["choices"]] == [
        (first, 2, 66.7),
        (second, 1, 33.3),
        (_third, 0, 0.0),
    ]
    assert body["status"] == "open"


@pytest.mark.parametrize(
    "visibility", [PollPage.ResultsVisibility.AFTER_CLOSE, PollPage.ResultsVisibility.NEVER]
)
def test_hidden_results_are_forbidden_to_the_public(api, make_poll, visibility):
    poll = make_poll(results_visibility=visibility)

    response = api.get(results_url(poll))

    assert response.status_code == 403
    assert response.json()["code"] == "results_hidden"


def test_staff_read_hidden_results(api, make_poll, staff):
    poll = make_poll(results_visibility=PollPage.ResultsVisibility.NEVER)
    api.force_authenticate(staff)

    assert api.get(results_url(poll)).status_code == 200


def test_persian_text_is_sent_as_is(api, poll):
    response = api.get(results_url(poll))

    assert "بوستان".encode() in response.content
