"""How a review case moves: the allowed transitions (data) and the only functions that move it.

Every change runs in one transaction that locks the case row (``select_for_update``) and checks
the version the actor saw, so two council members acting at once cannot both succeed: the
second gets ``StaleCase``. Every status change writes one ``ReviewTransition``, every change
of department, committee or assignee one ``ReviewAssignment``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.feedback import deadlines, response_documents
from participation.feedback.models import (
    OfficialResponse,
    OfficialResponseDocument,
    PollReview,
    ReviewCase,
    ReviewTransition,
)
from participation.feedback.models.cases import ReviewAssignment
from participation.sanitize import clean_html

Status = ReviewCase.Status

#: from status -> the statuses a case may move to from there.
ALLOWED = {
    Status.RECEIVED: (Status.SCREENED, Status.CLOSED),
    Status.SCREENED: (Status.ASSIGNED, Status.CLOSED),
    Status.ASSIGNED: (Status.UNDER_REVIEW, Status.SCREENED, Status.CLOSED),
    Status.UNDER_REVIEW: (Status.ANSWERED, Status.ASSIGNED, Status.CLOSED),
    Status.ANSWERED: (Status.CLOSED, Status.UNDER_REVIEW),
    Status.CLOSED: (),
}

#: ``assign(committee=UNCHANGED)``, the default, leaves the case's committee as it is.
UNCHANGED = object()

#: Poll results need no screening: they enter the queue already screened.
POLL_RESPONSE_DAYS = 15


class TransitionRefused(Exception):
    """A change the workflow does not allow; ``message`` is translated, for the reviewer."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class StaleCase(TransitionRefused):
    """The case changed since the actor loaded it (another reviewer acted first)."""

    def __init__(self, message=None):
        super().__init__(
            message or _("Someone else changed this case meanwhile. Reload it and try again.")
        )


STALE_MESSAGE = gettext_lazy("Someone else changed this case meanwhile. Reload it and try again.")


def allowed_transitions(case):
    """The statuses ``case`` may move to now, in the table's order."""
    return ALLOWED.get(case.status, ())


def locked_case(case, expected_version):
    """The case's row, locked until the transaction ends; StaleCase if it moved on."""
    current = ReviewCase.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleCase
    return current


def _label(status):
    return str(Status(status).label)


def _apply(current, to_status, *, actor, reason, decision, note_is_public, now):
    if to_status not in ALLOWED.get(current.status, ()):
        raise TransitionRefused(
            _("A case cannot go from “%(from)s” to “%(to)s”.")
            % {"from": _label(current.status), "to": _label(to_status)}
        )
    if to_status == Status.ANSWERED and not decision:
        raise TransitionRefused(_("Choose a decision to answer the case."))
    changes = {"status": to_status, "version": F("version") + 1, "updated_at": now}
    if to_status == Status.ANSWERED:
        changes.update(decision=decision, answered_at=now)
    elif to_status == Status.CLOSED:
        changes["closed_at"] = now
    elif current.status == Status.ANSWERED:
        # Reopened: the earlier answer no longer stands.
        changes.update(decision="", answered_at=None)
    ReviewCase.objects.filter(pk=current.pk).update(**changes)
    ReviewTransition.objects.create(
        case=current,
        from_status=current.status,
        to_status=to_status,
        decision=decision or "",
        actor=actor,
        at=now,
        reason=reason or "",
        note_is_public=note_is_public,
    )


def transition(
    case, to_status, *, actor, reason="", decision=None, expected_version, note_is_public=False
):
    """Move ``case`` to ``to_status``; ``case`` is refreshed. Raises TransitionRefused/StaleCase."""
    with transaction.atomic():
        current = locked_case(case, expected_version)
        _apply(
            current,
            to_status,
            actor=actor,
            reason=reason,
            decision=decision,
            note_is_public=note_is_public,
            now=timezone.now(),
        )
    case.refresh_from_db()
    return case


def assign(
    case,
    *,
    actor,
    department,
    assignee,
    expected_version,
    reason="",
    committee=UNCHANGED,
):
    """Give the case a department, a council committee (either or both) and an assignee.

    A screened case with an assignee becomes "assigned". ``committee`` must be a committee of
    the council (``cms.council`` ``Organization``) or None to take it off one; left out, the
    case keeps its committee. Every change of department, committee or assignee is recorded
    (``ReviewAssignment``); answered and closed cases are refused, since nobody is to work on
    them any more.
    """
    if committee not in (UNCHANGED, None) and not committee.is_committee:
        raise TransitionRefused(
            _("“%(name)s” is not a committee of the council.") % {"name": committee}
        )
    with transaction.atomic():
        current = locked_case(case, expected_version)
        if current.is_final:
            raise TransitionRefused(
                _("A case that is “%(status)s” cannot be assigned.")
                % {"status": _label(current.status)}
            )
        if committee is UNCHANGED:
            committee_id = current.committee_id
        else:
            committee_id = getattr(committee, "pk", None)
        now = timezone.now()
        if (current.department_id, current.committee_id, current.assignee_id) != (
            getattr(department, "pk", None),
            committee_id,
            getattr(assignee, "pk", None),
        ):
            ReviewCase.objects.filter(pk=current.pk).update(
                department=department,
                committee_id=committee_id,
                assignee=assignee,
                version=F("version") + 1,
                updated_at=now,
            )
            ReviewAssignment.objects.create(
                case=current,
                from_department_id=current.department_id,
                to_department=department,
                from_committee_id=current.committee_id,
                to_committee_id=committee_id,
                from_assignee_id=current.assignee_id,
                to_assignee=assignee,
                actor=actor,
                at=now,
                reason=reason or "",
            )
        if current.status in (Status.RECEIVED, Status.SCREENED) and assignee is not None:
            if current.status == Status.RECEIVED:
                _apply(
                    current,
                    Status.SCREENED,
                    actor=actor,
                    reason="",
                    decision=None,
                    note_is_public=False,
                    now=now,
                )
                current.status = Status.SCREENED
            _apply(
                current,
                Status.ASSIGNED,
                actor=actor,
                reason=reason,
                decision=None,
                note_is_public=False,
                now=now,
            )
    case.refresh_from_db()
    return case


