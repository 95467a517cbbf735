"""The council's review dashboard: who may use it, the queue, the case page's actions."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from participation.feedback import workflow
from participation.feedback.admin_views.forms import HideForm
from participation.feedback.models import ReviewCase
from participation.models import PollIndexPage
from tests.feedback.council_helpers import (
    make_complaint,
    make_reviewer,
    make_suggestion,
    set_case,
)
from tests.feedback.council_workflow_data import draftail
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
            "body": draftail("پاسخ رسمي شهرداری <script>x</script>"),
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


def hide(client, case, reason="توهين و شماره‌ی تلفن يك شهروند", version=None):
    return client.post(
        reverse("feedback_review:hide", args=[case.pk]),
        {"version": case.version if version is None else version, "reason": reason},
        follow=True,
    )


def public_views(client, suggestion):
    """(shown in its box's listing, status of its page, status of its API detail)."""
    listing = client.get(suggestion.box.url).content.decode()
    return (
        suggestion.title in listing,
        client.get(suggestion.get_absolute_url()).status_code,
        client.get(
            reverse("participation_api:feedback-suggestion-detail", args=[suggestion.pk])
        ).status_code,
    )


def test_a_hidden_suggestion_leaves_the_public_site(client, people, home):
    suggestion = make_suggestion("پيشنهاد ناشايست با نام‌ها")
    case = suggestion.case
    as_(client, people["council member"])

    hide(client, case)

    case.refresh_from_db()
    assert not case.is_public
    client.logout()
    assert public_views(client, suggestion) == (False, 404, 404)


def test_hiding_is_recorded_in_the_history_with_its_reason(client, people, home):
    case = make_suggestion().case
    as_(client, people["council member"])

    hide(client, case, reason="داده‌هاي شخصي در متن")

    step = case.transitions.order_by("at", "pk").last()
    assert step.from_status == step.to_status == case.status
    assert "داده‌هاي شخصي در متن" in step.reason
    assert step.actor == people["council member"]
    assert not step.note_is_public


def test_the_tracking_page_of_a_hidden_suggestion_shows_no_text_or_reason(client, people, home):
    suggestion = make_suggestion("پيشنهاد ناشايست با نام‌ها")
    as_(client, people["council member"])
    hide(client, suggestion.case, reason="داده‌هاي شخصي در متن")
    client.logout()

    response = client.get(reverse("feedback:track"), {"code": suggestion.case.tracking_code})

    html = response.content.decode()
    assert response.status_code == 200
    assert suggestion.title not in html and "داده‌هاي شخصي" not in html


def test_showing_a_hidden_suggestion_again_brings_it_back(client, people, home):
    suggestion = make_suggestion()
    as_(client, people["council member"])
    hide(client, suggestion.case)
    suggestion.case.refresh_from_db()

    client.post(
        reverse("feedback_review:show", args=[suggestion.case.pk]),
        {"version": suggestion.case.version, "reason": ""},
    )

    suggestion.case.refresh_from_db()
    assert suggestion.case.is_public
    client.logout()
    assert public_views(client, suggestion) == (True, 200, 200)


@pytest.mark.parametrize("who", ["citizen", "editor"])
def test_hiding_is_refused_without_the_review_permission(client, people, who, home):
    case = make_suggestion().case
    as_(client, people[who])

    response = client.post(
        reverse("feedback_review:hide", args=[case.pk]),
        {"version": case.version, "reason": "هرزنامه"},
    )

    # Wagtail answers a refusal with a redirect (see the permission tests above), not a 403.
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.is_public and not case.transitions.filter(reason__contains="هرزنامه").exists()


def test_hiding_without_a_reason_is_refused_with_a_clear_message(client, people, home):
    case = make_suggestion().case
    version = case.version
    as_(client, people["council member"])

    response = hide(client, case, reason="  ")

    case.refresh_from_db()
    assert case.is_public and case.version == version
    missing = str(HideForm.base_fields["reason"].error_messages["required"])
    assert any(missing in str(message) for message in response.context["messages"])


def test_hiding_from_a_stale_page_is_refused(client, people, reviewer, home):
    case = make_suggestion().case
    seen_version = case.version
    workflow.transition(
        case, ReviewCase.Status.SCREENED, actor=reviewer, expected_version=seen_version
    )
    as_(client, people["council member"])

    response = hide(client, case, version=seen_version)

    case.refresh_from_db()
    assert case.is_public
    stale = str(workflow.STALE_MESSAGE)
    assert any(stale in str(message) for message in response.context["messages"])


def test_a_complaint_cannot_be_shown_on_the_site(client, people):
    case = make_complaint().case
    as_(client, people["council member"])

    page = client.get(reverse("feedback_review:case", args=[case.pk]))
    client.post(reverse("feedback_review:show", args=[case.pk]), {"version": case.version})

    assert page.context["visibility_form"] is None
    case.refresh_from_db()
    assert not case.is_public
