"""When a followed page is published with a new change note, its followers are told.

Republishing to fix a typo tells nobody: only a change note that differs from the one the
page was last published with counts as news. The followers are told by a task after the
commit, so an editor's publish never waits on (or fails with) a thousand notifications.
"""

from django.db import transaction
from wagtail.models import PageLogEntry

from participation.follows.models import PageFollow
from participation.follows.tasks import tell_followers_task


def previous_change_note(page, revision):
    """The change note of the revision published before ``revision``, or ""."""
    earlier = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return (earlier.revision.content.get("change_note") or "") if earlier else ""


def tell_followers(sender, instance, revision=None, **kwargs):
    note = (getattr(instance, "change_note", "") or "").strip()
    if not note or not PageFollow.objects.filter(page_id=instance.pk).exists():
        return
    if note == previous_change_note(instance, revision).strip():
        return
    page_id = instance.pk
    transaction.on_commit(lambda: tell_followers_task.enqueue(page_id, note))
