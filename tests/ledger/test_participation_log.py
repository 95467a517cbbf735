"""Each participation event adds one entry to the chain, in the event's own transaction, with
no personal data in it."""

import json
import uuid

import pytest
from django.db import transaction

from participation import services as votes
from participation.accounts.data import erase_votes
from participation.feedback import services as feedback
from participation.feedback import workflow
from participation.feedback.models import ReviewCase
from participation.ledger import chain
from participation.ledger.models import LedgerEntry, LedgerHead
from participation.models import PollPage, Vote
from tests.ledger.conftest import COMPLAINT_TEXT, SUGGESTION_BODY, SUGGESTION_TITLE

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind


def kinds():
    return list(LedgerEntry.objects.values_list("kind", flat=True))


def vote_for(poll, citizen, number=0):
    return votes.cast_vote(poll, user=citizen, choices=[poll.choices.all()[number].pk])


def test_a_vote_cast_adds_a_vote_cast_entry(poll, citizen):
    vote = vote_for(poll, citizen)

    entry = LedgerEntry.objects.get()
    assert entry.kind == Kind.VOTE_CAST
    assert entry.payload["poll"] == poll.pk
    assert entry.payload["vote"] == vote.pk
    assert entry.payload["by_device"] is False
    assert entry.payload["choices"] == [poll.choices.all()[0].pk]


def test_a_changed_vote_adds_a_vote_changed_entry_with_the_same_voter(poll, citizen):
    vote_for(poll, citizen, 0)
    vote_for(poll, citizen, 1)

    cast, changed = LedgerEntry.objects.all()
    assert [cast.kind, changed.kind] == [Kind.VOTE_CAST, Kind.VOTE_CHANGED]
    assert changed.payload["voter"] == cast.payload["voter"]
    assert changed.payload["choices"] == [poll.choices.all()[1].pk]


def test_a_device_vote_is_marked_as_such(make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    votes.cast_vote(poll, device_id=uuid.uuid4(), choices=[poll.choices.first().pk])

    assert LedgerEntry.objects.get().payload["by_device"] is True


def test_a_deleted_vote_adds_a_vote_withdrawn_entry(poll, citizen):
    vote = vote_for(poll, citizen)
    vote_id = vote.pk

    vote.delete()

    withdrawn = LedgerEntry.objects.last()
    assert withdrawn.kind == Kind.VOTE_WITHDRAWN
    assert withdrawn.payload["vote"] == vote_id
    assert withdrawn.payload["origin"] == "participation.vote"


def test_votes_erased_with_their_citizens_data_are_withdrawn(poll, citizen):
    vote_for(poll, citizen)

    erase_votes(citizen)

    assert kinds() == [Kind.VOTE_CAST, Kind.VOTE_WITHDRAWN]
    assert not Vote.objects.exists()


def test_the_same_citizen_has_unrelated_pseudonyms_in_two_polls(make_poll, citizen):
    vote_for(make_poll(), citizen)
    vote_for(make_poll(), citizen)

    first, second = LedgerEntry.objects.all()
    assert first.payload["voter"] != second.payload["voter"]


def test_a_suggestion_received_adds_an_entry_with_a_digest_of_its_text(box, citizen):
    suggestion = feedback.submit_suggestion(
        box=box, title=SUGGESTION_TITLE, body=SUGGESTION_BODY, author=citizen
    )

    entry = LedgerEntry.objects.get()
    assert entry.kind == Kind.SUGGESTION_RECEIVED
    assert entry.payload["suggestion"] == suggestion.pk
    assert entry.payload["case"] == suggestion.case_id
    assert entry.payload["content"] == chain.content_digest(suggestion.title, suggestion.body)
    assert entry.payload["author"] == chain.pseudonym(
        f"case:{suggestion.case_id}", f"user:{citizen.pk}"
    )


def test_an_anonymous_suggestion_has_no_author(home, department, box):
    box.anonymity = box.Anonymity.FULLY_ANONYMOUS
    box.save()

    feedback.submit_suggestion(box=box, title=SUGGESTION_TITLE, body=SUGGESTION_BODY)

    assert LedgerEntry.objects.get().payload["author"] is None


def test_a_complaint_received_adds_an_entry(category, citizen):
    complaint = feedback.submit_complaint(
        category=category,
        description=COMPLAINT_TEXT,
        address="كوچه‌ی ۱۲",
        submitter=citizen,
        contact_email="ali.private@example.org",
        contact_phone="09121234567",
    )

    entry = LedgerEntry.objects.get()
    assert entry.kind == Kind.COMPLAINT_RECEIVED
    assert entry.payload["complaint"] == complaint.pk
    assert entry.payload["category"] == category.pk
    assert entry.payload["content"] == chain.content_digest(COMPLAINT_TEXT, "كوچه‌ی ۱۲")


def test_an_official_response_published_adds_an_entry(box, citizen, reviewer):
    case = feedback.submit_suggestion(
        box=box, title=SUGGESTION_TITLE, body=SUGGESTION_BODY, author=citizen
    ).case
    ReviewCase.objects.filter(pk=case.pk).update(status=ReviewCase.Status.UNDER_REVIEW)

    response = workflow.answer(
        case,
        actor=reviewer,
        body="<p>پیاده‌رو تا پایان ماه تعمیر مي‌شود.</p>",
        decision=ReviewCase.Decision.ACCEPTED,
    )

    entry = LedgerEntry.objects.last()
    assert entry.kind == Kind.RESPONSE_PUBLISHED
    assert entry.payload["response"] == response.pk
    assert entry.payload["content"] == chain.content_digest(response.body)


def test_entries_hold_no_personal_data_or_text(category, citizen):
    feedback.submit_complaint(
        category=category,
        description=COMPLAINT_TEXT,
        submitter=citizen,
        contact_email="ali.private@example.org",
        contact_phone="09121234567",
    )

    stored = json.dumps(list(LedgerEntry.objects.values()), default=str, ensure_ascii=False)
    for personal in ["ali.private@example.org", "09121234567", "علي", "كريمي‌نژاد", "چراغ"]:
        assert personal not in stored


def test_entries_are_numbered_and_chained(poll, citizen, box):
    vote_for(poll, citizen)
    feedback.submit_suggestion(
        box=box, title=SUGGESTION_TITLE, body=SUGGESTION_BODY, author=citizen
    )

    first, second = LedgerEntry.objects.all()
    assert [first.sequence, second.sequence] == [1, 2]
    assert first.previous_hash == "0" * 64
    assert second.previous_hash == first.entry_hash
    head = LedgerHead.objects.get()
    assert (head.sequence, head.entry_hash) == (2, second.entry_hash)


def test_a_vote_rolled_back_leaves_no_entry(poll, citizen):
    with pytest.raises(RuntimeError), transaction.atomic():
        vote_for(poll, citizen)
        raise RuntimeError("the request failed after the vote")

    assert not LedgerEntry.objects.exists()
    assert not LedgerHead.objects.filter(sequence__gt=0).exists()


def test_a_refused_second_vote_adds_no_entry(make_poll, citizen):
    poll = make_poll(allow_vote_change=False)
    vote_for(poll, citizen)

    with pytest.raises(votes.AlreadyVoted):
        vote_for(poll, citizen, 1)

    assert kinds() == [Kind.VOTE_CAST]
