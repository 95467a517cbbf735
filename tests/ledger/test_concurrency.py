"""Votes and submissions arriving at once take turns at the chain's head: one chain, no fork
(PostgreSQL, real threads, each with its own connection; SQLite lets one writer in anyway)."""

import pytest
from django.conf import settings

from participation import services as votes
from participation.feedback import services as feedback
from participation.ledger import chain
from participation.ledger.models import LedgerEntry, LedgerHead
from tests.participation.factories import UserFactory
from tests.participation.test_concurrency import run_at_once

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite serializes writes, so threads cannot race on it",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_forty_votes_at_once_make_one_unbroken_chain(poll):
    choice = poll.choices.first()
    citizens = UserFactory.create_batch(40)
    # The head row does not exist yet: the first entries also race to create it.
    assert not LedgerHead.objects.exists()
    jobs = [
        (lambda user=user: votes.cast_vote(poll, user=user, choices=[choice.pk]))
        for user in citizens
    ]

    outcomes = run_at_once(jobs)

    assert all(not isinstance(outcome, Exception) for outcome in outcomes), outcomes
    previous = list(LedgerEntry.objects.values_list("previous_hash", flat=True))
    assert len(previous) == len(set(previous)) == 40  # no two entries follow the same one
    assert chain.verify().count == 40


def test_votes_and_suggestions_at_once_are_all_in_the_chain(poll, box):
    choice = poll.choices.first()
    voters = UserFactory.create_batch(10)
    authors = UserFactory.create_batch(10)
    jobs = [
        (lambda user=user: votes.cast_vote(poll, user=user, choices=[choice.pk])) for user in voters
    ] + [
        (
            lambda user=user: feedback.submit_suggestion(
                box=box, title="پیشنهاد هم‌زمان", body=f"متن پيشنهاد {user.pk}", author=user
            )
        )
        for user in authors
    ]

    outcomes = run_at_once(jobs)

    assert all(not isinstance(outcome, Exception) for outcome in outcomes), outcomes
    kinds = list(LedgerEntry.objects.values_list("kind", flat=True))
    assert sorted(kinds) == sorted(
        [LedgerEntry.Kind.VOTE_CAST] * 10 + [LedgerEntry.Kind.SUGGESTION_RECEIVED] * 10
    )
    assert chain.verify().count == 20


def test_a_check_while_votes_come_in_sees_a_consistent_log(poll):
    choice = poll.choices.first()
    citizens = UserFactory.create_batch(20)
    jobs = [
        (lambda user=user: votes.cast_vote(poll, user=user, choices=[choice.pk]))
        for user in citizens
    ] + [chain.verify] * 5

    outcomes = run_at_once(jobs)

    assert all(not isinstance(outcome, Exception) for outcome in outcomes), outcomes
    assert chain.verify().count == 20
