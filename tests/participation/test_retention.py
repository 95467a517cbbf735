"""Personal data is kept no longer than SHAFAF_PERSONAL_DATA_RETENTION_DAYS, the record stays."""

import datetime
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.utils import timezone

from cms.models import Department
from participation.accounts.models import Notification
from participation.feedback import services
from participation.feedback.models import (
    Complaint,
    ComplaintCategory,
    ReviewCase,
    ReviewTransition,
    SuggestionBoxPage,
    SuggestionIndexPage,
)
from participation.retention import purge_personal_data
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

OLD = datetime.timedelta(days=400)
RECENT = datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def retention(settings):
    settings.SHAFAF_PERSONAL_DATA_RETENTION_DAYS = 365


@pytest.fixture
def category(db):
    department = Department.objects.create(name="معاونت خدمات شهري")
    return ComplaintCategory.objects.create(
        name="روشنايي معابر", department=department, response_days=5
    )


@pytest.fixture
def open_box(home):
    index = SuggestionIndexPage.objects.child_of(home).get()
    box = SuggestionBoxPage(
        title="صندوق پیشنهاد محله",
        slug="box",
        opens_at=timezone.now() - datetime.timedelta(days=1),
        anonymity=SuggestionBoxPage.Anonymity.FULLY_ANONYMOUS,
    )
    index.add_child(instance=box)
    return box


def complaint(category, *, ended_ago=None, status=ReviewCase.Status.CLOSED):
    """A complaint with contact details; its case ended ``ended_ago`` (None: still open)."""
    filed = services.submit_complaint(
        category=category,
        description="چراغ كوچه‌ی شماره ۳ خاموش است",
        contact_email="shahrvand@example.org",
        contact_phone="09121234567",
    )
    if ended_ago is not None:
        end(filed.case, ended_ago, status)
    return filed


def end(case, ago, status):
    when = timezone.now() - ago
    field = "closed_at" if status == ReviewCase.Status.CLOSED else "answered_at"
    ReviewCase.objects.filter(pk=case.pk).update(status=status, **{field: when})


class TestComplaints:
    def test_contact_of_a_complaint_closed_before_the_period_is_cleared(self, category):
        old = complaint(category, ended_ago=OLD)

        purge_personal_data()

        old.refresh_from_db()
        assert (old.contact_email, old.contact_phone) == ("", "")

    def test_the_case_its_history_and_description_stay(self, category):
        old = complaint(category, ended_ago=OLD)

        purge_personal_data()

        old.refresh_from_db()
        assert old.description == "چراغ كوچه‌ی شماره ۳ خاموش است"
        assert ReviewCase.objects.filter(pk=old.case_id).exists()
        assert ReviewTransition.objects.filter(case_id=old.case_id).exists()

    def test_contact_of_a_complaint_closed_recently_is_kept(self, category):
        recent = complaint(category, ended_ago=RECENT)

        purge_personal_data()

        recent.refresh_from_db()
        assert recent.contact_email == "shahrvand@example.org"

    def test_an_open_case_keeps_its_contact_however_old(self, category):
        still_open = complaint(category)
        ReviewCase.objects.filter(pk=still_open.case_id).update(
            received_at=timezone.now() - OLD, due_at=timezone.now() - OLD
        )

        purge_personal_data()

        still_open.refresh_from_db()
        assert still_open.contact_phone == "09121234567"

    def test_contact_of_a_case_answered_before_the_period_is_cleared(self, category):
        answered = complaint(category, ended_ago=OLD, status=ReviewCase.Status.ANSWERED)

        purge_personal_data()

        answered.refresh_from_db()
        assert answered.contact_email == ""


def test_contact_of_an_anonymous_suggestion_answered_before_the_period_is_cleared(open_box):
    suggestion = services.submit_suggestion(
        box=open_box,
        title="نيمكت برای پارك",
        body="پارك محله‌ی ما نيمكت ندارد",
        contact_email="bi-nam@example.org",
        fully_anonymous=True,
    )
    end(suggestion.case, OLD, ReviewCase.Status.ANSWERED)

    purge_personal_data()

    suggestion.refresh_from_db()
    assert suggestion.contact_email == ""
    assert suggestion.body == "پارك محله‌ی ما نيمكت ندارد"


def failed_sign_in(ago, ip_address="203.0.113.7"):
    attempt = AccessAttempt.objects.create(
        username="shahrvand@example.org",
        ip_address=ip_address,
        user_agent="مرورگر",
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=timezone.now() - ago)
    return attempt


def test_failed_sign_ins_before_the_period_are_deleted_recent_ones_kept(db):
    old, recent = failed_sign_in(OLD), failed_sign_in(RECENT, "203.0.113.8")

    purge_personal_data()

    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessAttempt.objects.filter(pk=old.pk).exists()


def test_mailed_digest_notifications_before_the_period_are_deleted_unsent_kept(db):
    citizen = UserFactory()
    mailed = Notification.objects.create(user=citizen, subject="پاسخ شهرداری", message="متن")
    Notification.objects.filter(pk=mailed.pk).update(sent_at=timezone.now() - OLD)
    waiting = Notification.objects.create(user=citizen, subject="پاسخ تازه", message="متن")

    purge_personal_data()

    assert list(Notification.objects.values_list("pk", flat=True)) == [waiting.pk]


def test_a_shorter_retention_setting_purges_more(settings, category):
    recent = complaint(category, ended_ago=RECENT)
    settings.SHAFAF_PERSONAL_DATA_RETENTION_DAYS = 7

    purge_personal_data()

    recent.refresh_from_db()
    assert recent.contact_email == ""


def test_dry_run_counts_and_changes_nothing(category):
    old = complaint(category, ended_ago=OLD)
    failed_sign_in(OLD)
    out = StringIO()

    call_command("purge_personal_data", "--dry-run", stdout=out)

    old.refresh_from_db()
    assert old.contact_email == "shahrvand@example.org"
    assert AccessAttempt.objects.count() == 1
    assert "complaint contact details: 1 would be purged" in out.getvalue()
    assert "failed sign-in records: 1 would be purged" in out.getvalue()


def test_the_command_prints_counts_per_kind_and_a_rerun_purges_nothing(category):
    complaint(category, ended_ago=OLD)
    failed_sign_in(OLD)
    first, second = StringIO(), StringIO()

    call_command("purge_personal_data", stdout=first)
    call_command("purge_personal_data", stdout=second)

    assert "complaint contact details: 1 purged" in first.getvalue()
    assert "failed sign-in records: 1 purged" in first.getvalue()
    assert "2 item(s) purged, older than 365 day(s)." in first.getvalue()
    assert "0 item(s) purged" in second.getvalue()


def test_a_retention_of_zero_days_is_refused_and_changes_nothing(settings, category):
    recent = complaint(category, ended_ago=RECENT)
    settings.SHAFAF_PERSONAL_DATA_RETENTION_DAYS = 0

    with pytest.raises(CommandError, match="at least 1"):
        call_command("purge_personal_data", stdout=StringIO())

    recent.refresh_from_db()
    assert recent.contact_email == "shahrvand@example.org"


def test_accounts_of_citizens_are_not_touched(category):
    citizen = UserFactory(last_login=timezone.now() - OLD)
    Complaint.objects.filter(pk=complaint(category, ended_ago=OLD).pk).update(author=citizen)

    purge_personal_data()

    citizen.refresh_from_db()
    assert citizen.is_active
    assert Complaint.objects.get(author=citizen).contact_email == ""
