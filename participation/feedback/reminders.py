"""Daily reminders and escalation of cases that are nearly or already past their deadline.

- ``REMINDER_WORKING_DAYS`` working days before ``due_at``, the assignee is reminded once
  (``reminded_at`` records it); an assignee without an email address is reminded through the
  department's mailbox instead.
- Once ``due_at`` has passed without an answer, the case is escalated once (``escalated_at``
  records it, which is what "marked overdue" means in the queue), each recipient in a mail of
  their own so no one sees the others' addresses, and always to the department's public
  mailbox when it has one. A case with a committee goes to the committee's chair of the day
  (``Organization.chair``, at the address on their member page), else to the chair of the
  council it belongs to; a case without a committee, or whose chairs have no address, to every
  active account of the "council member" group.

Running it twice a day, or after a crash, sends nothing twice: each case is claimed with a
conditional update before its mail is queued, and mail goes after the commit.
"""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cms.templatetags.shafaf import jalali
from participation.feedback import deadlines
from participation.feedback.models import ReviewCase
from participation.feedback.tasks import send_review_mail
from participation.roles import COUNCIL_MEMBER

REMINDER_WORKING_DAYS = 2


@dataclass
class Outcome:
    reminded: int = 0
    escalated: int = 0


def reminder_days():
    return getattr(settings, "SHAFAF_REVIEW_REMINDER_DAYS", REMINDER_WORKING_DAYS)


def unanswered():
    return ReviewCase.objects.open()


def due_for_reminder(now):
    """Unanswered, assigned cases due within the next reminder window, not yet reminded.

    The window runs to the end of its last working day, as deadlines do: a case due on
    Monday (23:59:59) with two days' notice is reminded on Saturday's run, whatever its hour.
    """
    horizon = deadlines.response_deadline(now, reminder_days())
    return unanswered().filter(
        reminded_at__isnull=True,
        assignee__isnull=False,
        due_at__gte=now,
        due_at__lte=horizon,
    )


def due_for_escalation(now):
    """Unanswered cases past their deadline, not yet escalated."""
    return unanswered().filter(escalated_at__isnull=True, due_at__lt=now)


def _claim(case, field, now):
    """Mark ``case`` as handled for ``field``; False when another run already did."""
    return bool(
        ReviewCase.objects.filter(pk=case.pk, **{f"{field}__isnull": True}).update(**{field: now})
    )


def _case_url(case):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "feedback_review:case", args=[case.pk]
    )


def _mail(recipients, subject, message):
    """Queue one mail per address after the commit: council members and departments are not
    told each other's addresses."""
    for address in sorted({address for address in recipients if address}):
        transaction.on_commit(
            partial(send_review_mail.enqueue, [address], str(subject), str(message))
        )


def council_addresses():
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=COUNCIL_MEMBER)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def chair_address(committee):
    """The committee's chair's address, else its council's chair's; empty when neither has one."""
    for body in (committee, committee.parent):
        chair = body.chair() if body else None
        if chair and chair.email:
            return chair.email
    return ""


def escalation_addresses(case, council, chairs):
    """Who is told ``case`` is overdue; ``chairs`` caches a committee's chair for the run."""
    department_mail = case.department.email if case.department else ""
    if case.committee_id:
        if case.committee_id not in chairs:
            chairs[case.committee_id] = chair_address(case.committee)
        if chairs[case.committee_id]:
            return [chairs[case.committee_id], department_mail]
    return [*council, department_mail]


def reminder_addresses(case):
    """Who is reminded of ``case``: its assignee, else the department's mailbox.

    With neither, the case is left unclaimed, so a later run reminds it once an address is
    set; if none ever is, escalation still reaches the council once the deadline passes.
    """
    if case.assignee.email:
        return [case.assignee.email]
    if case.department and case.department.email:
        return [case.department.email]
    return []


def send_reminders(now=None):
    """Remind and escalate what is due; return how many of each were sent."""
    now = now or timezone.now()
    outcome = Outcome()
    with override(settings.LANGUAGE_CODE):
        for case in due_for_reminder(now).select_related("assignee", "department"):
            recipients = reminder_addresses(case)
            if not recipients:
                continue
            with transaction.atomic():
                if not _claim(case, "reminded_at", now):
                    continue
                _mail(
                    recipients,
                    _("Reminder: case %(code)s is due soon") % {"code": case.tracking_code},
                    _("The case %(code)s must be answered by %(due)s.\n\n%(url)s")
                    % {"code": case.tracking_code, "due": _due(case), "url": _case_url(case)},
                )
            outcome.reminded += 1
        council, chairs = council_addresses(), {}
        for case in due_for_escalation(now).select_related("department", "committee__parent"):
            with transaction.atomic():
                if not _claim(case, "escalated_at", now):
                    continue
                _mail(
                    escalation_addresses(case, council, chairs),
                    _("Overdue: case %(code)s has not been answered")
                    % {"code": case.tracking_code},
                    _("The case %(code)s was due on %(due)s and has not been answered.\n\n%(url)s")
                    % {"code": case.tracking_code, "due": _due(case), "url": _case_url(case)},
                )
            outcome.escalated += 1
    return outcome


def _due(case):
    return jalali(case.due_at)
