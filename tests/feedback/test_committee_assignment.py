"""Cases given to a council committee: the workflow, the admin, escalation, the public pages."""

import datetime

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from cms.council.models import Membership
from participation.feedback import workflow
from participation.feedback.models import ReviewCase
from participation.feedback.models.cases import ReviewAssignment
from participation.feedback.reminders import send_reminders
from tests.conftest import XSS
from tests.feedback.council_helpers import make_complaint, make_reviewer, make_suggestion, set_case
from tests.feedback.council_workflow_data import make_committee, make_council, seat
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def council(home):
    return make_council()


@pytest.fixture
def committee(council):
    return make_committee(council, name=f"{COMMITTEE_NAME} {XSS}")


COMMITTEE_NAME = "كميسيون عمران و حمل‌ونقل"


@pytest.fixture
def reviewer(db):
    return make_reviewer()


def in_group(name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


def test_a_case_is_assigned_to_a_committee_and_the_change_recorded(committee, reviewer):
    case = make_complaint().case
    department = case.department

    workflow.assign(
        case,
        actor=reviewer,
        department=department,
        committee=committee,
        assignee=reviewer,
        expected_version=case.version,
    )

    assert (case.committee, case.department, case.status) == (committee, department, "assigned")
    step = ReviewAssignment.objects.get(case=case)
    assert (step.from_committee, step.to_committee) == (None, committee)


def test_a_committee_alone_is_enough(committee, reviewer):
    case = make_complaint().case
    set_case(case, department=None)

    workflow.assign(
        case,
        actor=reviewer,
        department=None,
        committee=committee,
        assignee=None,
        expected_version=case.version,
    )

    assert (case.committee, case.department) == (committee, None)


def test_assigning_without_naming_a_committee_keeps_the_case_s_committee(committee, reviewer):
    case = set_case(make_complaint().case, committee=committee)

    workflow.assign(
        case,
        actor=reviewer,
        department=case.department,
        assignee=reviewer,
        expected_version=case.version,
    )

    assert case.committee == committee


def test_the_council_itself_is_refused_as_a_committee_and_nothing_changes(council, reviewer):
    case = make_complaint().case
    version = case.version

    with pytest.raises(workflow.TransitionRefused) as refusal:
        workflow.assign(
            case,
            actor=reviewer,
            department=case.department,
            committee=council,
            assignee=reviewer,
            expected_version=version,
        )

    assert refusal.value.message == _("“%(name)s” is not a committee of the council.") % {
        "name": council.name
    }
    case.refresh_from_db()
    assert (case.committee, case.assignee, case.version) == (None, None, version)
    assert not ReviewAssignment.objects.exists()


def test_council_member_assigns_a_committee_in_the_admin(client, committee, reviewer):
    case = make_complaint().case
    client.force_login(in_group("council member"))

    client.post(
        reverse("feedback_review:assign", args=[case.pk]),
        {"version": case.version, "committee": committee.pk, "assignee": reviewer.pk},
    )
    page = client.get(reverse("feedback_review:case", args=[case.pk]))

    case.refresh_from_db()
    assert case.committee == committee
    assert COMMITTEE_NAME in page.content.decode()
    assert XSS not in page.content.decode()


def test_the_admin_refuses_a_body_that_is_not_a_committee(client, council, reviewer):
    case = make_complaint().case
    version = case.version
    client.force_login(in_group("council member"))

    response = client.post(
        reverse("feedback_review:assign", args=[case.pk]),
        {"version": version, "committee": council.pk, "assignee": reviewer.pk},
        follow=True,
    )

    errors = [str(message) for message in response.context["messages"]]
    invalid = forms.ModelChoiceField.default_error_messages["invalid_choice"]
    assert errors == [f"{_('Committee')}: {invalid}"]
    case.refresh_from_db()
    assert (case.committee, case.assignee, case.version) == (None, None, version)


@pytest.mark.parametrize("who", ["anonymous", "citizen", "editor"])
def test_only_council_members_assign_committees(client, committee, who):
    case = make_complaint().case
    version = case.version
    if who != "anonymous":
        client.force_login(in_group(who, is_staff=who == "editor"))

    client.post(
        reverse("feedback_review:assign", args=[case.pk]),
        {"version": version, "committee": committee.pk},
    )
    client.post(reverse("feedback_review:queue"), {"cases": [case.pk], "committee": committee.pk})

    case.refresh_from_db()
    assert (case.committee, case.version) == (None, version)


def test_the_queue_filters_by_committee(client, council, committee):
    other = make_committee(council, name="كميسيون فرهنگي")
    mine = set_case(make_complaint().case, committee=committee)
    theirs = set_case(make_complaint().case, committee=other)
    client.force_login(in_group("council member"))

    response = client.get(reverse("feedback_review:queue"), {"committee": committee.pk})

    assert [case.pk for case in response.context["cases"]] == [mine.pk]
    assert theirs.tracking_code not in response.content.decode()


@pytest.mark.parametrize("count", [2, 12])
def test_the_queue_with_committees_takes_a_constant_number_of_queries(
    client, committee, count, django_assert_max_num_queries
):
    for _number in range(count):
        set_case(make_complaint().case, committee=committee)
    client.force_login(in_group("council member"))
    client.get(reverse("feedback_review:queue"))  # warm the admin's per-user caches

    with django_assert_max_num_queries(17):
        response = client.get(reverse("feedback_review:queue"))

    assert len(response.context["cases"]) == count


def test_bulk_assign_gives_the_selected_cases_a_committee(client, committee, reviewer):
    cases = [make_complaint().case for _ in range(3)]
    set_case(cases[0], assignee=reviewer)
    client.force_login(in_group("council member"))

    client.post(
        reverse("feedback_review:queue"),
        {"cases": [case.pk for case in cases[:2]], "committee": committee.pk},
    )

    for case in cases:
        case.refresh_from_db()
    assert [case.committee for case in cases] == [committee, committee, None]
    assert cases[0].assignee == reviewer  # what the form left empty is kept


def test_the_tracking_and_suggestion_pages_name_the_committee(client, committee):
    suggestion = make_suggestion()
    set_case(suggestion.case, committee=committee)

    track = client.get(reverse("feedback:track"), {"code": suggestion.case.tracking_code})
    detail = client.get(suggestion.get_absolute_url())

    for response in (track, detail):
        assert response.status_code == 200
        assert COMMITTEE_NAME in response.content.decode()
        assert XSS not in response.content.decode()


# Escalation of overdue cases ------------------------------------------------------------


@pytest.fixture
def council_account(db):
    return in_group("council member", email="council@example.org")


def escalate(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send_reminders()


def overdue_case(committee=None):
    return set_case(make_complaint().case, committee=committee, due_at=timezone.now() - DAY)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_an_overdue_committee_case_goes_to_the_committee_s_chair(
    committee, council_account, django_capture_on_commit_callbacks
):
    seat(committee, role=Membership.Role.CHAIR, email="chair@example.org")
    seat(committee, role=Membership.Role.DEPUTY_CHAIR, email="deputy@example.org")
    overdue_case(committee)

    assert escalate(django_capture_on_commit_callbacks).escalated == 1
    assert recipients() == ["chair@example.org"]


def test_the_chair_of_the_day_is_told_not_a_former_one(
    committee, council_account, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    seat(
        committee,
        role=Membership.Role.CHAIR,
        email="former@example.org",
        end_date=today - DAY,
    )
    seat(committee, role=Membership.Role.CHAIR, email="chair@example.org", start_date=today)
    overdue_case(committee)

    escalate(django_capture_on_commit_callbacks)

    assert recipients() == ["chair@example.org"]
    assert committee.chair().email == "chair@example.org"


def test_a_committee_without_a_chair_falls_back_to_the_council_s_chair(
    council, committee, council_account, django_capture_on_commit_callbacks
):
    seat(council, role=Membership.Role.CHAIR, email="council.chair@example.org")
    overdue_case(committee)

    escalate(django_capture_on_commit_callbacks)

    assert recipients() == ["council.chair@example.org"]


def test_without_any_chair_s_address_the_whole_council_is_told(
    council, committee, council_account, django_capture_on_commit_callbacks
):
    seat(committee, role=Membership.Role.CHAIR, email="")
    overdue_case(committee)

    escalate(django_capture_on_commit_callbacks)

    assert recipients() == ["council@example.org"]


def test_a_case_without_a_committee_still_goes_to_the_council(
    committee, council_account, django_capture_on_commit_callbacks
):
    seat(committee, role=Membership.Role.CHAIR, email="chair@example.org")
    overdue_case()

    escalate(django_capture_on_commit_callbacks)

    assert recipients() == ["council@example.org"]


def test_the_department_mailbox_is_told_as_well_as_the_chair(
    committee, django_capture_on_commit_callbacks
):
    seat(committee, role=Membership.Role.CHAIR, email="chair@example.org")
    case = overdue_case(committee)
    case.department.email = "roads@example.org"
    case.department.save()

    escalate(django_capture_on_commit_callbacks)

    assert recipients() == ["chair@example.org", "roads@example.org"]
    assert all(len(message.to) == 1 for message in mail.outbox)
    assert ReviewCase.objects.get(pk=case.pk).escalated_at is not None
