"""The suggestions-and-complaints JSON API: public reads without personal data, writes
through the feedback services with CSRF or a token, clear errors, constant queries."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from wagtail.models import PageViewRestriction

from participation.feedback import services, workflow
from participation.feedback.models import Complaint, ReviewCase, Suggestion
from tests.conftest import XSS
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

PRIVATE_EMAIL = "private.mail@example.org"


def api_url(name, *args):
    return reverse(f"participation_api:feedback-{name}", args=args)


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


def with_csrf(api):
    api.cookies["csrftoken"] = token = get_random_string(32)
    return {"HTTP_X_CSRFTOKEN": token}


def submit(box, author, title="پیاده‌راه خیابان اصلي"):
    return services.submit_suggestion(
        box=box,
        title=f"{title} {XSS}",
        body="متن پیشنهاد",
        author=author,
        contact_email=PRIVATE_EMAIL,
    )


def test_complaint_categories(api, category):
    response = api.get(api_url("complaint-categories"))

    assert response.status_code == 200
    assert response.json() == [
        {
            "id": category.pk,
            "service_code": "street-lighting",
            "name": category.name,
            "description": category.description,
            "response_days": 5,
        }
    ]


def test_boxes_and_their_public_suggestions_without_personal_data(api, box, citizen):
    suggestion = submit(box, citizen)

    boxes = api.get(api_url("boxes")).json()
    assert [row["id"] for row in boxes] == [box.pk]
    page = api.get(api_url("box-suggestions", box.pk)).json()

    assert page["count"] == 1
    [row] = page["results"]
    assert row["tracking_code"] == suggestion.case.tracking_code
    assert row["title"] == suggestion.title  # data, escaped by whoever shows it
    assert row["author"] == ""  # the citizen did not choose to show their name
    text = api.get(api_url("suggestion-detail", suggestion.pk)).content.decode()
    for private in (PRIVATE_EMAIL, citizen.last_name, citizen.username):
        assert private not in text


@pytest.mark.parametrize("count", [2, 15])
def test_box_suggestions_take_a_constant_number_of_queries(
    api, box, count, django_assert_max_num_queries
):
    for n in range(count):
        submit(box, UserFactory(), title=f"پیشنهاد {n}")

    with django_assert_max_num_queries(6):
        response = api.get(api_url("box-suggestions", box.pk))
    assert len(response.json()["results"]) == count


def test_detail_shows_history_and_the_official_response(api, box, citizen):
    suggestion = submit(box, citizen)
    member = UserFactory()
    case = workflow.assign(
        suggestion.case, actor=member, department=None, assignee=member, expected_version=None
    )
    workflow.transition(case, ReviewCase.Status.UNDER_REVIEW, actor=member, expected_version=None)
    workflow.answer(case, actor=member, body="<p>پذیرفته شد</p>", decision="accepted")

    detail = api.get(api_url("suggestion-detail", suggestion.pk)).json()

    assert detail["status"] == "answered"
    assert detail["decision"] == "accepted"
    assert [step["status"] for step in detail["history"]] == [
        "received",
        "screened",
        "assigned",
        "under_review",
        "answered",
    ]
    assert detail["responses"][0]["body"] == "<p>پذیرفته شد</p>"
    assert member.username not in str(detail)


def test_signed_in_citizen_submits_a_suggestion_with_a_token(api, box, citizen):
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=citizen).key}")

    response = api.post(
        api_url("suggestion-submit"),
        {"box": box.pk, "title": "ایستگاه دوچرخه", "body": f"در میدان {XSS}"},
        format="json",
    )

    assert response.status_code == 201
    suggestion = Suggestion.objects.get(case__tracking_code=response.json()["tracking_code"])
    assert suggestion.author == citizen


def test_a_session_post_without_csrf_is_refused(api, open_box):
    response = api.post(
        api_url("suggestion-submit"), {"box": open_box.pk, "title": "الف", "body": "ب"}
    )

    assert response.status_code == 403
    assert not Suggestion.objects.exists()


def test_anonymous_complaint_with_csrf(api, category):
    response = api.post(
        api_url("complaint-submit"),
        {"category": category.pk, "description": "چراغ خاموش است", "address": "کوچه‌ی ۵"},
        format="json",
        **with_csrf(api),
    )

    assert response.status_code == 201
    assert Complaint.objects.get().case.tracking_code == response.json()["tracking_code"]


@pytest.mark.parametrize(
    ("language", "message"),
    [("fa", "مشکل را شرح دهید"), ("en", "Describe the problem.")],
)
def test_bad_input_gets_a_translated_error_and_saves_nothing(api, category, language, message):
    response = api.post(
        api_url("complaint-submit"),
        {"category": category.pk, "description": "   "},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
        **with_csrf(api),
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "description" in body["fields"]
    if language == "en":
        assert body["error"] == message
    assert not Complaint.objects.exists()


def in_group(name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 403), ("author", 403), ("citizen", 201)],
)
def test_who_may_support_a_suggestion(api, box, citizen, other_citizen, who, status):
    suggestion = submit(box, citizen)
    user = {"anonymous": None, "author": citizen, "citizen": other_citizen}[who]
    if user is not None:
        api.force_login(user)

    response = api.post(api_url("suggestion-support", suggestion.pk), **with_csrf(api))

    assert response.status_code == status
    assert suggestion.supports.count() == (1 if status == 201 else 0)


def test_supporting_twice_counts_once(api, box, citizen, other_citizen):
    suggestion = submit(box, citizen)
    api.force_login(other_citizen)
    csrf = with_csrf(api)

    first = api.post(api_url("suggestion-support", suggestion.pk), **csrf)
    second = api.post(api_url("suggestion-support", suggestion.pk), **csrf)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["supports"] == 1


def test_track_by_code_as_typed(api, category):
    complaint = services.submit_complaint(
        category=category, description="چراغ", contact_email=PRIVATE_EMAIL
    )
    code = complaint.case.tracking_code

    response = api.get(api_url("track", code.lower().replace("-", "")))

    assert response.status_code == 200
    assert response.json()["tracking_code"] == code
    assert PRIVATE_EMAIL not in response.content.decode()
    assert api.get(api_url("track", "CP-NOPE")).status_code == 404


def hide_box(box, how):
    """Take ``box`` off the public site: unpublish it or restrict it to a password."""
    if how == "unpublished":
        box.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=box, restriction_type=PageViewRestriction.PASSWORD, password="رمز-محرمانه"
        )


@pytest.mark.parametrize("how", ["unpublished", "restricted"])
def test_a_suggestion_of_a_box_off_the_site_is_not_found(api, box, citizen, how):
    suggestion = submit(box, citizen)
    hide_box(box, how)

    assert api.get(api_url("suggestion-detail", suggestion.pk)).status_code == 404


@pytest.mark.parametrize("how", ["unpublished", "restricted"])
def test_a_suggestion_of_a_box_off_the_site_cannot_be_supported(
    api, box, citizen, other_citizen, how
):
    suggestion = submit(box, citizen)
    hide_box(box, how)
    api.force_login(other_citizen)

    response = api.post(api_url("suggestion-support", suggestion.pk), **with_csrf(api))

    assert response.status_code == 404
    assert not suggestion.supports.exists()


def test_author_is_shown_by_the_display_name_they_chose(api, box, signed_up_citizen):
    suggestion = services.submit_suggestion(
        box=box, title="پیشنهاد", body="متن", author=signed_up_citizen, show_author=True
    )

    row = api.get(api_url("suggestion-detail", suggestion.pk)).json()

    assert row["author"] == signed_up_citizen.citizen_profile.display_name
