"""Building tenders with a published history for the OCDS tests."""

import datetime

from django.utils import timezone

from cms.models import TenderIndexPage, TenderPage
from tests.cms.factories import TenderPageFactory


def make_tender(sections, **kwargs):
    return TenderPageFactory(parent=sections[TenderIndexPage], **kwargs)


def republish(page, **changes):
    """Apply ``changes`` to the live tender and publish them as a new revision."""
    page = TenderPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.full_clean()
    page.save_revision().publish()
    return TenderPage.objects.get(pk=page.pk)


def award(page, winner="شركت راه‌سازان ي ك", amount=11_900_000_000):
    return republish(
        page,
        status=TenderPage.Status.AWARDED,
        award_winner=winner,
        award_amount=amount,
        award_date=datetime.date(2024, 6, 1),
    )


def later_deadline(page, days=7):
    return republish(
        page,
        submission_deadline=page.submission_deadline + datetime.timedelta(days=days),
        change_note="تمدید مهلت به درخواست شرکت‌کنندگان",
    )


def aware(*args):
    return timezone.make_aware(datetime.datetime(*args))
