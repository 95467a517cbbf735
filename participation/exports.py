"""Participation's bulk exports: the results of closed polls whose results are public.

Registered into ``cms.exports`` from ``ParticipationConfig.ready()`` (cms imports nothing
from participation). One row per choice; how anyone voted is never in it.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.exports.datasets import Dataset, date_columns, page_columns

from .models import PollChoice, PollPage, Vote


def closed_polls_with_public_results():
    """Live public polls that have closed and whose results anyone may see once closed."""
    return (
        PollPage.objects.live()
        .public()
        .filter(closes_at__lte=timezone.now())
        .exclude(results_visibility=PollPage.ResultsVisibility.NEVER)
    )


def _choice_rows():
    votes = (
        Vote.objects.filter(poll=OuterRef("poll"))
        .order_by()
        .values("poll")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return PollChoice.objects.filter(poll__in=closed_polls_with_public_results()).annotate(
        vote_count=Count("selections", distinct=True),
        poll_votes=Coalesce(Subquery(votes), 0),
    )


def _percent(choice):
    return round(choice.vote_count * 100 / choice.poll_votes, 1) if choice.poll_votes else 0.0


DATASETS = [
    Dataset(
        "polls",
        _("Results of closed polls"),
        [
            *page_columns(lambda choice: choice.poll),
            *date_columns("opens_at", "closes_at", of=lambda choice: choice.poll),
            ("total_votes", lambda choice: choice.poll_votes),
            ("choice", lambda choice: choice.label),
            ("votes", lambda choice: choice.vote_count),
            ("percent", _percent),
        ],
        _choice_rows,
        ("poll", "poll__locale"),
        ("poll__tags",),
    ),
]
