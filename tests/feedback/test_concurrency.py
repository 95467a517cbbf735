"""Two council members acting on one case at once: only one wins (PostgreSQL, real threads)."""

import pytest
from django.conf import settings

from participation.feedback import services, workflow
from participation.feedback.models import ReviewCase, ReviewTransition
from tests.participation.factories import UserFactory
from tests.participation.test_concurrency import run_at_once

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite serializes writes, so threads cannot race on it",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_only_one_of_two_simultaneous_transitions_succeeds(box, citizen):
    case = services.submit_suggestion(box=box, title="پیشنهاد", body="متن", author=citizen).case
    reviewers = UserFactory.create_batch(8)
    version = case.version
    targets = [ReviewCase.Status.SCREENED, ReviewCase.Status.CLOSED] * 4
    jobs = [
        (
            lambda reviewer=reviewer, target=target: workflow.transition(
                ReviewCase.objects.get(pk=case.pk),
                target,
                actor=reviewer,
                expected_version=version,
            )
        )
        for reviewer, target in zip(reviewers, targets, strict=True)
    ]

    outcomes = run_at_once(jobs)

    winners = [outcome for outcome in outcomes if isinstance(outcome, ReviewCase)]
    assert len(winners) == 1, outcomes
    assert all(
        isinstance(outcome, workflow.StaleCase) for outcome in outcomes if outcome not in winners
    )
    case.refresh_from_db()
    assert case.version == version + 1
    assert ReviewTransition.objects.filter(case=case).count() == 2
