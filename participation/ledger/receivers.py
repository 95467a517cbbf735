"""Signal receivers: participation events into the hash chain, moderation and council review
actions into Wagtail's audit log (``wagtail.log_actions.log``, shown in Reports › Site history).

They run in post_save / post_delete (votes: ``participation.signals.vote_recorded``), inside
the transaction that writes the event, so what is rolled back leaves no trace. ``raw`` saves
(loaddata) are not events and are skipped.
"""

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, log

from . import chain
from .models import LedgerEntry

Kind = LedgerEntry.Kind

# Wagtail log actions (their labels and messages are registered in wagtail_hooks.py).
APPROVE = "participation.moderation.approve"
HIDE = "participation.moderation.hide"
RESTORE = "participation.moderation.restore"
DISMISS_FLAG = "participation.moderation.dismiss_flag"
TRANSITION = "participation.review.transition"
ASSIGN = "participation.review.assign"
RESPOND = "participation.review.respond"

# Where a moderated item's state before a moderator's save is kept until post_save.
_BEFORE = "_ledger_moderation_before"


def connect():
    """Connect every receiver; called once from ``LedgerConfig.ready``."""
    from participation import signals
    from participation.comments.models import Comment, CommentFlag
    from participation.feedback.models import (
        Complaint,
        OfficialResponse,
        ReviewTransition,
        Suggestion,
    )
    from participation.feedback.models.cases import ReviewAssignment
    from participation.forums.models import Post, PostFlag
    from participation.models import Vote

    receivers = [
        (signals.vote_recorded, Vote, vote_recorded),
        (post_delete, Vote, vote_deleted),
        (post_save, Suggestion, suggestion_saved),
        (post_save, Complaint, complaint_saved),
        (post_save, OfficialResponse, response_saved),
        (post_save, ReviewTransition, transition_saved),
        (post_save, ReviewAssignment, assignment_saved),
        (pre_save, Comment, moderated_item_about_to_save),
        (pre_save, Post, moderated_item_about_to_save),
        (post_save, Comment, moderated_item_saved),
        (post_save, Post, moderated_item_saved),
        (post_delete, CommentFlag, flag_deleted),
        (post_delete, PostFlag, flag_deleted),
    ]
    for signal, sender, receiver in receivers:
        signal.connect(
            receiver, sender=sender, dispatch_uid=f"ledger.{receiver.__name__}.{sender.__name__}"
        )


def _person(scope, user_id):
    return chain.pseudonym(scope, f"user:{user_id}") if user_id is not None else None


def _origin(origin):
    """The model a deletion started from ("auth.user" when an account went), or None."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    meta = getattr(model, "_meta", None)
    return meta.label_lower if meta else None


# == The participation log ==


def _vote_payload(vote):
    scope = f"poll:{vote.poll_id}"
    if vote.voter_id is not None:
        voter = chain.pseudonym(scope, f"user:{vote.voter_id}")
    else:
        voter = chain.pseudonym(scope, f"device:{vote.device_id}")
    return {
        "poll": vote.poll_id,
        "vote": vote.pk,
        "voter": voter,
        "by_device": vote.device_id is not None,
    }


def vote_recorded(sender, vote, created, choice_ids, **kwargs):
    """A vote cast or changed, with the choices it holds (``participation.signals``)."""
    kind = Kind.VOTE_CAST if created else Kind.VOTE_CHANGED
    chain.append(kind, {**_vote_payload(vote), "choices": list(choice_ids)})


def vote_deleted(sender, instance, origin=None, **kwargs):
    """A vote that no longer counts; ``origin`` tells a vote deleted from one deleted with its
    poll ("participation.pollpage") or its voter's account row ("auth.user")."""
    chain.append(Kind.VOTE_WITHDRAWN, {**_vote_payload(instance), "origin": _origin(origin)})


def suggestion_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    chain.append(
        Kind.SUGGESTION_RECEIVED,
        {
            "suggestion": instance.pk,
            "case": instance.case_id,
            "box": instance.box_id,
            "author": _person(f"case:{instance.case_id}", instance.author_id),
            "content": chain.content_digest(instance.title, instance.body),
        },
    )


