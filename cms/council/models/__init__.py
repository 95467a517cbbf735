"""The city council modelled after Popolo: people, organizations, memberships, meetings, votes.

Members and meetings are pages (the public reads them and search finds them); terms,
organizations (the council and its committees), motions and vote events are snippets.
"""

from .meetings import AgendaItem, CouncilIndexPage, MeetingMinutes, MeetingPage
from .members import CouncilMemberPage, Membership
from .motions import Motion, Vote, VoteEvent, VoteOption
from .organizations import CouncilTerm, Organization

__all__ = [
    "AgendaItem",
    "CouncilIndexPage",
    "CouncilMemberPage",
    "CouncilTerm",
    "MeetingMinutes",
    "MeetingPage",
    "Membership",
    "Motion",
    "Organization",
    "Vote",
    "VoteEvent",
    "VoteOption",
]
