"""The council's review API: council members only, the workflow's rules and locking through
JSON, the dashboard's filters, the whole history of a case, constant queries."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission

from cms.council.models import Organization
from participation import ratelimit
from participation.feedback import workflow
from participation.feedback.models import ReviewCase, ReviewTransition
from participation.feedback.models.cases import ReviewAssignment
from tests.conftest import XSS
from tests.council.factories import OrganizationFactory
from tests.feedback.council_helpers import (
    PERSONAL,
    make_complaint,
    make_departments,
    make_districts,
    make_reviewer,
    make_suggestion,
    set_case,
)
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = ReviewCase.Status


def url(name, *args):
    return reverse(f"participation_api:feedback-council-{name}", args=args)


def in_group(name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def people(db):
    return {
        "anonymous": None,
        "citizen": in_group("citizen"),
        "editor": in_group("editor", is_staff=True),
        "council member": in_group("council member", first_name="زهرا", last_name="كاظمي‌فر"),
    }


@pytest.fixture
def member(people):
    return people["council member"]


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


def signed_in(api, user):
    """``api`` with ``user``'s session and a CSRF token, as the site's own pages call it."""
    if user is not None:
        api.force_login(user)
    api.cookies["csrftoken"] = token = get_random_string(32)
    api.credentials(HTTP_X_CSRFTOKEN=token)
    return api


@pytest.fixture
def council(api, member):
    return signed_in(api, member)


def post(api, name, case, **data):
    return api.post(url(name, case.pk), data, format="json")


# Who may use it -------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "citizen", "editor"])
@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("get", "cases", None),
        ("get", "case", None),
        ("post", "transition", {"to_status": "screened"}),
        ("post", "assign", {"department": None}),
        ("post", "answer", {"body": "پاسخ", "decision": "accepted"}),
        ("get", "report", None),
    ],
)
def test_everyone_but_council_members_is_refused(api, people, who, method, name, data):
    case = make_complaint().case
    signed_in(api, people[who])
    target = url(name) if name in ("cases", "report") else url(name, case.pk)

    if method == "get":
        response = api.get(target)
    else:
        response = api.post(target, {**data, "expected_version": case.version}, format="json")

    assert response.status_code == 403
    assert set(response.json()) == {"error", "code"}
    assert ReviewCase.objects.get(pk=case.pk).version == case.version
    assert ReviewTransition.objects.filter(case=case).count() == 0


def test_a_council_member_may_use_an_api_token(api, member):
    case = make_complaint().case
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member).key}")

    response = post(api, "transition", case, to_status="screened", expected_version=case.version)

    assert response.status_code == 200
    assert response.json()["status"] == "screened"


def test_a_session_post_without_its_csrf_token_is_refused(api, member):
    case = make_complaint().case
    api.force_login(member)

    response = post(api, "transition", case, to_status="screened", expected_version=case.version)

    assert response.status_code == 403
    assert ReviewCase.objects.get(pk=case.pk).status == Status.RECEIVED


# Transitions ----------------------------------------------------------------------------------

TRANSITIONS = [
    (Status.RECEIVED, Status.SCREENED, True),
    (Status.RECEIVED, Status.CLOSED, True),
    (Status.SCREENED, Status.ASSIGNED, True),
    (Status.ASSIGNED, Status.UNDER_REVIEW, True),
    (Status.UNDER_REVIEW, Status.ASSIGNED, True),
    (Status.ANSWERED, Status.UNDER_REVIEW, True),
    (Status.ANSWERED, Status.CLOSED, True),
    (Status.RECEIVED, Status.ASSIGNED, False),
    (Status.RECEIVED, Status.ANSWERED, False),
    (Status.SCREENED, Status.UNDER_REVIEW, False),
    (Status.CLOSED, Status.RECEIVED, False),
    (Status.CLOSED, Status.UNDER_REVIEW, False),
]


@pytest.mark.parametrize(("from_status", "to_status", "allowed"), TRANSITIONS)
def test_transitions_follow_the_workflow_table(council, from_status, to_status, allowed):
    case = set_case(make_complaint().case, status=from_status)

    response = post(
        council,
        "transition",
        case,
        to_status=to_status,
        reason="بررسي شد\u200cو ارجاع",
        expected_version=case.version,
    )

    after = ReviewCase.objects.get(pk=case.pk)
    if allowed:
        assert response.status_code == 200
        assert response.json()["status"] == after.status == to_status
        assert after.version == case.version + 1
        assert response.json()["version"] == after.version
    else:
        assert response.status_code == 409
        assert response.json()["code"] == "refused"
        with translation.override("fa"):
            expected = workflow.TransitionRefused(
                "A case cannot go from “%(from)s” to “%(to)s”."
            ).message
            assert response.json()["error"] == translation.gettext(expected) % {
                "from": Status(from_status).label,
                "to": Status(to_status).label,
            }
        assert (after.status, after.version) == (from_status, case.version)
        assert not ReviewTransition.objects.filter(case=case).exists()


def test_answering_goes_through_the_answer_endpoint(council):
    case = set_case(make_complaint().case, status=Status.UNDER_REVIEW)

    response = post(
        council, "transition", case, to_status=Status.ANSWERED, expected_version=case.version
    )

    assert response.status_code == 409
    with translation.override("fa"):
        assert response.json()["error"] == translation.gettext(
            "Choose a decision to answer the case."
        )
    assert ReviewCase.objects.get(pk=case.pk).status == Status.UNDER_REVIEW


def test_a_public_reason_is_recorded_as_public(council):
    case = make_complaint().case

    post(
        council,
        "transition",
        case,
        to_status="screened",
        reason="در حال بررسي",
        reason_is_public=True,
        expected_version=case.version,
    )

    step = ReviewTransition.objects.get(case=case)
    assert (step.reason, step.note_is_public, step.to_status) == ("در حال بررسي", True, "screened")


def test_a_stale_version_is_a_409_and_changes_nothing(council, member):
    case = make_complaint().case
    seen = case.version
    workflow.transition(case, Status.SCREENED, actor=member, expected_version=seen)

    response = post(council, "transition", case, to_status=Status.CLOSED, expected_version=seen)

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "stale"
    assert body["version"] == seen + 1
    with translation.override("fa"):
        assert body["error"] == str(workflow.STALE_MESSAGE)
    assert ReviewCase.objects.get(pk=case.pk).status == Status.SCREENED


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"to_status": "screened"}, "expected_version"),
        ({"to_status": "nowhere", "expected_version": 1}, "to_status"),
        ({"to_status": "screened", "expected_version": "یک"}, "expected_version"),
        ({"expected_version": 1}, "to_status"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(council, data, field):
    case = make_complaint().case

    response = council.post(url("transition", case.pk), data, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["fields"]
    assert ReviewCase.objects.get(pk=case.pk).version == case.version


def test_an_unknown_case_is_a_404(council):
    assert council.get(url("case", 999999)).status_code == 404
    response = council.post(
        url("transition", 999999), {"to_status": "screened", "expected_version": 1}, format="json"
    )
    assert response.status_code == 404
    assert set(response.json()) == {"error", "code"}


def test_actions_are_rate_limited(council, settings):
    settings.SHAFAF_RATE_LIMITS = {"council_action": {"user": ratelimit.Limit(1, 60)}}
    case = make_complaint().case
    post(council, "transition", case, to_status="screened", expected_version=case.version)

    response = post(council, "transition", case, to_status="closed", expected_version=2)

    assert response.status_code == 429
    assert response["Retry-After"]
    assert ReviewCase.objects.get(pk=case.pk).status == Status.SCREENED


# Assigning ------------------------------------------------------------------------------------


def test_assigning_gives_department_and_assignee_and_records_it(council, member):
    water, _roads = make_departments()
    reviewer = make_reviewer()
    case = make_complaint().case

    response = post(
        council,
        "assign",
        case,
        department=water.pk,
        assignee=reviewer.pk,
        reason="مربوط به آب",
        expected_version=case.version,
    )

    assert response.status_code == 200
    body = response.json()
    assert body["department"] == {"id": water.pk, "name": water.name}
    assert body["assignee"]["id"] == reviewer.pk
    assert body["status"] == Status.ASSIGNED  # received → screened → assigned
    step = ReviewAssignment.objects.get(case=case)
    assert (step.to_department, step.to_assignee, step.actor) == (water, reviewer, member)
    assert [entry["to_department"]["id"] for entry in body["assignments"]] == [water.pk]


def test_a_field_left_out_keeps_the_case_value_and_null_clears_it(council):
    water, roads = make_departments()
    reviewer = make_reviewer()
    case = set_case(make_complaint().case, department=water, assignee=reviewer)

    post(council, "assign", case, department=roads.pk, expected_version=case.version)
    case.refresh_from_db()
    assert (case.department, case.assignee) == (roads, reviewer)

    post(council, "assign", case, assignee=None, expected_version=case.version)
    case.refresh_from_db()
    assert (case.department, case.assignee) == (roads, None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("assignee", "citizen", "Cases can be assigned only to council members."),
        ("department", 999999, "There is no such department."),
    ],
)
def test_assigning_to_someone_or_something_unknown_is_refused(
    council, people, field, value, message
):
    case = make_complaint().case
    value = people[value].pk if value == "citizen" else value

    response = post(council, "assign", case, **{field: value}, expected_version=case.version)

    assert response.status_code == 400
    with translation.override("fa"):
        assert response.json()["error"] == translation.gettext(message)
    assert ReviewCase.objects.get(pk=case.pk).version == case.version


def test_assigning_to_a_committee_keeps_it_until_changed(council):
    committee = OrganizationFactory()
    case = make_complaint().case

    response = post(council, "assign", case, committee=committee.pk, expected_version=case.version)

    assert response.status_code == 200
    assert response.json()["committee"] == {"id": committee.pk, "name": committee.name}
    assert response.json()["assignments"][0]["to_committee"]["id"] == committee.pk
    post(council, "assign", case, assignee=None, expected_version=case.version + 1)
    assert ReviewCase.objects.get(pk=case.pk).committee == committee
    filtered = council.get(url("cases"), {"committee": committee.pk})
    assert codes(filtered) == {case.tracking_code}


def test_the_council_itself_is_not_a_committee(council):
    plenary = OrganizationFactory(classification=Organization.Classification.COUNCIL)
    case = make_complaint().case

    response = post(council, "assign", case, committee=plenary.pk, expected_version=case.version)

    assert response.status_code == 400
    assert "committee" in response.json()["fields"]
    assert ReviewCase.objects.get(pk=case.pk).committee is None


def test_an_answered_case_cannot_be_assigned(council):
    case = set_case(make_complaint().case, status=Status.ANSWERED)

    response = post(council, "assign", case, assignee=None, expected_version=case.version)

    assert response.status_code == 409
    assert response.json()["code"] == "refused"
    assert not ReviewAssignment.objects.filter(case=case).exists()


# Answering ------------------------------------------------------------------------------------


@pytest.fixture
def document(member):
    """A document in the root collection, which council members may choose."""
    GroupCollectionPermission.objects.create(
        group=Group.objects.get(name="council member"),
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="choose_document"),
    )
    return get_document_model().objects.create(
        title="مصوبه‌ی كميسيون", file=SimpleUploadedFile("decision.pdf", b"%PDF-1.4")
    )


def test_answering_publishes_the_response_with_its_documents(council, member, document, home):
    suggestion = make_suggestion()
    case = set_case(suggestion.case, status=Status.UNDER_REVIEW)

    response = post(
        council,
        "answer",
        case,
        body=f"<p>پیشنهاد پذيرفته شد\u200cو اجرا می‌شود</p>{XSS}",
        decision="accepted",
        documents=[document.pk],
        expected_version=case.version,
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["decision"]) == ("answered", "accepted")
    [answer] = body["responses"]
    assert "پذيرفته" in answer["body"] and "<script" not in answer["body"]
    assert answer["documents"] == [
        {"id": document.pk, "title": document.title, "url": document.url}
    ]
    assert body["history"][-1]["to_status"] == "answered"


def test_a_document_the_member_may_not_choose_is_refused(council, home):
    private = get_document_model().objects.create(
        title="سند داخلي", file=SimpleUploadedFile("internal.pdf", b"%PDF-1.4")
    )
    case = set_case(make_suggestion().case, status=Status.UNDER_REVIEW)

    response = post(
        council,
        "answer",
        case,
        body="پاسخ",
        decision="accepted",
        documents=[private.pk],
        expected_version=case.version,
    )

    assert response.status_code == 400
    assert "documents" in response.json()["fields"]
    assert not case.responses.exists()
    assert ReviewCase.objects.get(pk=case.pk).status == Status.UNDER_REVIEW


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "accepted"}, "Write the official response."),
        ({"body": "  ", "decision": "accepted"}, "Write the official response."),
        ({"body": "پاسخ"}, "Choose a decision to answer the case."),
        ({"body": "پاسخ", "decision": "maybe"}, "There is no such decision."),
    ],
)
def test_an_incomplete_answer_is_refused_with_a_clear_message(council, data, message):
    case = set_case(make_complaint().case, status=Status.UNDER_REVIEW)

    response = post(council, "answer", case, **data, expected_version=case.version)

    assert response.status_code == 400
    with translation.override("fa"):
        assert response.json()["error"] == translation.gettext(message)
    assert not case.responses.exists()


def test_a_case_not_under_review_cannot_be_answered(council):
    case = make_complaint().case

    response = post(
        council, "answer", case, body="پاسخ", decision="accepted", expected_version=case.version
    )

    assert response.status_code == 409
    assert not case.responses.exists()


# Reading --------------------------------------------------------------------------------------


def test_a_case_shows_its_item_and_whole_history_but_no_contact_details(council, member):
    complaint = make_complaint(address="خيابان وليعصر، كوچه‌ی ۳")
    case = complaint.case
    workflow.transition(case, Status.SCREENED, actor=member, reason="تاييد", expected_version=None)
    workflow.transition(case, Status.CLOSED, actor=member, reason="تکراري", expected_version=None)

    response = council.get(url("case", case.pk))

    assert response.status_code == 200
    body = response.json()
    assert body["item"]["description"] == complaint.description
    assert body["item"]["category"]["name"] == complaint.category.name
    assert [(step["to_status"], step["reason"]) for step in body["history"]] == [
        ("screened", "تاييد"),
        ("closed", "تکراري"),
    ]
    assert body["history"][0]["actor"] == {"id": member.pk, "name": "زهرا كاظمي‌فر"}
    assert body["allowed_transitions"] == []
    text = response.content.decode()
    assert PERSONAL["email"] not in text and PERSONAL["phone"] not in text
    assert response["Content-Type"].startswith("application/json")


def test_reading_a_case_takes_a_fixed_number_of_queries(
    council, member, django_assert_max_num_queries
):
    case = make_complaint().case
    for status in (Status.SCREENED, Status.ASSIGNED, Status.UNDER_REVIEW):
        workflow.transition(case, status, actor=member, expected_version=None)
    council.get(url("case", case.pk))

    # Session, account, permissions, the case, its history, assignments, responses, documents.
    with django_assert_max_num_queries(8):
        assert council.get(url("case", case.pk)).status_code == 200


# The queue ------------------------------------------------------------------------------------


@pytest.fixture
def queue(home):
    """Cases that differ in one filter each."""
    water, roads = make_departments()
    one, two = make_districts()
    past = timezone.now() - datetime.timedelta(days=2)
    cases = {
        "late": make_complaint(department=water, district=one, due_at=past).case,
        "roads": make_complaint(department=roads, district=two).case,
        "suggestion": make_suggestion(department=water, district=two).case,
        "closed": set_case(
            make_complaint(department=water, district=one, due_at=past).case, status=Status.CLOSED
        ),
    }
    return {"cases": cases, "water": water, "roads": roads, "one": one, "two": two}


def codes(response):
    assert response.status_code == 200, response.json()
    return {row["tracking_code"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"late", "roads", "suggestion", "closed"}),
        ({"status": "closed"}, {"closed"}),
        ({"kind": "suggestion"}, {"suggestion"}),
        ({"department": "roads"}, {"roads"}),
        ({"district": "one"}, {"late", "closed"}),
        ({"overdue": "true"}, {"late"}),
        ({"district": "one", "status": "received"}, {"late"}),
    ],
)
def test_the_queue_has_the_dashboard_filters(council, queue, params, expected):
    params = {
        name: queue[value].pk if name in ("department", "district") else value
        for name, value in params.items()
    }

    response = council.get(url("cases"), params)

    assert codes(response) == {queue["cases"][name].tracking_code for name in expected}


@pytest.mark.parametrize(
    "params", [{"status": "nowhere"}, {"department": "999999"}, {"kind": "petition"}]
)
def test_an_unknown_filter_value_is_a_400(council, queue, params):
    response = council.get(url("cases"), params)

    assert response.status_code == 400
    assert set(params) <= set(response.json()["fields"])


def test_queue_rows_say_what_may_be_done_next(council, queue):
    response = council.get(url("cases"), {"status": "received", "kind": "complaint"})

    row = next(r for r in response.json()["results"] if r["district"]["id"] == queue["one"].pk)
    assert row["is_overdue"] is True
    assert row["allowed_transitions"] == ["screened", "closed"]
    assert row["department"] == {"id": queue["water"].pk, "name": queue["water"].name}


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_takes_a_constant_number_of_queries(
    council, member, count, django_assert_max_num_queries
):
    reviewer = make_reviewer()
    for _ in range(count):
        set_case(make_complaint().case, assignee=reviewer)
    council.get(url("cases"))

    # Session, account, permissions, the count and one page of rows with their relations.
    with django_assert_max_num_queries(6):
        response = council.get(url("cases"))
    assert response.json()["count"] == count
    assert len(response.json()["results"]) == min(count, 20)


def test_the_council_api_is_described_in_the_openapi_schema(client):
    paths = client.get("/api/schema/", {"format": "json"}).json()["paths"]

    base = "/api/participation/council/cases/{case_id}/"
    assert "get" in paths["/api/participation/council/cases/"]
    assert "get" in paths[base]
    for action in ("transitions", "assignment", "answer"):
        operation = paths[f"{base}{action}/"]["post"]
        schema = operation["requestBody"]["content"]["application/json"]["schema"]
        assert "expected_version" in schema["required"]
        assert {"403", "409"} <= set(operation["responses"])
    assert "get" in paths["/api/participation/council/reports/monthly/"]
    assert "get" in paths["/api/participation/accountability/"]


def test_a_refusal_speaks_english_when_asked(council):
    case = set_case(make_complaint().case, status=Status.CLOSED)

    response = council.post(
        url("transition", case.pk),
        {"to_status": "received", "expected_version": case.version},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 409
    assert response.json()["error"] == "A case cannot go from “Closed” to “Received”."


def test_council_reads_are_never_kept_by_shared_caches(council):
    response = council.get(url("cases"))

    assert {part.strip() for part in response["Cache-Control"].split(",")} == {
        "private",
        "no-store",
    }
