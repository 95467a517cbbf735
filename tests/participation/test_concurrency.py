"""The one-vote rule under real concurrency: threads, each with its own PostgreSQL connection.

SQLite serializes every write behind one database lock, so racing there proves nothing:
these tests run on PostgreSQL only (./test.sh runs the suite there when it is reachable).
"""

import threading
import uuid

import pytest
from django.conf import settings
from django.db import connection

from participation import services
from participation.models import PollPage, Vote, VoteChoice
from tests.participation.factories import UserFactory, poll_choices

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite serializes writes, so threads cannot race on it",
    ),
    # Real commits, seen by every connection; the page tree is restored afterwards.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_at_once(jobs):
    """Run each callable in its own thread, released together; return results or exceptions."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def worker(position, job):
        try:
            barrier.wait(timeout=30)
            outcomes[position] = job()
        except Exception as error:  # noqa: BLE001 - the test inspects every outcome
            outcomes[position] = error
        finally:
            connection.close()  # this thread's own connection

    threads = [
        threading.Thread(target=worker, args=(position, job)) for position, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a voter thread hung"
    return outcomes


def test_sixty_citizens_voting_at_once_are_all_counted(make_poll):
    poll = make_poll(choices=poll_choices(3))
    choice_ids = list(poll.choices.values_list("pk", flat=True))
    citizens = UserFactory.create_batch(60)
    # Citizen n votes for choice n % 3: 20 votes each.
    jobs = [
        (lambda user=user, n=n: services.cast_vote(poll, user=user, choices=[choice_ids[n % 3]]))
        for n, user in enumerate(citizens)
    ]

    outcomes = run_at_once(jobs)

    assert [type(outcome) for outcome in outcomes] == [Vote] * 60
    results = services.poll_results(poll)
    assert results.total_votes == 60
    assert [row.votes for row in results.choices] == [20, 20, 20]


def test_same_vote_sent_twenty_times_at_once_counts_once(poll, citizen):
    choice = poll.choices.first()
    jobs = [lambda: services.cast_vote(poll, user=citizen, choices=[choice.pk])] * 20

    outcomes = run_at_once(jobs)

    assert sum(isinstance(outcome, Vote) for outcome in outcomes) == 1
    refusals = [outcome for outcome in outcomes if not isinstance(outcome, Vote)]
    assert all(isinstance(refusal, services.AlreadyVoted) for refusal in refusals), refusals
    assert Vote.objects.filter(poll=poll, voter=citizen).count() == 1
    assert VoteChoice.objects.filter(vote__poll=poll).count() == 1


def test_same_device_voting_twenty_times_at_once_counts_once(make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    choice = poll.choices.first()
    device = uuid.uuid4()
    jobs = [lambda: services.cast_vote(poll, device_id=device, choices=[choice.pk])] * 20

    outcomes = run_at_once(jobs)

    assert sum(isinstance(outcome, Vote) for outcome in outcomes) == 1
    assert Vote.objects.filter(poll=poll).count() == 1


def test_concurrent_changes_leave_one_vote_with_one_choice(make_poll, citizen):
    poll = make_poll(allow_vote_change=True, choices=poll_choices(4))
    choice_ids = list(poll.choices.values_list("pk", flat=True))
    jobs = [
        (lambda n=n: services.cast_vote(poll, user=citizen, choices=[choice_ids[n % 4]]))
        for n in range(20)
    ]

    outcomes = run_at_once(jobs)

    assert all(isinstance(outcome, Vote) for outcome in outcomes), outcomes
    vote = Vote.objects.get(poll=poll, voter=citizen)
    assert vote.selections.count() == 1
    assert services.poll_results(poll).total_votes == 1
