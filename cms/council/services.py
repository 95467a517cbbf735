"""Council operations that span models: recording a vote, reading a meeting's or member's record."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q

from .models import Motion, Vote, VoteEvent, VoteOption
from .models.motions import not_a_member_message, voters_without_membership


def vote_events_with_votes():
    """Vote events with their votes and voters preloaded (for counts and vote tables)."""
    return VoteEvent.objects.prefetch_related(
        Prefetch("votes", queryset=Vote.objects.select_related("voter").order_by("voter__title"))
    )


def meeting_motions(meeting):
    """The motions of ``meeting`` with everything their vote tables show, in a fixed few queries."""
    return list(
        Motion.objects.filter(meeting=meeting)
        .select_related("agenda_item", "proposer", "resolution")
        .prefetch_related(Prefetch("vote_events", queryset=vote_events_with_votes()))
    )


@transaction.atomic
def record_vote_event(motion, *, result, votes, start=None):
    """Record one vote on ``motion``: ``votes`` maps member pages to a ``VoteOption``.

    Every voter must hold a membership of the meeting's body on the meeting day; otherwise
    nothing is saved and ``ValidationError`` names them.
    """
    meeting = motion.meeting
    outsiders = voters_without_membership(meeting, [member.pk for member in votes])
    if outsiders:
        names = ", ".join(member.title for member in votes if member.pk in outsiders)
        raise ValidationError(f"{not_a_member_message(meeting)} ({names})")
    event = VoteEvent(motion=motion, result=result)
    if start is not None:
        event.start = start
    event.full_clean()
    event.save()
    rows = [Vote(vote_event=event, voter=member, option=option) for member, option in votes.items()]
    for row in rows:
        row.full_clean(exclude=["vote_event"])
    Vote.objects.bulk_create(rows)
    return event


def attendance(member):
    """(vote events present at, vote events recorded) for ``member``: one query."""
    totals = Vote.objects.filter(voter=member).aggregate(
        recorded=Count("pk"), present=Count("pk", filter=~Q(option=VoteOption.ABSENT))
    )
    return totals["present"], totals["recorded"]


def member_votes(member):
    """``member``'s votes, newest first, with motion and meeting preloaded (paginate it)."""
    return (
        Vote.objects.filter(voter=member, vote_event__motion__meeting__live=True)
        .select_related("vote_event__motion__meeting")
        .order_by("-vote_event__start", "-pk")
    )