def complaint_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    chain.append(
        Kind.COMPLAINT_RECEIVED,
        {
            "complaint": instance.pk,
            "case": instance.case_id,
            "category": instance.category_id,
            "author": _person(f"case:{instance.case_id}", instance.author_id),
            # Contact details stay out even hashed: a phone number's hash is easy to reverse.
            "content": chain.content_digest(instance.description, instance.address),
        },
    )


def response_saved(sender, instance, created, raw=False, **kwargs):
    """An official response published (also logged for the case in Wagtail's audit log)."""
    if raw or not created:
        return
    chain.append(
        Kind.RESPONSE_PUBLISHED,
        {
            "response": instance.pk,
            "case": instance.case_id,
            "author": _person(f"case:{instance.case_id}", instance.author_id),
            "content": chain.content_digest(instance.body),
        },
    )
    log(
        instance.case,
        RESPOND,
        user=instance.author,
        timestamp=instance.published_at,
        data={"before": None, "after": {"response": instance.pk}},
    )


# == Wagtail's audit log: council review ==


def _named(obj):
    return {"id": obj.pk, "name": str(obj)} if obj is not None else None


def _staff(user):
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()} if user else None


def transition_saved(sender, instance, created, raw=False, **kwargs):
    """A case's status changed. A case's first transition is the submission itself (in the
    participation log), not a council action, so it is left out."""
    if raw or not created or not instance.from_status:
        return
    log(
        instance.case,
        TRANSITION,
        user=instance.actor,
        timestamp=instance.at,
        data={
            "before": {"status": instance.from_status},
            "after": {"status": instance.to_status, "decision": instance.decision},
            "reason": instance.reason,
            "reason_is_public": instance.note_is_public,
        },
    )


def assignment_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    log(
        instance.case,
        ASSIGN,
        user=instance.actor,
        timestamp=instance.at,
        data={
            "before": {
                "department": _named(instance.from_department),
                "assignee": _staff(instance.from_assignee),
            },
            "after": {
                "department": _named(instance.to_department),
                "assignee": _staff(instance.to_assignee),
            },
            "reason": instance.reason,
        },
    )


# == Wagtail's audit log: moderation of comments and forum posts ==


def moderated_item_about_to_save(sender, instance, update_fields=None, raw=False, **kwargs):
    """Keep the item's state before a moderator's decision, which is the save that sets
    ``moderated_by`` (``participation.moderation._decide``); other saves are not moderation."""
    if raw or instance.pk is None or not update_fields or "moderated_by" not in update_fields:
        return
    before = sender.objects.filter(pk=instance.pk).values("status", "hidden_reason").first()
    setattr(instance, _BEFORE, before)


def moderated_item_saved(sender, instance, created, **kwargs):
    from participation.moderation import Status

    before = instance.__dict__.pop(_BEFORE, None)
    if before is None:
        return
    if instance.status == Status.HIDDEN:
        action = HIDE
    elif before["status"] == Status.HIDDEN:
        action = RESTORE
    else:
        action = APPROVE
    log(
        instance,
        action,
        user=instance.moderated_by,
        timestamp=instance.moderated_at or timezone.now(),
        data={
            "before": before,
            "after": {"status": instance.status, "hidden_reason": instance.hidden_reason},
        },
    )


def flag_deleted(sender, instance, origin=None, **kwargs):
    """A flag a moderator dismissed in the admin.

    Flags store nobody's decision: dismissing one deletes it. So a deletion counts as a
    dismissal only when it was a deletion of flags (not of their item or their citizen's
    account) made in an admin request (where Wagtail knows the user) by someone who may
    moderate the item. A citizen erasing their own data does so on the public site.
    """
    from participation.moderation import can_moderate

    user = get_active_log_context().user
    if _origin(origin) != sender._meta.label_lower or user is None:
        return
    item = sender._meta.get_field("item").related_model.objects.filter(pk=instance.item_id).first()
    if item is None or not can_moderate(user, type(item)):
        return
    log(
        item,
        DISMISS_FLAG,
        user=user,
        data={
            "before": {"flag": instance.pk, "flagged_at": instance.created.isoformat()},
            "after": None,
        },
    )
