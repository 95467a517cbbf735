"""The steps of a tender's or a law's life, in order, for cms/includes/_timeline.html.

Each page type has one function that reads its dates; the template only draws the steps.
A step is past when its day or moment has come (in Tehran time), future before that, and
pending when no date is known yet (a bid opening not scheduled, a tender not yet awarded).
"""

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Step:
    """One step; ``when`` is a date or an aware datetime, ``page`` a related live page."""

    label: str
    when: object = None
    note: str = ""
    page: object = None
    state: str = "pending"
    current: bool = False  # the next step to come


def _mark_next(steps):
    """The steps, the first future one marked as the one to come."""
    upcoming = next((step for step in steps if step.state == "future"), None)
    return [replace(step, current=True) if step is upcoming else step for step in steps]


def _step(label, when, now, *, note="", page=None):
    if when is None:
        state = "pending"
    elif isinstance(when, datetime.datetime):
        state = "past" if when <= now else "future"
    else:
        state = "past" if when <= timezone.localdate(now) else "future"
    return Step(label=label, when=when, note=note, page=page, state=state)


def _day(when):
    """Sort key: the Tehran calendar day of a date or a datetime."""
    if isinstance(when, datetime.datetime):
        return timezone.localdate(when)
    return when


def tender_timeline(tender, now=None):
    """Call published, submission deadline, bid opening, award and contract, in that order."""
    now = now or timezone.now()
    if tender.award_date:
        award_note = ""
    elif tender.status == tender.Status.CANCELLED:
        award_note = _("Cancelled")
    else:
        award_note = _("Not yet awarded")
    steps = [
        _step(
            pgettext_lazy("tender timeline: the call was published", "Published"),
            tender.publish_date,
            now,
        ),
        _step(_("Submission deadline"), tender.submission_deadline, now),
        _step(_("Bid opening"), tender.opening_date, now, note=_("Not yet scheduled")),
        _step(
            pgettext_lazy("tender timeline: the contract was awarded", "Award"),
            tender.award_date,
            now,
            note=award_note,
        ),
    ]
    if tender.contract_number:
        steps.append(
            _step(
                pgettext_lazy("tender timeline: the contract was signed", "Contract signed"),
                tender.contract_signed_date,
                now,
            )
        )
    return _mark_next(steps)


def _in_force_from(law):
    return law.effective_date or law.approval_date


def law_timeline(law, now=None):
    """Approval, publication on the portal, entry into force, amendments and repeal, by date.

    Texts that amend or repeal this one, or that this one amends or repeals, appear at the
    day the amending or repealing text takes effect (its approval day if none is stated).
    Only live texts are shown; that takes four queries, whatever the number of relations.
    """
    now = now or timezone.now()
    steps = [
        _step(
            pgettext_lazy("law timeline: the text was approved", "Approved"), law.approval_date, now
        )
    ]
    if law.first_published_at:
        published = timezone.localdate(law.first_published_at)
        steps.append(_step(_("Published on this portal"), published, now))
    if law.effective_date:
        steps.append(_step(_("Takes effect"), law.effective_date, now))
    for other in law.amends.all():
        if other.live:
            steps.append(_step(_("Amends"), _in_force_from(law), now, page=other))
    for other in law.amended_by.live():
        steps.append(_step(_("Amended by"), _in_force_from(other), now, page=other))
    for other in law.repeals.live():
        steps.append(_step(_("Repeals"), _in_force_from(law), now, page=other))
    if law.repealed_by_id and law.repealed_by.live:
        steps.append(
            _step(_("Repealed by"), _in_force_from(law.repealed_by), now, page=law.repealed_by)
        )
    # sorted() is stable: steps of the same day keep the order above.
    return _mark_next(sorted(steps, key=lambda step: _day(step.when)))
