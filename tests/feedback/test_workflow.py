"""The review workflow: every allowed and refused transition, versions, answers, polls."""

import pytest
from django.urls import reverse
from django.utils import translation

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from cms.models import Department
from participation.feedback import services, workflow
from participation.feedback.models import ReviewCase, ReviewTransition
from participation.feedback.models.cases import ReviewAssignment
from tests.feedback.council_helpers import make_reviewer
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db
S = ReviewCase.Status

ALLOWED = [
    (S.RECEIVED, S.SCREENED),
    (S.RECEIVED, S.CLOSED),
    (S.SCREENED, S.ASSIGNED),
    (S.SCREENED, S.CLOSED),
    (S.ASSIGNED, S.UNDER_REVIEW),
    (S.ASSIGNED, S.SCREENED),
    (S.ASSIGNED, S.CLOSED),
    (S.UNDER_REVIEW, S.ASSIGNED),
    (S.UNDER_REVIEW, S.CLOSED),
    (S.ANSWERED, S.CLOSED),
    (S.ANSWERED, S.UNDER_REVIEW),
]
EVERY_PAIR = [(a, b) for a in S.values for b in S.values]
REFUSED = [
    pair
    for pair in EVERY_PAIR
    if pair not in ALLOWED and pair != (S.UNDER_REVIEW, S.ANSWERED)  # needs a decision
]


@pytest.fixture
def reviewer(db):
    return UserFactory()


@pytest.fixture
def case_at(box, citizen):
    """``case_at(status)``: a suggestion's case put straight into ``status``."""

    def make(status):
        suggestion = services.submit_suggestion(
            box=box, title="پیشنهاد", body="متن پیشنهاد", author=citizen
        )
        case = suggestion.case
        ReviewCase.objects.filter(pk=case.pk).update(status=status)
        case.refresh_from_db()
        return case

    return make


@pytest.mark.parametrize(("start", "target"), ALLOWED)
def test_allowed_transition_moves_the_case_and_records_it(case_at, reviewer, start, target):
    case = case_at(start)
    version = case.version

    workflow.transition(case, target, actor=reviewer, reason="بررسی شد", expected_version=version)

    case.refresh_from_db()
    assert case.status == target
    assert case.version == version + 1
    step = case.transitions.order_by("pk").last()
    assert (step.from_status, step.to_status, step.actor, step.reason) == (
        start,
        target,
        reviewer,
        "بررسی شد",
    )


@pytest.mark.parametrize(("start", "target"), REFUSED)
def test_refused_transition_changes_nothing_and_names_both_statuses(
    case_at, reviewer, start, target
):
    case = case_at(start)
    steps = ReviewTransition.objects.count()

    with pytest.raises(workflow.TransitionRefused) as refusal:
        workflow.transition(case, target, actor=reviewer, expected_version=case.version)

    assert str(S(start).label) in refusal.value.message
    assert str(S(target).label) in refusal.value.message
    case.refresh_from_db()
    assert case.status == start
    assert ReviewTransition.objects.count() == steps


def test_answering_needs_a_decision(case_at, reviewer):
    case = case_at(S.UNDER_REVIEW)
    with pytest.raises(workflow.TransitionRefused):
        workflow.transition(case, S.ANSWERED, actor=reviewer, expected_version=case.version)


def test_stale_version_is_refused(case_at, reviewer):
    case = case_at(S.RECEIVED)
    workflow.transition(case, S.SCREENED, actor=reviewer, expected_version=case.version)

    with pytest.raises(workflow.StaleCase):
        workflow.transition(case, S.CLOSED, actor=reviewer, expected_version=case.version - 1)
    case.refresh_from_db()
    assert case.status == S.SCREENED


def test_allowed_transitions_is_the_table(case_at):
    assert workflow.allowed_transitions(case_at(S.ANSWERED)) == (S.CLOSED, S.UNDER_REVIEW)
    assert workflow.allowed_transitions(case_at(S.CLOSED)) == ()


def test_assign_moves_a_received_case_to_assigned(case_at, reviewer, department):
    case = case_at(S.RECEIVED)

    workflow.assign(
        case,
        actor=reviewer,
        department=department,
        assignee=reviewer,
        expected_version=case.version,
    )

    assert (case.status, case.assignee, case.department) == (S.ASSIGNED, reviewer, department)
    assert list(case.transitions.values_list("to_status", flat=True)) == [
        S.RECEIVED,
        S.SCREENED,
        S.ASSIGNED,
    ]


