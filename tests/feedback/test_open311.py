"""Open311 GeoReport v2: services.json, requests.json (GET, POST) and requests/<id>.json,
checked field by field against the spec, without any personal data of the citizen."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token

from participation.feedback import workflow
from participation.feedback.models import Complaint, ReviewCase
from participation.feedback.open311.clients import CLIENT_GROUP
from participation.feedback.open311.formats import MAX_REQUEST_IDS
from participation.ratelimit import Limit
from tests.council.factories import OrganizationFactory
from tests.feedback.council_helpers import (
    PERSONAL,
    make_category,
    make_complaint,
    make_reviewer,
)
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICE_FIELDS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def url(name, *args):
    return reverse(f"open311:{name}", args=args)


def assert_iso_with_offset(value):
    moment = datetime.datetime.fromisoformat(value)
    assert moment.utcoffset() is not None


def assert_no_personal_data(response):
    text = response.content.decode()
    for value in PERSONAL.values():
        assert value not in text


@pytest.fixture
def client_key(db):
    """The api_key of an account in the "open311 client" group."""
    user = UserFactory(username="app-137")
    user.groups.add(Group.objects.get_or_create(name=CLIENT_GROUP)[0])
    return Token.objects.create(user=user).key


def test_services_lists_active_categories_with_the_spec_fields(client):
    active = make_category(service_code="pothole", name="چاله‌ي معبر")
    make_category(service_code="old", name="قدیمی", is_active=False)

    response = client.get(url("services"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    services = response.json()
    assert [s["service_code"] for s in services] == ["pothole"]
    service = services[0]
    assert set(service) == SERVICE_FIELDS
    assert service["service_name"] == active.name
    assert service["metadata"] is False
    assert service["type"] == "realtime"
    assert isinstance(service["keywords"], str)


def test_a_request_has_every_spec_field_and_no_personal_data(client):
    complaint = make_complaint(
        latitude="35.700000", longitude="51.400000", address="خیابان ولیعصر", is_public=True
    )

    response = client.get(url("request", complaint.case.tracking_code))

    assert response.status_code == 200
    [row] = response.json()
    assert set(row) == REQUEST_FIELDS
    case = complaint.case
    assert row["service_request_id"] == case.tracking_code
    assert row["status"] == "open"
    assert row["status_notes"] is None
    assert row["service_code"] == complaint.category.service_code
    assert row["service_name"] == complaint.category.name
    assert "<script>" not in row["description"]
    assert row["agency_responsible"] == case.department.name
    assert row["address"] == "خیابان ولیعصر"
    assert row["lat"] == 35.7 and row["long"] == 51.4
    for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert_iso_with_offset(row[field])
    assert row["media_url"] is None
    assert_no_personal_data(response)


def test_a_request_not_made_public_shows_only_category_status_and_dates(client):
    complaint = make_complaint(latitude="35.7", longitude="51.4", address="خیابان ولیعصر")

    [row] = client.get(url("request", complaint.case.tracking_code.lower())).json()

    assert row["service_request_id"] == complaint.case.tracking_code
    assert row["service_code"] == complaint.category.service_code
    for hidden in ("description", "address", "lat", "long", "media_url"):
        assert row[hidden] is None


def test_a_search_lists_only_public_requests(client):
    public = make_complaint(is_public=True)
    make_complaint()

    rows = client.get(url("requests")).json()

    assert [row["service_request_id"] for row in rows] == [public.case.tracking_code]


def test_unknown_request_is_a_404_in_the_spec_error_shape(client):
    response = client.get(url("request", "NOPE-1"))

    assert response.status_code == 404
    [error] = response.json()
    assert error["code"] == 404
    assert error["description"]


def test_requests_default_to_the_last_90_days(client):
    recent = make_complaint(is_public=True)
    old = make_complaint(received_at=timezone.now() - datetime.timedelta(days=100), is_public=True)

    codes = [row["service_request_id"] for row in client.get(url("requests")).json()]

    assert recent.case.tracking_code in codes
    assert old.case.tracking_code not in codes


def test_requests_filter_by_service_code_and_status(client):
    pothole = make_complaint(category=make_category(service_code="pothole"), is_public=True)
    make_complaint(category=make_category(service_code="light"), is_public=True)

    rows = client.get(url("requests"), {"service_code": "pothole", "status": "open"}).json()
    assert [row["service_request_id"] for row in rows] == [pothole.case.tracking_code]
    assert client.get(url("requests"), {"status": "closed"}).json() == []


def test_service_request_ids_override_the_other_filters(client):
    old = make_complaint(received_at=timezone.now() - datetime.timedelta(days=200))
    other = make_complaint()

    rows = client.get(
        url("requests"),
        {
            "service_request_id": f"{old.case.tracking_code},{other.case.tracking_code}",
            "status": "closed",
        },
    ).json()

    assert {row["service_request_id"] for row in rows} == {
        old.case.tracking_code,
        other.case.tracking_code,
    }


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"status": "pending"}, 400),
        ({"start_date": "not a date"}, 400),
        ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, 400),
        ({"start_date": "2026-02-01", "end_date": "2026-01-01"}, 400),
    ],
)
def test_bad_search_parameters_get_a_400(client, params, status):
    response = client.get(url("requests"), params)

    assert response.status_code == status
    assert response.json()[0]["code"] == status


def test_errors_are_translated(client):
    english = "status must be open or closed (or both, comma separated)."

    description = client.get(url("requests"), {"status": "pending"}).json()[0]["description"]

    # Open311 has no language prefix, so it always answers in the site's language.
    assert description == gettext(english)
    assert description != english


def test_post_without_api_key_is_refused(client):
    category = make_category(service_code="pothole")

    response = client.post(
        url("requests"), {"service_code": category.service_code, "lat": "35.7", "long": "51.4"}
    )

    assert response.status_code == 403
    assert response.json()[0]["code"] == 403
    assert not Complaint.objects.exists()


def test_post_with_the_key_of_an_account_without_permission_is_refused(client):
    key = Token.objects.create(user=UserFactory()).key
    category = make_category(service_code="pothole")

    response = client.post(
        url("requests"),
        {"api_key": key, "service_code": category.service_code, "lat": "35.7", "long": "51.4"},
    )

    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_post_with_a_key_of_an_account_with_the_permission_creates_a_complaint(client):
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="add_complaint"))
    key = Token.objects.create(user=user).key
    category = make_category(service_code="pothole")

    response = client.post(
        url("requests"),
        {
            "api_key": key,
            "service_code": "pothole",
            "address_string": "میدان آزادي",
            "description": "چاله‌ی بزرگ <script>alert(1)</script>",
            "email": "someone@example.com",
            "first_name": "علی",
        },
    )

    assert response.status_code == 201
    [created] = response.json()
    assert set(created) == {"service_request_id", "service_notice"}
    complaint = Complaint.objects.get(case__tracking_code=created["service_request_id"])
    assert complaint.category == category
    assert (
        "someone@example.com"
        not in client.get(url("request", created["service_request_id"])).content.decode()
    )


def test_post_needs_a_location(client, client_key):
    make_category(service_code="pothole")

    response = client.post(url("requests"), {"api_key": client_key, "service_code": "pothole"})

    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_post_to_an_unknown_service_is_refused(client, client_key):
    response = client.post(
        url("requests"), {"api_key": client_key, "service_code": "nope", "lat": "1", "long": "2"}
    )

    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_posts_are_rate_limited(client, client_key, settings):
    settings.SHAFAF_RATE_LIMITS = {"open311": {"user": Limit(2, 60)}}
    make_category(service_code="pothole")
    data = {
        "api_key": client_key,
        "service_code": "pothole",
        "lat": "35.7",
        "long": "51.4",
        "description": "x",
    }

    statuses = [
        client.post(url("requests"), {**data, "description": f"چاله {n}"}).status_code
        for n in range(3)
    ]

    assert statuses == [201, 201, 429]
    assert Complaint.objects.count() == 2


def test_looking_up_one_request_is_rate_limited_like_tracking(client, settings):
    settings.SHAFAF_RATE_LIMITS = {"track": {"ip": Limit(2, 60)}}
    code = make_complaint().case.tracking_code

    statuses = [client.get(url("request", code)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_a_refused_lookup_says_when_to_retry_in_the_spec_shape(client, settings):
    settings.SHAFAF_RATE_LIMITS = {"track": {"ip": Limit(1, 60)}}
    client.get(url("request", "CP-AAAAAAAA"))

    response = client.get(url("request", "CP-AAAAAAAA"))

    assert response.status_code == 429
    assert response.json()[0]["code"] == 429
    assert int(response["Retry-After"]) > 0


def test_each_id_in_a_search_counts_as_one_tracking_lookup(client, settings):
    settings.SHAFAF_RATE_LIMITS = {"track": {"ip": Limit(3, 60)}}
    codes = [make_complaint().case.tracking_code for _ in range(2)]

    first = client.get(url("requests"), {"service_request_id": ",".join(codes)})
    second = client.get(url("requests"), {"service_request_id": ",".join(codes)})

    assert (first.status_code, second.status_code) == (200, 429)


def test_a_search_without_ids_is_not_charged_to_the_tracking_limit(client, settings):
    settings.SHAFAF_RATE_LIMITS = {"track": {"ip": Limit(1, 60)}}
    make_complaint(is_public=True)

    statuses = [client.get(url("requests")).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


def test_asking_for_too_many_ids_at_once_is_refused(client):
    ids = ",".join(f"CP-{n:08d}" for n in range(MAX_REQUEST_IDS + 1))

    response = client.get(url("requests"), {"service_request_id": ids})

    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


def test_asking_for_the_most_ids_allowed_is_answered(client):
    codes = [make_complaint().case.tracking_code for _ in range(MAX_REQUEST_IDS)]

    response = client.get(url("requests"), {"service_request_id": ",".join(codes)})

    assert response.status_code == 200
    assert {row["service_request_id"] for row in response.json()} == set(codes)


def test_status_fields_follow_the_review(client):
    """status, status_notes, agency_responsible, updated_datetime and expected_datetime tell
    a client where the review stands, as the spec defines them."""
    reviewer = make_reviewer()
    committee = OrganizationFactory(name="كميسيون عمران\u200cو شهرسازي")
    case = make_complaint(is_public=True).case
    before = client.get(url("request", case.tracking_code)).json()[0]
    workflow.assign(
        case,
        actor=reviewer,
        department=case.department,
        committee=committee,
        assignee=reviewer,
        expected_version=case.version,
    )
    workflow.transition(
        case, ReviewCase.Status.UNDER_REVIEW, actor=reviewer, expected_version=case.version
    )
    workflow.answer(
        case,
        actor=reviewer,
        body="<p>چاله ترميم شد.</p><script>x</script>",
        decision=ReviewCase.Decision.ACCEPTED,
        expected_version=case.version,
    )

    [row] = client.get(url("request", case.tracking_code)).json()

    assert (before["status"], row["status"]) == ("open", "closed")
    assert row["status_notes"] == "چاله ترميم شد."
    assert row["agency_responsible"] == f"{case.department.name} / {committee.name}"
    assert before["updated_datetime"] <= row["updated_datetime"]
    case.refresh_from_db()
    assert datetime.datetime.fromisoformat(row["updated_datetime"]) == case.updated_at.replace(
        microsecond=0
    )
    assert datetime.datetime.fromisoformat(row["expected_datetime"]) == case.due_at.replace(
        microsecond=0
    )
