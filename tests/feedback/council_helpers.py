"""Data for the council-side tests (Open311, API, dashboard, reports, reminders).

Cases are made as the feedback app stores them, with chosen dates, so that figures such as
medians and overdue shares can be checked exactly. Text is Persian with Arabic letters, ZWNJ
and an XSS payload; the citizen's personal data is in ``PERSONAL`` so tests can check that
it never comes out.
"""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms.models import Department, District, HomePage
from participation.feedback.models import (
    Complaint,
    ComplaintCategory,
    ReviewCase,
    Suggestion,
    SuggestionBoxPage,
    SuggestionIndexPage,
    SuggestionSupport,
)
from tests.conftest import XSS
from tests.participation.factories import UserFactory

PERSONAL = {
    "first_name": "فاطمه",
    "last_name": "كريمي‌نژاد",
    "email": "fatemeh.private@example.org",
    "phone": "09121234567",
}
_numbers = itertools.count(1)


def citizen():
    """The citizen whose personal data must never leak: one account, as an address has one."""
    existing = get_user_model().objects.filter(email=PERSONAL["email"]).first()
    return existing or UserFactory(
        first_name=PERSONAL["first_name"], last_name=PERSONAL["last_name"], email=PERSONAL["email"]
    )


def make_category(**fields):
    number = next(_numbers)
    fields.setdefault("service_code", f"service-{number}")
    fields.setdefault("name", f"روشنايي معابر {number}")
    fields.setdefault("description", f"خاموشی چراغ‌های خیابان {XSS}")
    fields.setdefault("keywords", "چراغ، روشنایی")
    return ComplaintCategory.objects.create(**fields)


def new_case(kind, *, received_at=None, department=None, district=None, **fields):
    received_at = received_at or timezone.now()
    prefix = ReviewCase.PREFIXES[kind]
    return ReviewCase.objects.create(
        kind=kind,
        tracking_code=f"{prefix}-{next(_numbers):06d}",
        received_at=received_at,
        due_at=fields.pop("due_at", received_at + datetime.timedelta(days=7)),
        department=department or Department.objects.get_or_create(name="خدمات شهري")[0],
        district=district,
        **fields,
    )


def make_complaint(category=None, *, address="", latitude=None, longitude=None, **case_fields):
    """A complaint by ``citizen()`` with personal contact details, in a new case."""
    case = new_case(ReviewCase.Kind.COMPLAINT, **case_fields)
    return Complaint.objects.create(
        case=case,
        category=category or make_category(),
        description=f"چاله‌ي بزرگ جلوی پلاک ۱۲ {XSS}",
        address=address,
        latitude=latitude,
        longitude=longitude,
        author=citizen(),
        contact_email=PERSONAL["email"],
        contact_phone=PERSONAL["phone"],
    )


def suggestion_box():
    """An open suggestion box under the suggestions section (made if missing) of the home page."""
    box = SuggestionBoxPage.objects.first()
    if box is not None:
        return box
    index = SuggestionIndexPage.objects.first()
    if index is None:
        index = SuggestionIndexPage(title="پیشنهادها", slug="suggestions")
        HomePage.objects.get().add_child(instance=index)
    box = SuggestionBoxPage(title="صندوق پیشنهاد حمل‌ونقل", slug="transport")
    index.add_child(instance=box)
    return box


def make_suggestion(title="پیاده‌راه خیابان اصلي", *, box=None, is_public=True, **case_fields):
    case = new_case(ReviewCase.Kind.SUGGESTION, is_public=is_public, **case_fields)
    return Suggestion.objects.create(
        box=box or suggestion_box(),
        case=case,
        title=title,
        body=f"پیشنهاد می‌کنم {XSS}",
        author=citizen(),
        contact_email=PERSONAL["email"],
    )


def set_case(case, **fields):
    """Set ``fields`` on ``case`` directly (dates the workflow would have set over weeks)."""
    ReviewCase.objects.filter(pk=case.pk).update(**fields)
    case.refresh_from_db()
    return case


def support(suggestion, count):
    SuggestionSupport.objects.bulk_create(
        SuggestionSupport(suggestion=suggestion, user=UserFactory()) for _ in range(count)
    )


def make_departments():
    return [Department.objects.create(name="آب و فاضلاب"), Department.objects.create(name="راه‌ها")]


def make_districts():
    return [District.objects.create(number=n, name=f"منطقه‌ی {n}") for n in (1, 2)]


def make_reviewer():
    """A council member (the group holds the review permission) with a mail address."""
    user = UserFactory(email="reviewer@example.org")
    user.groups.add(Group.objects.get(name="council member"))
    return user
