"""Submitting suggestions and complaints, and supporting suggestions.

The site's forms, the JSON API and Open311 all come here. Everything is checked first (text,
location, files), then the case, the item, its attachments and the first transition are
created in one transaction; the tracking code is mailed only after the commit.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from participation import uploads
from participation.accounts.services import is_verified_citizen
from participation.feedback import notifications, workflow
from participation.feedback.models import (
    Attachment,
    Complaint,
    ReviewCase,
    Suggestion,
    SuggestionBoxPage,
    SuggestionSupport,
)

TITLE_MAX = 200
TEXT_MAX = 5000


class SubmissionRefused(Exception):
    """Bad input; ``message`` is translated and ``field`` names the field it concerns, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def _text(value, field, *, required_message, max_length):
    value = (value or "").strip()
    if not value:
        raise SubmissionRefused(required_message, field)
    if len(value) > max_length:
        raise SubmissionRefused(
            _("Keep this under %(count)s characters.") % {"count": max_length}, field
        )
    return value


def _coordinate(value, field, limit):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise SubmissionRefused(_("Give the position as a number."), field) from None
    if not -limit <= number <= limit:
        raise SubmissionRefused(_("This position is outside the map."), field)
    return number


def _location(latitude, longitude):
    latitude = _coordinate(latitude, "latitude", 90)
    longitude = _coordinate(longitude, "longitude", 180)
    if (latitude is None) != (longitude is None):
        raise SubmissionRefused(_("Give both latitude and longitude, or neither."), "latitude")
    return latitude, longitude


def _files(files):
    try:
        return uploads.check_uploads(files)
    except ValidationError as error:
        raise SubmissionRefused(error.messages[0], "files") from None


def _store_attachments(case, checked_files, *, public):
    for checked in checked_files:
        Attachment.objects.create(
            case=case,
            file=checked.content,
            content_type=checked.content_type,
            size=checked.size,
            original_name=checked.original_name,
            is_public=public and checked.content_type.startswith("image/"),
        )


def submit_suggestion(
    *,
    box,
    title,
    body,
    author=None,
    contact_email="",
    show_author=False,
    fully_anonymous=False,
    latitude=None,
    longitude=None,
    district=None,
    files=(),
):
    """Put a suggestion in ``box``; returns it with its case. Raises SubmissionRefused."""
    if author is not None and not author.is_authenticated:
        author = None
    if not box.is_open():
        raise SubmissionRefused(_("This suggestion box is not open for suggestions."))
    if fully_anonymous and not box.allows_fully_anonymous:
        raise SubmissionRefused(
            _("This box does not take fully anonymous suggestions."), "fully_anonymous"
        )
    if author is None and not box.allows_fully_anonymous:
        raise SubmissionRefused(_("Sign in to send a suggestion to this box."))
    if box.anonymity != SuggestionBoxPage.Anonymity.NAMED or fully_anonymous:
        show_author = False
    title = _text(
        title, "title", required_message=_("Give your suggestion a title."), max_length=TITLE_MAX
    )
    body = _text(body, "body", required_message=_("Write your suggestion."), max_length=TEXT_MAX)
    latitude, longitude = _location(latitude, longitude)
    checked = _files(files)
    with transaction.atomic():
        case = workflow.open_case(
            ReviewCase.Kind.SUGGESTION,
            response_days=box.response_days,
            department=box.department,
            district=district,
            is_public=True,
            actor=None if fully_anonymous else author,
        )
        suggestion = Suggestion.objects.create(
            box=box,
            case=case,
            title=title,
            body=body,
            author=None if fully_anonymous else author,
            contact_email=(contact_email or "").strip(),
            show_author=bool(show_author),
            fully_anonymous=bool(fully_anonymous) or author is None,
            latitude=latitude,
            longitude=longitude,
        )
        _store_attachments(case, checked, public=True)
        notifications.case_received(case, suggestion)
    return suggestion


def submit_complaint(
    *,
    category,
    description,
    address="",
    latitude=None,
    longitude=None,
    district=None,
    files=(),
    submitter=None,
    contact_email="",
    contact_phone="",
    via=None,
):
    """File a complaint (anonymous when ``submitter`` is None); ``via`` is an API client."""
    if submitter is not None and not submitter.is_authenticated:
        submitter = None
    if category is None or not category.is_active:
        raise SubmissionRefused(_("Choose a category."), "category")
    description = _text(
        description, "description", required_message=_("Describe the problem."), max_length=TEXT_MAX
    )
    address = (address or "").strip()[:300]
    latitude, longitude = _location(latitude, longitude)
    checked = _files(files)
    with transaction.atomic():
        case = workflow.open_case(
            ReviewCase.Kind.COMPLAINT,
            response_days=category.response_days,
            department=category.department,
            district=district,
            is_public=False,
            actor=submitter or via,
        )
        complaint = Complaint.objects.create(
            case=case,
            category=category,
            description=description,
            address=address,
            latitude=latitude,
            longitude=longitude,
            author=submitter,
            contact_email=(contact_email or "").strip(),
            contact_phone=(contact_phone or "").strip()[:30],
        )
        _store_attachments(case, checked, public=False)
        notifications.case_received(case, complaint)
    return complaint


def support_suggestion(suggestion, user):
    """Record ``user``'s support; True if new, False if they had supported it already."""
    if not is_verified_citizen(user):
        raise SubmissionRefused(_("Only signed-in citizens with a confirmed email can support."))
    if suggestion.author_id == user.pk:
        raise SubmissionRefused(_("You cannot support your own suggestion."))
    try:
        with transaction.atomic():
            SuggestionSupport.objects.create(suggestion=suggestion, user=user)
    except IntegrityError:
        return False
    return True
