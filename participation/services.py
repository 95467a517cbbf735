"""Operations of participation that span models: casting a vote and counting the results."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from participation.accounts.services import is_verified_citizen
from participation.models import PollChoice, PollPage, Vote, VoteChoice
from participation.signals import vote_recorded


class VoteRefused(Exception):
    """A vote that was not recorded; ``message`` tells the voter why, ``status`` the API."""

    status = 400
    code = "invalid"

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class InvalidChoices(VoteRefused):
    code = "invalid_choices"


class NotEligible(VoteRefused):
    status = 403
    code = "not_eligible"


class PollNotOpen(VoteRefused):
    status = 403
    code = "poll_not_open"


class AlreadyVoted(VoteRefused):
    status = 409
    code = "already_voted"


def voter_identity(poll, *, user=None, device_id=None):
    """``{"voter": user}`` or ``{"device_id": id}``: how this poll knows the voter.

    Signed-in people vote as themselves in every poll; a device votes only where the poll
    is open to anyone. Polls for citizens take only verified citizens (an active account
    whose email address is confirmed: ``accounts.services.is_verified_citizen``).
    """
    if user is not None and user.is_authenticated:
        if not user.is_active:
            raise NotEligible(_("This account cannot vote."))
        if not poll.open_to_anyone and not is_verified_citizen(user):
            raise NotEligible(
                _(
                    "Confirm your email address to vote in this poll: open the link we mailed "
                    "you, or ask for a new one on your account page."
                )
            )
        return {"voter": user}
    if poll.open_to_anyone and device_id is not None:
        return {"device_id": device_id}
    if poll.open_to_anyone:
        raise NotEligible(_("Your browser must accept cookies to vote in this poll."))
    raise NotEligible(_("Sign in to vote in this poll."))


def _checked_choice_ids(poll, choices):
    """The ids of ``choices`` (ids or PollChoice objects), checked against the poll's rules."""
    try:
        wanted = {int(getattr(choice, "pk", choice)) for choice in choices}
    except (TypeError, ValueError):
        raise InvalidChoices(_("Choices must be given by their numbers.")) from None
    if not wanted:
        raise InvalidChoices(_("Pick at least one choice."))
    poll_choices = set(PollChoice.objects.filter(poll=poll).values_list("pk", flat=True))
    if not wanted <= poll_choices:
        raise InvalidChoices(_("Some of these choices do not belong to this poll."))
    limit = poll.selection_limit(len(poll_choices))
    if len(wanted) > limit:
        raise InvalidChoices(
            ngettext(
                "Pick only one choice.",
                "Pick at most %(limit)d choices.",
                limit,
            )
            % {"limit": limit}
        )
    return sorted(wanted)


def cast_vote(poll, *, user=None, device_id=None, choices):
    """Record a vote in ``poll`` for ``choices`` and return it; raise VoteRefused if not allowed.

    The database keeps one vote per citizen (or device): a second vote fails on the unique
    constraint and is refused, or replaces the first where the poll allows changing one's
    vote. Everything happens in one transaction, so a refused vote leaves nothing behind.
    """
    identity = voter_identity(poll, user=user, device_id=device_id)
    if not poll.is_open():
        if poll.status() == PollPage.Status.UPCOMING:
            raise PollNotOpen(_("This poll is not open for voting yet."))
        raise PollNotOpen(_("This poll has closed."))
    choice_ids = _checked_choice_ids(poll, choices)
    with transaction.atomic():
        try:
            # A savepoint, so that the transaction survives the duplicate on PostgreSQL.
            with transaction.atomic():
                vote = Vote.objects.create(poll=poll, **identity)
            created = True
        except IntegrityError:
            vote, created = _vote_to_change(poll, identity), False
        VoteChoice.objects.bulk_create(
            VoteChoice(vote=vote, choice_id=choice_id) for choice_id in choice_ids
        )
        vote_recorded.send(Vote, vote=vote, created=created, choice_ids=choice_ids)
    return vote


def _vote_to_change(poll, identity):
    """The voter's earlier vote, locked and emptied of its choices, if it may be changed."""
    if not poll.allow_vote_change:
        raise AlreadyVoted(_("You have already voted in this poll."))
    # Locked, so that concurrent changes by the same voter take turns.
    vote = Vote.objects.select_for_update().get(poll=poll, **identity)
    vote.selections.all().delete()
    vote.changed_at = timezone.now()
    vote.save(update_fields=["changed_at"])
    return vote


def find_vote(poll, *, user=None, device_id=None):
    """The vote of this citizen or device in ``poll`` with its choices, or None."""
    if user is not None and user.is_authenticated:
        identity = {"voter": user}
    elif device_id is not None:
        identity = {"device_id": device_id}
    else:
        return None
    return Vote.objects.filter(poll=poll, **identity).prefetch_related("selections").first()


@dataclass(frozen=True)
class ChoiceResult:
    choice_id: int
    label: str
    votes: int
    percent: float  # of all voters: in multiple-choice polls the shares add up to over 100


@dataclass(frozen=True)
class PollResults:
    total_votes: int
    device_votes: int
    choices: list

    @property
    def citizen_votes(self):
        return self.total_votes - self.device_votes

    def as_json(self):
        return {
            "total_votes": self.total_votes,
            "citizen_votes": self.citizen_votes,
            "device_votes": self.device_votes,
            "choices": [
                {
                    "id": row.choice_id,
                    "label": row.label,
                    "votes": row.votes,
                    "percent": round(row.percent, 1),
                }
                for row in self.choices
            ],
        }


def poll_results(poll):
    """Votes per choice with percentages, in choice order: two queries, however many votes."""
    totals = Vote.objects.filter(poll=poll).aggregate(
        total=Count("pk"), devices=Count("pk", filter=Q(device_id__isnull=False))
    )
    rows = (
        PollChoice.objects.filter(poll=poll)
        .annotate(vote_count=Count("selections"))
        .order_by("sort_order", "pk")
        .values_list("pk", "label", "vote_count")
    )
    total = totals["total"]
    return PollResults(
        total_votes=total,
        device_votes=totals["devices"],
        choices=[
            ChoiceResult(pk, label, votes, votes * 100 / total if total else 0.0)
            for pk, label, votes in rows
        ],
    )
