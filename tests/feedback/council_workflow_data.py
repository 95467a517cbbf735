"""Council bodies, members and meetings for the feedback tests that reach into the council."""

import datetime
import json

from django.utils import timezone

from cms.council.models import CouncilIndexPage, MeetingPage, Membership, Organization
from tests.council.factories import (
    TERM_START,
    CouncilMemberPageFactory,
    CouncilTermFactory,
    MeetingPageFactory,
    OrganizationFactory,
)


def make_council():
    return OrganizationFactory(
        name="شوراي اسلامي شهر", classification=Organization.Classification.COUNCIL
    )


def make_committee(council, name="كميسيون عمران و حمل‌ونقل"):
    return OrganizationFactory(name=name, parent=council)


def seat(body, *, role=Membership.Role.MEMBER, email="", start_date=TERM_START, end_date=None):
    """A live member page holding ``role`` in ``body`` from ``start_date``."""
    member = CouncilMemberPageFactory(
        parent=CouncilIndexPage.objects.get(), email=email, title=f"زهرا كاظمي‌فر {body.pk}"
    )
    Membership.objects.create(
        person=member, organization=body, role=role, start_date=start_date, end_date=end_date
    )
    return member


def scheduled_meeting(organization, **fields):
    """A published meeting of ``organization`` a week from now, still scheduled."""
    fields.setdefault("start", timezone.now() + datetime.timedelta(days=7))
    return MeetingPageFactory(
        parent=CouncilIndexPage.objects.get(),
        term=CouncilTermFactory(),
        organization=organization,
        status=MeetingPage.Status.SCHEDULED,
        **fields,
    )


def draftail(text, *, bold=False):
    """What the Draftail editor posts for one paragraph of ``text``."""
    styles = [{"offset": 0, "length": len(text), "style": "BOLD"}] if bold else []
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": text,
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": styles,
                    "entityRanges": [],
                    "data": {},
                }
            ],
            "entityMap": {},
        }
    )
