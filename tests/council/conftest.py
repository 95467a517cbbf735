"""Fixtures for the council: its section, a term, the council body, members and meetings."""

import pytest

from cms.council.models import CouncilIndexPage, Membership, Organization, VoteOption
from cms.council.services import record_vote_event
from tests.council.factories import (
    TERM_START,
    CouncilMemberPageFactory,
    CouncilTermFactory,
    MeetingPageFactory,
    MotionFactory,
    OrganizationFactory,
)


@pytest.fixture
def council_index(home):
    """The council section a fresh site has (added through the register_site_section hook)."""
    return CouncilIndexPage.objects.child_of(home).get()


@pytest.fixture
def term(db):
    return CouncilTermFactory()


@pytest.fixture
def council(db):
    return OrganizationFactory(
        name="شوراي اسلامي شهر", classification=Organization.Classification.COUNCIL
    )


@pytest.fixture
def make_member(council_index, council):
    """``make_member(role=..., organization=..., **fields)``: a live member sitting on a body."""

    def make(role=Membership.Role.MEMBER, organization=None, start_date=TERM_START, **fields):
        member = CouncilMemberPageFactory(parent=council_index, **fields)
        Membership.objects.create(
            person=member, organization=organization or council, role=role, start_date=start_date
        )
        return member

    return make


@pytest.fixture
def make_meeting(council_index, term, council):
    def make(**fields):
        return MeetingPageFactory(
            parent=council_index,
            term=term,
            organization=fields.pop("organization", council),
            **fields,
        )

    return make


@pytest.fixture
def make_voted_motion(make_meeting):
    """``make_voted_motion(members, options, meeting=None)``: a motion with one recorded vote."""

    def make(members, options, meeting=None):
        meeting = meeting or make_meeting()
        motion = MotionFactory(meeting=meeting, proposer=members[0])
        record_vote_event(
            motion,
            result="pass",
            votes={
                member: VoteOption(option) for member, option in zip(members, options, strict=True)
            },
        )
        return motion

    return make
