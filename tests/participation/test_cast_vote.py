"""cast_vote: who may vote, on which choices, once, and changing a vote where allowed."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _

from participation import services
from participation.models import PollPage, Vote, VoteChoice
from tests.participation.factories import UserFactory, poll_choices

pytestmark = pytest.mark.django_db


def first_choice(poll):
    return poll.choices.first()


def test_citizen_vote_is_recorded_with_its_choice(poll, citizen):
    choice = first_choice(poll)

    vote = services.cast_vote(poll, user=citizen, choices=[choice.pk])

    assert vote.voter == citizen
    assert list(vote.choices.all()) == [choice]


def test_second_vote_by_same_citizen_is_refused(poll, citizen):
    first, second = list(poll.choices.all())[:2]
    services.cast_vote(poll, user=citizen, choices=[first.pk])

    with pytest.raises(services.AlreadyVoted) as refusal:
        services.cast_vote(poll, user=citizen, choices=[second.pk])

    assert refusal.value.status == 409
    assert list(Vote.objects.get().choices.all()) == [first]


def test_vote_is_changed_when_the_poll_allows_it(make_poll, citizen):
    poll = make_poll(allow_vote_change=True)
    first, second = list(poll.choices.all())[:2]
    services.cast_vote(poll, user=citizen, choices=[first.pk])

    vote = services.cast_vote(poll, user=citizen, choices=[second.pk])

    assert vote.changed_at is not None
    assert Vote.objects.count() == 1
    assert list(Vote.objects.get().choices.all()) == [second]


def test_anonymous_visitor_cannot_vote_in_a_citizens_poll(poll):
    with pytest.raises(services.NotEligible) as refusal:
        services.cast_vote(
            poll, user=AnonymousUser(), device_id=uuid.uuid4(), choices=[first_choice(poll).pk]
        )
    assert refusal.value.status == 403
    assert not Vote.objects.exists()


def test_inactive_account_cannot_vote(poll):
    user = UserFactory(is_active=False)
    with pytest.raises(services.NotEligible):
        services.cast_vote(poll, user=user, choices=[first_choice(poll).pk])


def test_unverified_account_is_refused_with_a_message_saying_how_to_verify(poll):
    user = UserFactory(profile__email_verified_at=None)
    with pytest.raises(services.NotEligible) as refusal:
        services.cast_vote(poll, user=user, choices=[first_choice(poll).pk])
    assert refusal.value.status == 403
    assert str(refusal.value.message) == _(
        "Confirm your email address to vote in this poll: open the link we mailed "
        "you, or ask for a new one on your account page."
    )
    assert not Vote.objects.exists()


def test_unverified_account_votes_in_a_poll_open_to_anyone(make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    user = UserFactory(profile__email_verified_at=None)
    vote = services.cast_vote(poll, user=user, choices=[first_choice(poll).pk])
    assert vote.voter == user


def test_device_votes_once_in_a_poll_open_to_anyone(make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    device = uuid.uuid4()
    vote = services.cast_vote(poll, device_id=device, choices=[first_choice(poll).pk])
    assert vote.by_device

    with pytest.raises(services.AlreadyVoted):
        services.cast_vote(poll, device_id=device, choices=[first_choice(poll).pk])
    services.cast_vote(poll, device_id=uuid.uuid4(), choices=[first_choice(poll).pk])
    assert Vote.objects.count() == 2


def test_signed_in_citizen_votes_as_a_citizen_in_a_poll_open_to_anyone(make_poll, citizen):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)

    vote = services.cast_vote(
        poll, user=citizen, device_id=uuid.uuid4(), choices=[first_choice(poll).pk]
    )

    assert vote.voter == citizen
    assert vote.device_id is None


def test_choice_of_another_poll_is_refused_and_nothing_is_saved(make_poll, citizen):
    poll, other = make_poll(), make_poll()

    with pytest.raises(services.InvalidChoices) as refusal:
        services.cast_vote(poll, user=citizen, choices=[first_choice(other).pk])

    assert refusal.value.status == 400
    assert not Vote.objects.exists()


def test_no_choice_is_refused(poll, citizen):
    with pytest.raises(services.InvalidChoices):
        services.cast_vote(poll, user=citizen, choices=[])


def test_non_numeric_choice_is_refused(poll, citizen):
    with pytest.raises(services.InvalidChoices):
        services.cast_vote(poll, user=citizen, choices=["یک"])


def test_single_choice_poll_takes_one_choice(poll, citizen):
    first, second = list(poll.choices.all())[:2]
    with pytest.raises(services.InvalidChoices):
        services.cast_vote(poll, user=citizen, choices=[first.pk, second.pk])
    assert not VoteChoice.objects.exists()


def test_multiple_choice_poll_takes_up_to_its_maximum(make_poll, citizen):
    poll = make_poll(multiple_choice=True, max_selections=2, choices=poll_choices(4))
    ids = list(poll.choices.values_list("pk", flat=True))

    with pytest.raises(services.InvalidChoices):
        services.cast_vote(poll, user=citizen, choices=ids[:3])
    vote = services.cast_vote(poll, user=citizen, choices=ids[:2])

    assert sorted(vote.choices.values_list("pk", flat=True)) == ids[:2]


def test_multiple_choice_without_maximum_takes_every_choice(make_poll, citizen):
    poll = make_poll(multiple_choice=True, choices=poll_choices(4))
    ids = list(poll.choices.values_list("pk", flat=True))

    vote = services.cast_vote(poll, user=citizen, choices=ids)

    assert vote.choices.count() == 4


def test_repeated_choice_counts_once(make_poll, citizen):
    poll = make_poll(multiple_choice=True)
    choice = first_choice(poll)

    vote = services.cast_vote(poll, user=citizen, choices=[choice.pk, choice.pk])

    assert vote.selections.count() == 1


def test_closed_poll_refuses_votes(make_poll, citizen):
    now = timezone.now()
    poll = make_poll(
        opens_at=now - datetime.timedelta(days=10), closes_at=now - datetime.timedelta(days=1)
    )
    with pytest.raises(services.PollNotOpen) as refusal:
        services.cast_vote(poll, user=citizen, choices=[first_choice(poll).pk])
    assert refusal.value.status == 403


def test_poll_that_has_not_opened_refuses_votes(make_poll, citizen):
    poll = make_poll(opens_at=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(services.PollNotOpen):
        services.cast_vote(poll, user=citizen, choices=[first_choice(poll).pk])


def test_results_count_votes_and_percentages_in_choice_order(make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE, choices=poll_choices(3))
    first, second, third = poll.choices.all()
    for choice in [first, first, first, second]:
        services.cast_vote(poll, user=UserFactory(), choices=[choice.pk])
    services.cast_vote(poll, device_id=uuid.uuid4(), choices=[second.pk])

    results = services.poll_results(poll)

    assert results.total_votes == 5
    assert results.device_votes == 1
    assert results.citizen_votes == 4
    assert [(row.choice_id, row.votes, row.percent) for row in results.choices] == [
        (first.pk, 3, 60.0),
        (second.pk, 2, 40.0),
        (third.pk, 0, 0.0),
    ]


def test_results_of_a_poll_without_votes_are_zero(poll):
    results = services.poll_results(poll)
    assert results.total_votes == 0
    assert {row.percent for row in results.choices} == {0.0}
