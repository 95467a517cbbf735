"""Personal data kept no longer than needed: purged once SHAFAF_PERSONAL_DATA_RETENTION_DAYS pass.

What goes is only what points to a person and is no longer of use: the contact details of
suggestions and complaints whose case ended long ago (the case, its history and its answer
stay: they are the public record), failed sign-in records with their raw IP addresses, and
copies of digest notifications already mailed. Citizens' accounts, votes, comments and the
participation log are never touched here.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from participation.accounts.models import Notification
from participation.feedback.models import Complaint, ReviewCase, Suggestion


def retention_cutoff(now=None):
    """The moment before which personal data is no longer kept."""
    days = settings.SHAFAF_PERSONAL_DATA_RETENTION_DAYS
    return (now or timezone.now()) - datetime.timedelta(days=days)


def _ended_before(cutoff):
    """Cases that ended before ``cutoff``: closed then, or answered then and not reopened.

    An answered case may still be reopened (workflow.py clears ``answered_at`` when it is),
    so only its current status and date count.
    """
    Status = ReviewCase.Status
    return Q(case__status=Status.CLOSED, case__closed_at__lt=cutoff) | Q(
        case__status=Status.ANSWERED, case__answered_at__lt=cutoff
    )


def _querysets(cutoff):
    """{kind: (queryset, how to purge it)}; each queryset holds only rows still to purge."""
    ended = _ended_before(cutoff)
    return {
        "suggestion contact details": (
            Suggestion.objects.filter(ended).exclude(contact_email=""),
            {"contact_email": ""},
        ),
        "complaint contact details": (
            Complaint.objects.filter(ended).exclude(contact_email="", contact_phone=""),
            {"contact_email": "", "contact_phone": ""},
        ),
        # django-axes: with the database handler, failed sign-ins (raw IP address, username).
        "failed sign-in records": (AccessAttempt.objects.filter(attempt_time__lt=cutoff), None),
        "sign-in failure log entries": (
            AccessFailureLog.objects.filter(attempt_time__lt=cutoff),
            None,
        ),
        # Disabled (AXES_DISABLE_ACCESS_LOG), but rows from before may remain.
        "sign-in log entries": (AccessLog.objects.filter(attempt_time__lt=cutoff), None),
        "sent digest notifications": (Notification.objects.filter(sent_at__lt=cutoff), None),
    }


def purge_personal_data(*, dry_run=False, now=None):
    """Clear or delete personal data older than the retention period; {kind: count}.

    Contact fields are cleared (the record stays); the other kinds are deleted. With
    ``dry_run`` nothing changes and the counts say what would be purged. Safe to re-run:
    what was purged is not counted again.
    """
    counts = {}
    with transaction.atomic():
        for kind, (queryset, cleared) in _querysets(retention_cutoff(now)).items():
            if dry_run:
                counts[kind] = queryset.count()
            elif cleared is not None:
                counts[kind] = queryset.update(**cleared)
            else:
                # Count the rows of this model only: cascades (axes' expirations) are not kinds.
                counts[kind] = queryset.delete()[1].get(queryset.model._meta.label, 0)
    return counts
