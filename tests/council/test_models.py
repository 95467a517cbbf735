"""Council invariants: who may vote, one vote each, counts from votes, dates within a term."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from cms.council.models import (
    AgendaItem,
    CouncilTerm,
    Membership,
    Motion,
    Organization,
    Vote,
    VoteEvent,
)
from cms.council.services import record_vote_event
from tests.council.factories import MotionFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_vote_by_a_non_member_is_refused_and_nothing_is_saved(
    make_member, make_meeting, council_index
):
    from tests.council.factories import CouncilMemberPageFactory

    member = make_member()
    outsider = CouncilMemberPageFactory(parent=council_index)  # no membership at all
    motion = MotionFactory(meeting=make_meeting())
    with translation.override("en"), pytest.raises(ValidationError, match="not a member"):
        record_vote_event(motion, result="pass", votes={member: "yes", outsider: "yes"})
    assert not VoteEvent.objects.exists()
    assert not Vote.objects.exists()


def test_vote_by_a_member_whose_membership_ended_before_the_meeting_is_refused(
    make_member, make_meeting
):
    member = make_member()
    member.memberships.update(end_date=datetime.date(2024, 1, 1))
    motion = MotionFactory(meeting=make_meeting())  # held in June 2024
    with pytest.raises(ValidationError):
        record_vote_event(motion, result="pass", votes={member: "yes"})


def test_council_members_outside_a_committee_cannot_vote_in_its_meeting(
    make_member, make_meeting, council
):
    committee = OrganizationFactory(parent=council)
    on_committee = make_member(organization=committee)
    council_only = make_member()
    motion = MotionFactory(meeting=make_meeting(organization=committee))
    record_vote_event(motion, result="pass", votes={on_committee: "yes"})
    with pytest.raises(ValidationError):
        record_vote_event(motion, result="pass", votes={council_only: "yes"})


def test_vote_model_validation_refuses_a_non_member(make_member, make_meeting, council_index):
    from tests.council.factories import CouncilMemberPageFactory

    member = make_member()
    outsider = CouncilMemberPageFactory(parent=council_index)
    event = record_vote_event(
        MotionFactory(meeting=make_meeting()), result="pass", votes={member: "yes"}
    )
    with pytest.raises(ValidationError) as refusal:
        Vote(vote_event=event, voter=outsider, option="no").full_clean()
    assert "voter" in refusal.value.message_dict


def test_second_vote_by_the_same_member_in_one_event_is_refused_by_the_database(
    make_member, make_voted_motion
):
    member = make_member()
    motion = make_voted_motion([member], ["yes"])
    event = motion.vote_events.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(vote_event=event, voter=member, option="no")
    assert event.votes.count() == 1


def test_counts_are_computed_from_the_votes(make_member, make_voted_motion):
    members = [make_member() for _ in range(5)]
    motion = make_voted_motion(members, ["yes", "yes", "no", "abstain", "absent"])
    event = motion.vote_events.get()
    counts = {option: value for option, _label, value in event.counts()}
    assert counts == {"yes": 2, "no": 1, "abstain": 1, "absent": 1}
    event.votes.filter(option="absent").update(option="yes")
    event = VoteEvent.objects.get(pk=event.pk)
    assert {option: value for option, _label, value in event.counts()}["yes"] == 3


def test_meeting_outside_its_term_is_refused(make_meeting, term):
    meeting = make_meeting()
    meeting.start = timezone.make_aware(datetime.datetime(2030, 1, 1, 10))
    with pytest.raises(ValidationError) as refusal:
        meeting.full_clean()
    assert "start" in refusal.value.message_dict


def test_meeting_must_end_after_it_starts(make_meeting):
    meeting = make_meeting()
    meeting.end = meeting.start - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as refusal:
        meeting.full_clean()
    assert "end" in refusal.value.message_dict


def test_term_must_end_after_it_starts(db):
    term = CouncilTerm(
        number=9, start_date=datetime.date(2025, 1, 1), end_date=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError):
        term.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        term.save()


def test_membership_cannot_end_before_it_starts(make_member, council):
    member = make_member()
    membership = Membership(
        person=member,
        organization=council,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError):
        membership.full_clean()


def test_committee_needs_the_council_it_belongs_to(db):
    with pytest.raises(ValidationError) as refusal:
        Organization(name="كميسيون عمران", classification="committee").full_clean()
    assert "parent" in refusal.value.message_dict


def test_motion_agenda_item_must_belong_to_its_meeting(make_meeting):
    first, second = make_meeting(), make_meeting()
    item = AgendaItem.objects.create(meeting=second, title="دستور جلسه‌ی ديگر")
    motion = Motion(meeting=first, agenda_item=item, text="طرح")
    with pytest.raises(ValidationError) as refusal:
        motion.full_clean()
    assert "agenda_item" in refusal.value.message_dict
