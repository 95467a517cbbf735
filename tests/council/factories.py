"""Factories for the council, with Persian text (Arabic ي ك, ZWNJ) and an XSS payload."""

import datetime

import factory
from django.utils import timezone

from cms.council.models import CouncilMemberPage, CouncilTerm, MeetingPage, Motion, Organization
from tests.cms.factories import PageFactory
from tests.conftest import XSS

TERM_START = datetime.date(2021, 8, 5)
TERM_END = datetime.date(2027, 8, 4)


class CouncilTermFactory(factory.django.DjangoModelFactory):
    number = factory.Sequence(lambda n: n + 6)
    start_date = TERM_START
    end_date = TERM_END

    class Meta:
        model = CouncilTerm


class OrganizationFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"كميسيون برنامه‌ و بودجه {n} {XSS}")
    classification = Organization.Classification.COMMITTEE

    class Meta:
        model = Organization


class CouncilMemberPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"مريم رضايي‌نيا {n} {XSS}")

    class Meta:
        model = CouncilMemberPage


class MeetingPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"جلسه‌ی عادي شماره‌ی {n} {XSS}")
    start = factory.Sequence(
        lambda n: (
            timezone.make_aware(datetime.datetime(2024, 6, 1, 16)) + datetime.timedelta(days=n)
        )
    )
    location = f"تالار شوراي شهر {XSS}"
    status = MeetingPage.Status.HELD

    class Meta:
        model = MeetingPage


class MotionFactory(factory.django.DjangoModelFactory):
    text = factory.Sequence(lambda n: f"طرح شماره‌ی {n}: بخشودگي جرايم عوارض {XSS}")

    class Meta:
        model = Motion
