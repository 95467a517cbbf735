"""The council's review dashboard: who may use it, the queue, the case page's actions."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from participation.feedback import workflow
from participation.feedback.models import ReviewCase
from participation.models import PollIndexPage
from tests.feedback.council_helpers import (
    make_complaint,
    make_reviewer,
    make_suggestion,
    set_case,
)
from tests.participation.factories import PollPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(db):
    return make_reviewer()


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
        "council member": in_group("council member"),
    }


def as_(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("anonymous", False), ("citizen", False), ("editor", False), ("council member", True)],
)
def test_queue_and_case_page_permissions(client, people, who, allowed):
    case = make_complaint().case
    as_(client, people[who])

    for target in (
        reverse("feedback_review:queue"),
        reverse("feedback_review:case", args=[case.pk]),
    ):
        response = client.get(target)
        if allowed:
            assert response.status_code == 200
        else:
            # Wagtail turns a refusal into a redirect: to its login for anonymous people,
            # to the dashboard (with "you do not have permission") for the others.
            assert response.status_code == 302
            assert response["Location"].startswith(
                "/admin/login/" if who == "anonymous" else "/admin/"
            )


@pytest.mark.parametrize("who", ["anonymous", "citizen", "editor"])
def test_actions_are_refused_without_the_review_permission(client, people, who, reviewer):
    case = make_complaint().case
    version = case.version
    as_(client, people[who])

    response = client.post(
        reverse("feedback_review:assign", args=[case.pk]),
        {"version": version, "assignee": reviewer.pk},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.assignee is None and case.version == version


def test_council_member_assigns_a_case(client, people, reviewer):
    case = make_complaint().case
    as_(client, people["council member"])

    response = client.post(
        reverse("feedback_review:assign", args=[case.pk]),
        {"version": case.version, "assignee": reviewer.pk},
        follow=True,
    )

    assert response.status_code == 200
    case.refresh_from_db()
    assert case.assignee == reviewer


def test_a_stale_form_is_refused_with_a_clear_message(client, people, reviewer):
    case = make_complaint().case
    seen_version = case.version
    as_(client, people["council member"])
    # Someone else assigns the case first, from the same page.
    client.post(
        reverse("feedback_review:assign", args=[case.pk]),
        {"version": seen_version, "assignee": reviewer.pk},
    )

    response = client.post(
        reverse("feedback_review:assign", args=[case.pk]),
        {"version": seen_version, "assignee": ""},
        follow=True,
    )

    case.refresh_from_db()
    assert case.assignee == reviewer  # the stale form changed nothing
    # The admin has no language prefix, so it speaks the site's language whatever the browser asks.
    stale = str(workflow.STALE_MESSAGE)
    assert any(stale in str(message) for message in response.context["messages"])


def test_council_member_answers_a_suggestion(client, people, home):
    suggestion = make_suggestion()
    case = set_case(suggestion.case, status=ReviewCase.Status.UNDER_REVIEW)
    as_(client, people["council member"])

    client.post(
        reverse("feedback_review:answer", args=[case.pk]),
        {
            "version": case.version,
            "body": "پاسخ رسمي شهرداری <script>x</script>",
            "decision": ReviewCase.Decision.choices[0][0],
        },
    )

    case.refresh_from_db()
    assert case.answered_at is not None
    assert case.responses.count() == 1


def test_bulk_assign(client, people, reviewer):
    cases = [make_complaint().case for _ in range(3)]
    as_(client, people["council member"])

    client.post(
        reverse("feedback_review:queue"),
        {"cases": [case.pk for case in cases[:2]], "assignee": reviewer.pk},
    )

    assigned = set(ReviewCase.objects.filter(assignee=reviewer).values_list("pk", flat=True))
    assert assigned == {cases[0].pk, cases[1].pk}


def test_bulk_assign_leaves_closed_cases_alone_and_says_so(client, people, reviewer):
    open_case, closed_case = make_complaint().case, make_complaint().case
    workflow.transition(
        closed_case, ReviewCase.Status.CLOSED, actor=reviewer, expected_version=None
    )
    as_(client, people["council member"])

    response = client.post(
        reverse("feedback_review:queue"),
        {"cases": [open_case.pk, closed_case.pk], "assignee": reviewer.pk},
        follow=True,
    )

    assert response.status_code == 200
    closed_case.refresh_from_db()
    assert closed_case.assignee is None
    assert ReviewCase.objects.get(pk=open_case.pk).assignee == reviewer
    shown = [str(message) for message in response.context["messages"]]
    assert any(closed_case.tracking_code in message for message in shown)


def test_bulk_assign_returns_to_the_queue_page_it_came_from(client, people, reviewer):
    case = make_complaint().case
    as_(client, people["council member"])
    queue_page = reverse("feedback_review:queue") + "?kind=complaint&p=2"

    response = client.post(
        reverse("feedback_review:queue"),
        {"cases": [case.pk], "assignee": reviewer.pk, "next": queue_page},
    )

    assert response.status_code == 302
    assert response["Location"] == queue_page


@pytest.mark.parametrize(
    "target", ["https://evil.example/phish", "//evil.example/phish", "/\\evil.example"]
)
def test_bulk_assign_never_redirects_to_another_site(client, people, reviewer, target):
    case = make_complaint().case
    as_(client, people["council member"])

    response = client.post(
        reverse("feedback_review:queue"),
        {"cases": [case.pk], "assignee": reviewer.pk, "next": target},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("feedback_review:queue")


def test_queue_filters_by_kind(client, people, home):
    complaint = make_complaint()
    suggestion = make_suggestion()
    as_(client, people["council member"])

    response = client.get(reverse("feedback_review:queue"), {"kind": complaint.case.kind})

    codes = [case.tracking_code for case in response.context["cases"]]
    assert codes == [complaint.case.tracking_code]
    assert suggestion.case.tracking_code not in codes


@pytest.mark.parametrize("count", [2, 12])
def test_queue_takes_a_constant_number_of_queries(
    client, people, count, django_assert_max_num_queries
):
    for _ in range(count):
        make_complaint()
    as_(client, people["council member"])
    client.get(reverse("feedback_review:queue"))  # warm the admin's per-user caches

    with django_assert_max_num_queries(30):
        response = client.get(reverse("feedback_review:queue"))
    assert response.status_code == 200


def test_a_closed_poll_case_shows_its_results(client, people, home):
    poll = PollPageFactory(
        parent=PollIndexPage.objects.child_of(home).get(),
        opens_at=timezone.now() - datetime.timedelta(days=10),
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    case = workflow.open_case_for_poll(poll)
    as_(client, people["council member"])

    response = client.get(reverse("feedback_review:case", args=[case.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="poll-chart"' not in content  # no votes, so no chart; the table is there
    assert "poll-results__table" in content
    assert "&lt;script&gt;" in content and "<script>alert" not in content


def test_queue_filters_overdue_cases(client, people):
    late = make_complaint(due_at=timezone.now() - datetime.timedelta(days=1))
    make_complaint(due_at=timezone.now() + datetime.timedelta(days=3))
    as_(client, people["council member"])

    response = client.get(reverse("feedback_review:queue"), {"overdue": "on"})

    assert [case.tracking_code for case in response.context["cases"]] == [late.case.tracking_code]
    assert "council-overdue" in response.content.decode()
