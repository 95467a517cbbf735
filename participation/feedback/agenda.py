"""A public suggestion put on a council meeting's agenda: the step from feedback to a debate."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.council.models import AgendaItem, MeetingPage
from participation.feedback.models import ReviewCase, ReviewTransition
from participation.feedback.workflow import TransitionRefused, locked_case


def add_to_agenda(case, meeting, *, actor, title="", description="", expected_version):
    """Put a public suggestion on a scheduled meeting's agenda; returns the new ``AgendaItem``.

    The item links back to the suggestion's page (``source_url``) and the case to the item,
    so once the council debates it the suggestion's page shows the motions and the resolution
    that came of it. The meeting page gets a new revision, published with it, so editing the
    meeting later keeps the item; a meeting with unpublished changes is refused, since
    publishing those is the editors' decision. Recorded in the public history.
    """
    title = (title or "").strip()
    with transaction.atomic():
        current = locked_case(case, expected_version)
        suggestion = current.item if current.kind == ReviewCase.Kind.SUGGESTION else None
        if suggestion is None:
            raise TransitionRefused(_("Only a suggestion can go on a meeting's agenda."))
        if not current.is_public:
            raise TransitionRefused(
                _("Only a public suggestion can go on a meeting's agenda: it is the item's source.")
            )
        if current.agenda_item_id:
            raise TransitionRefused(_("This suggestion is already on a meeting's agenda."))
        meeting = MeetingPage.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status != MeetingPage.Status.SCHEDULED or not meeting.live:
            raise TransitionRefused(
                _("Only a published meeting that is still scheduled takes new agenda items.")
            )
        if meeting.has_unpublished_changes:
            raise TransitionRefused(
                _("The meeting page has unpublished changes: publish or discard them first.")
            )
        title = title or suggestion.title
        if len(title) > AgendaItem._meta.get_field("title").max_length:
            raise TransitionRefused(_("The agenda item's title is too long."))
        last = meeting.agenda_items.order_by("-sort_order").values_list("sort_order", flat=True)
        item = AgendaItem.objects.create(
            meeting=meeting,
            title=title,
            description=(description or "").strip(),
            source_url=suggestion.get_full_url(),
            sort_order=(last.first() or 0) + 1,
        )
        # The revision is read from the database, so it holds the new item: later edits keep
        # it. Publishing only this item is the review permission's to grant, not page rights.
        revision = meeting.save_revision(user=actor, log_action=True, clean=False)
        revision.publish(user=actor, skip_permission_checks=True)
        now = timezone.now()
        ReviewCase.objects.filter(pk=current.pk).update(
            agenda_item=item, version=F("version") + 1, updated_at=now
        )
        ReviewTransition.objects.create(
            case=current,
            from_status=current.status,
            to_status=current.status,
            actor=actor,
            at=now,
            reason=_("Put on the agenda of “%(meeting)s”.") % {"meeting": meeting.title},
            note_is_public=True,
        )
    case.refresh_from_db()
    return item