@pytest.mark.parametrize("final", [S.ANSWERED, S.CLOSED])
def test_assigning_an_answered_or_closed_case_is_refused_and_changes_nothing(
    case_at, reviewer, department, final
):
    case = case_at(final)
    before = (case.department_id, case.assignee_id, case.version)

    with translation.override("en"), pytest.raises(workflow.TransitionRefused) as refusal:
        workflow.assign(
            case,
            actor=reviewer,
            department=Department.objects.create(name="معاونت فني و عمراني"),
            assignee=reviewer,
            expected_version=case.version,
        )

    with translation.override("en"):
        expected = f"A case that is “{S(final).label}” cannot be assigned."
    assert refusal.value.message == expected
    case.refresh_from_db()
    assert (case.department_id, case.assignee_id, case.version) == before
    assert not ReviewAssignment.objects.exists()


def test_every_reassignment_is_recorded_with_who_when_and_from_to(case_at, reviewer, department):
    case = case_at(S.UNDER_REVIEW)
    first, second = UserFactory(), UserFactory()
    roads = Department.objects.create(name="معاونت حمل‌ونقل و ترافيك")

    workflow.assign(
        case, actor=reviewer, department=department, assignee=first, expected_version=case.version
    )
    workflow.assign(
        case,
        actor=reviewer,
        department=roads,
        assignee=second,
        expected_version=case.version,
        reason="کار این معاونت است",
    )

    steps = list(ReviewAssignment.objects.filter(case=case).order_by("pk"))
    assert [
        (s.from_department, s.to_department, s.from_assignee, s.to_assignee, s.actor) for s in steps
    ] == [
        (department, department, None, first, reviewer),
        (department, roads, first, second, reviewer),
    ]
    assert steps[1].reason == "کار این معاونت است"
    assert steps[0].at <= steps[1].at
    assert case.status == S.UNDER_REVIEW  # reassigning keeps the review going


def test_case_page_offers_no_bare_button_for_answering(client, case_at):
    case = case_at(S.UNDER_REVIEW)
    client.force_login(make_reviewer())

    html = client.get(reverse("feedback_review:case", args=[case.pk])).content.decode()

    buttons = [status for status in S.values if f'name="to_status" value="{status}"' in html]
    assert buttons == [S.ASSIGNED, S.CLOSED]
    assert reverse("feedback_review:answer", args=[case.pk]) in html  # the answer form


def test_answer_publishes_the_response_and_notifies_the_author(
    case_at, reviewer, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    case = case_at(S.UNDER_REVIEW)
    with django_capture_on_commit_callbacks(execute=True):
        response = workflow.answer(
            case,
            actor=reviewer,
            body="<p>پذیرفته شد</p>",
            decision=ReviewCase.Decision.ACCEPTED,
            expected_version=case.version,
        )

    case.refresh_from_db()
    assert case.status == S.ANSWERED
    assert case.decision == ReviewCase.Decision.ACCEPTED
    assert case.answered_at is not None
    assert response.case == case
    assert [message.to for message in mailoutbox] == [[citizen.email]]
    assert case.tracking_code in mailoutbox[0].body


def test_reopening_an_answer_clears_the_decision(case_at, reviewer):
    case = case_at(S.UNDER_REVIEW)
    workflow.answer(case, actor=reviewer, body="<p>رد</p>", decision="rejected")
    workflow.transition(case, S.UNDER_REVIEW, actor=reviewer, expected_version=case.version)
    assert (case.decision, case.answered_at) == ("", None)


def test_closed_poll_enters_review_once(home, reviewer):
    import datetime

    from django.utils import timezone

    from participation.models import PollIndexPage
    from tests.participation.factories import PollPageFactory

    past = timezone.now() - datetime.timedelta(days=10)
    poll = PollPageFactory(
        parent=PollIndexPage.objects.child_of(home).get(),
        opens_at=past,
        closes_at=past + datetime.timedelta(days=2),
    )

    case = workflow.open_case_for_poll(poll, actor=reviewer)

    assert case.kind == ReviewCase.Kind.POLL
    assert case.tracking_code.startswith("PL-")
    assert case.item.poll == poll
    assert workflow.open_case_for_poll(poll) == case
    assert ReviewCase.objects.filter(kind=ReviewCase.Kind.POLL).count() == 1


def test_open_poll_does_not_enter_review(home):
    from participation.models import PollIndexPage
    from tests.participation.factories import PollPageFactory

    poll = PollPageFactory(parent=PollIndexPage.objects.child_of(home).get())
    with pytest.raises(workflow.TransitionRefused):
        workflow.open_case_for_poll(poll)
