"""Reminders before the deadline and escalation after it: each sent once, however often run."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cms.models import Department
from participation.feedback.reminders import send_reminders
from tests.feedback.council_helpers import make_complaint, set_case
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=False)

DAY = datetime.timedelta(days=1)


def tehran(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def plain_calendar(settings):
    """Friday off, no holidays: Saturday 10 January 2026 is followed by two working days."""
    settings.SHAFAF_WEEKEND = (4,)
    settings.SHAFAF_HOLIDAYS = ()
    settings.SHAFAF_REVIEW_REMINDER_DAYS = 2


@pytest.fixture
def council(db):
    user = UserFactory(email="council@example.org")
    user.groups.add(Group.objects.get(name="council member"))
    return user


@pytest.fixture
def assignee(db):
    return UserFactory(email="assignee@example.org")


def run(django_capture_on_commit_callbacks, now=None):
    with django_capture_on_commit_callbacks(execute=True):
        return send_reminders(now=now)


def test_assignee_is_reminded_once_before_the_deadline(
    assignee, council, django_capture_on_commit_callbacks
):
    now = timezone.now()
    complaint = make_complaint()
    set_case(complaint.case, assignee=assignee, due_at=now + DAY)

    first = run(django_capture_on_commit_callbacks, now)
    second = run(django_capture_on_commit_callbacks, now)

    assert (first.reminded, second.reminded) == (1, 0)
    assert [message.to for message in mail.outbox] == [["assignee@example.org"]]
    assert complaint.case.tracking_code in mail.outbox[0].subject
    complaint.case.refresh_from_db()
    assert complaint.case.reminded_at is not None


def test_cases_far_from_their_deadline_are_not_reminded(
    assignee, django_capture_on_commit_callbacks
):
    complaint = make_complaint()
    set_case(complaint.case, assignee=assignee, due_at=timezone.now() + 30 * DAY)

    assert run(django_capture_on_commit_callbacks).reminded == 0
    assert mail.outbox == []


def test_overdue_case_is_escalated_to_the_council_once(council, django_capture_on_commit_callbacks):
    complaint = make_complaint()
    set_case(complaint.case, due_at=timezone.now() - DAY)

    first = run(django_capture_on_commit_callbacks)
    second = run(django_capture_on_commit_callbacks)

    assert (first.escalated, second.escalated) == (1, 0)
    assert len(mail.outbox) == 1
    assert "council@example.org" in mail.outbox[0].to
    complaint.case.refresh_from_db()
    assert complaint.case.escalated_at is not None


def test_answered_cases_are_never_escalated(council, django_capture_on_commit_callbacks):
    complaint = make_complaint()
    set_case(
        complaint.case,
        status="answered",
        due_at=timezone.now() - DAY,
        answered_at=timezone.now() - 2 * DAY,
    )

    assert run(django_capture_on_commit_callbacks).escalated == 0


def test_command_reports_what_it_sent(council, capsys, django_capture_on_commit_callbacks):
    complaint = make_complaint()
    set_case(complaint.case, due_at=timezone.now() - DAY)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders")

    output = capsys.readouterr().out.splitlines()
    assert "1 overdue case(s) escalated" in output[0]
    assert "0 overdue case(s) escalated" in output[1]
    assert len(mail.outbox) == 1


def test_the_morning_run_reminds_a_case_due_at_the_end_of_the_windows_last_day(
    assignee, plain_calendar, django_capture_on_commit_callbacks
):
    complaint = make_complaint()
    set_case(complaint.case, assignee=assignee, due_at=tehran(2026, 1, 12, 23, 59, 59))

    outcome = run(django_capture_on_commit_callbacks, tehran(2026, 1, 10, 6, 0))

    assert outcome.reminded == 1
    assert [message.to for message in mail.outbox] == [["assignee@example.org"]]


def test_the_morning_run_does_not_remind_a_case_due_the_day_after_the_window(
    assignee, plain_calendar, django_capture_on_commit_callbacks
):
    complaint = make_complaint()
    set_case(complaint.case, assignee=assignee, due_at=tehran(2026, 1, 13, 23, 59, 59))

    outcome = run(django_capture_on_commit_callbacks, tehran(2026, 1, 10, 6, 0))

    assert outcome.reminded == 0
    assert mail.outbox == []


def test_an_assignee_without_email_is_reminded_through_the_department(
    django_capture_on_commit_callbacks,
):
    department = Department.objects.create(name="معاونت خدمات شهري", email="services@example.org")
    complaint = make_complaint(department=department)
    set_case(complaint.case, assignee=UserFactory(email=""), due_at=timezone.now() + DAY)

    outcome = run(django_capture_on_commit_callbacks)

    assert outcome.reminded == 1
    assert [message.to for message in mail.outbox] == [["services@example.org"]]


def test_a_reminder_nobody_can_receive_is_left_for_a_later_run(
    django_capture_on_commit_callbacks,
):
    assignee = UserFactory(email="")
    complaint = make_complaint(department=Department.objects.create(name="راه‌ها"))
    set_case(complaint.case, assignee=assignee, due_at=timezone.now() + DAY)

    first = run(django_capture_on_commit_callbacks)
    complaint.case.refresh_from_db()
    assert (first.reminded, complaint.case.reminded_at) == (0, None)
    assignee.email = "assignee@example.org"
    assignee.save()
    second = run(django_capture_on_commit_callbacks)

    assert second.reminded == 1
    assert [message.to for message in mail.outbox] == [["assignee@example.org"]]


def test_escalation_mails_each_recipient_alone(council, django_capture_on_commit_callbacks):
    other = UserFactory(email="second.member@example.org")
    other.groups.add(Group.objects.get(name="council member"))
    department = Department.objects.create(name="آب و فاضلاب", email="water@example.org")
    complaint = make_complaint(department=department)
    set_case(complaint.case, due_at=timezone.now() - DAY)

    run(django_capture_on_commit_callbacks)

    assert sorted(message.to for message in mail.outbox) == [
        ["council@example.org"],
        ["second.member@example.org"],
        ["water@example.org"],
    ]
    assert all(message.cc == [] and message.bcc == [] for message in mail.outbox)