def answer(
    case, *, actor, body, decision, documents=(), files=(), expected_version=None, reason=""
):
    """Publish the official response, mark the case answered and tell the submitter.

    ``documents`` are Wagtail documents already stored; ``files`` are uploads, checked
    (``response_documents.check``) and stored in the "council responses" collection only once
    the answer is allowed. Both are published with the response, documents first.
    """
    from participation.feedback import notifications

    files = list(files)
    try:
        response_documents.check(files)
    except ValidationError as error:
        raise TransitionRefused(error.messages[0]) from error
    with transaction.atomic():
        current = locked_case(case, expected_version)
        now = timezone.now()
        _apply(
            current,
            Status.ANSWERED,
            actor=actor,
            reason=reason,
            decision=decision,
            note_is_public=True,
            now=now,
        )
        # Officials write it, but it is published as is: sanitized like any HTML we show.
        response = OfficialResponse.objects.create(
            case=current, body=clean_html(body), author=actor, published_at=now
        )
        attached = [*documents, *response_documents.store(files, uploaded_by=actor)]
        OfficialResponseDocument.objects.bulk_create(
            OfficialResponseDocument(response=response, document=document, sort_order=index)
            for index, document in enumerate(attached)
        )
        case.refresh_from_db()
        notifications.case_answered(case)
    return response


def set_public(case, public, *, actor, reason="", expected_version):
    """Hide a suggestion from the public site (a reason is required) or show it again.

    Recorded as a step of the history that keeps the status (from == to) with the reason
    kept internal, so the tracking page never repeats why a text was taken down.
    """
    reason = reason.strip()
    if not public and not reason:
        raise TransitionRefused(_("Say why the suggestion is hidden from the public."))
    with transaction.atomic():
        current = locked_case(case, expected_version)
        if current.kind != ReviewCase.Kind.SUGGESTION:
            raise TransitionRefused(_("Only a suggestion can be hidden or shown on the site."))
        if current.is_public == public:
            raise TransitionRefused(
                _("The suggestion is already public.")
                if public
                else _("The suggestion is already hidden from the public.")
            )
        now = timezone.now()
        ReviewCase.objects.filter(pk=current.pk).update(
            is_public=public, version=F("version") + 1, updated_at=now
        )
        what = _("Shown to the public again") if public else _("Hidden from the public")
        ReviewTransition.objects.create(
            case=current,
            from_status=current.status,
            to_status=current.status,
            actor=actor,
            at=now,
            reason=f"{what}: {reason}" if reason else what,
            note_is_public=False,
        )
    case.refresh_from_db()
    return case


def open_case(
    kind,
    *,
    received_at=None,
    response_days,
    department=None,
    district=None,
    is_public=False,
    actor=None,
    status=Status.RECEIVED,
):
    """Create a case with its tracking code, deadline and first transition (call in atomic)."""
    from participation.feedback.tracking import new_tracking_code

    received_at = received_at or timezone.now()
    case = ReviewCase.objects.create(
        kind=kind,
        tracking_code=new_tracking_code(kind),
        status=status,
        department=department,
        district=district,
        received_at=received_at,
        due_at=deadlines.response_deadline(received_at, response_days),
        is_public=is_public,
    )
    ReviewTransition.objects.create(
        case=case, from_status="", to_status=status, actor=actor, at=received_at
    )
    return case


def open_case_for_poll(poll, *, actor=None):
    """Put a closed poll's results in the council's queue (once; returns the existing case)."""
    with transaction.atomic():
        existing = PollReview.objects.select_related("case").filter(poll=poll).first()
        if existing:
            return existing.case
        if poll.status() != poll.Status.CLOSED:
            raise TransitionRefused(_("A poll enters review only once it has closed."))
        case = open_case(
            ReviewCase.Kind.POLL,
            response_days=POLL_RESPONSE_DAYS,
            department=poll.responsible_department,
            is_public=True,
            actor=actor,
            status=Status.SCREENED,
        )
        PollReview.objects.create(case=case, poll=poll)
    return case
