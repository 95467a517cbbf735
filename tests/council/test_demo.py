"""The demo council loads once, is consistent, and links a motion to a demo resolution."""

import io

import pytest
from django.core.management import call_command

from cms.council.models import CouncilMemberPage, MeetingPage, Motion, Organization, Vote
from cms.models import LawIndexPage, LawPage
from tests.cms.factories import LawPageFactory

pytestmark = pytest.mark.django_db


def load_demo_council():
    out = io.StringIO()
    call_command("load_demo_council", stdout=out)
    return out.getvalue()


def council_counts():
    return (
        CouncilMemberPage.objects.count(),
        MeetingPage.objects.count(),
        Organization.objects.count(),
        Motion.objects.count(),
        Vote.objects.count(),
    )


def test_demo_council_loads_once_with_votes_and_a_linked_resolution(home, sections):
    resolution = LawPageFactory(
        parent=sections[LawIndexPage],
        kind=LawPage.Kind.COUNCIL_RESOLUTION,
        source_id="res-1403-amnesty",
    )
    assert "10 pages created" in load_demo_council()
    assert council_counts() == (7, 3, 4, 3, 21)
    assert Motion.objects.filter(resolution=resolution).count() == 1
    assert "already there" in load_demo_council()
    assert council_counts() == (7, 3, 4, 3, 21)
