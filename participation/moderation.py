"""What comments and forum posts share: a moderation status, citizens' flags, and the
moderators' decisions (approve, hide with a reason, restore), each told to the author.

Models here are abstract: every app keeps its own tables (``comments.Comment``,
``forums.Post``) and its own flag table, and registers its model with ``register`` so the
moderation queue in the Wagtail admin lists it.
"""

from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from participation import ratelimit
from participation.abuse import DuplicateSubmission, unique_submission
from participation.accounts.notifications import notify
from participation.api import error_response, json_errors
from participation.sanitize import clean_html, plain_text

BODY_MAX_LENGTH = 5000


class Status(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden by a moderator")


class Refused(Exception):
    """A write the rules refuse: ``message`` is for the citizen, ``status`` is HTTP's."""

    def __init__(self, message, code, status=403, retry_after=None):
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.status = status
        self.retry_after = retry_after


def check_rate(request, scope):
    """Count this write against ``scope``'s rate limit; raise Refused (429) when over."""
    try:
        ratelimit.check(request, scope)
    except ratelimit.RateLimited as limited:
        raise Refused(limited.message, "rate_limited", 429, limited.retry_after) from None


@contextmanager
def guarded_write(request, scope, *parts):
    """Wrap every public write once its input is valid: counts it against ``scope``'s rate
    limit and refuses the same text sent twice (both raise Refused), then runs the block.

    ``with guarded_write(request, "comment", page.pk, body): post_comment(...)``: the text
    counts as received only if the block finishes, so a write refused inside it (a thread
    locked meanwhile) can be sent again at once.
    """
    check_rate(request, scope)
    try:
        with unique_submission(request, scope, *parts):
            yield
    except DuplicateSubmission as duplicate:
        raise Refused(duplicate.message, "duplicate", 409) from None


class CitizenTextField(forms.CharField):
    """Citizen text that must still say something once its markup is cleaned."""

    def clean(self, value):
        value = super().clean(value)
        if value and not plain_text(clean_html(value)).strip():
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return value


def body_field(label):
    """The text field of a comment or post: required, limited markup, at most 5,000 characters."""
    return CitizenTextField(
        label=label,
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text; paragraphs, bold, italic, lists, quotes and links are kept."),
        error_messages={
            "required": _("Write something before sending."),
            "max_length": _("Keep it under %(limit_value)d characters (it has %(show_value)d)."),
        },
    )


def public_name(user):
    """How a citizen is shown: their chosen display name, never their real name or email."""
    profile = getattr(user, "citizen_profile", None) if user is not None else None
    if profile is not None and profile.display_name:
        return profile.display_name
    return gettext("Citizen")


class ModeratedContent(models.Model):
    """Abstract base of citizen text that moderators watch over.

    ``body`` is stored sanitized (``clean_html``), so every reader gets the same safe HTML.
    The author link is nullable: erasing a citizen's data keeps the public record's text.
    """

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"), max_length=BODY_MAX_LENGTH * 2)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    hidden_reason = models.TextField(
        _("reason for hiding"),
        blank=True,
        max_length=1000,
        help_text=_("Shown to the author of hidden text, not to others."),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited = models.DateTimeField(_("edited"), null=True, blank=True)

    # Set by subclasses: the permission that lets a user moderate this model.
    moderate_permission = ""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        super().save(*args, **kwargs)

    @property
    def author_name(self):
        return public_name(self.author)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    def is_visible_to(self, user):
        """Published text is public; pending and hidden text only to its author."""
        return self.is_published or (
            user is not None and user.is_authenticated and user.pk == self.author_id
        )

    def moderation_subject(self):
        """A short phrase naming the item in notifications and the queue."""
        raise NotImplementedError

    def get_absolute_url(self):
        raise NotImplementedError


class FlagBase(models.Model):
    """Abstract base of a citizen's report that an item breaks the rules.

    Subclasses add ``item`` (a ForeignKey to their moderated model) and a unique constraint
    on (item, citizen): one flag per citizen per item is held by the database.
    """

    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("citizen"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True


_moderated_models = []


def register(model, flag_model):
    """Add ``model`` (with its flag model) to the moderation queue; call in AppConfig.ready()."""
    if (model, flag_model) not in _moderated_models:
        _moderated_models.append((model, flag_model))


def moderated_models():
    """``[(model, flag_model)]`` in registration order."""
    return list(_moderated_models)


def can_moderate(user, model=None):
    """Whether ``user`` may moderate ``model`` (or, without one, any registered model)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    models_ = [model] if model is not None else [m for m, _flag in _moderated_models]
    return any(user.has_perm(m.moderate_permission) for m in models_)


def initial_status(pre_moderated):
    """The status new text starts in: pending where a moderator must approve it first."""
    return Status.PENDING if pre_moderated else Status.PUBLISHED


def flag(item, flag_model, citizen):
    """Record ``citizen``'s flag on ``item``; False if they had already flagged it."""
    try:
        with transaction.atomic():
            flag_model.objects.create(item=item, citizen=citizen)
    except IntegrityError:
        return False
    return True


def _decide(item, moderator, status, reason=""):
    if not can_moderate(moderator, type(item)):
        raise PermissionDenied
    with transaction.atomic():
        item.status = status
        item.hidden_reason = reason
        item.moderated_by = moderator
        item.moderated_at = timezone.now()
        item.save(update_fields=["status", "hidden_reason", "moderated_by", "moderated_at"])
    return item


def approve(item, moderator):
    """Publish pending text; the author is told it is now visible."""
    was_pending = item.status == Status.PENDING
    _decide(item, moderator, Status.PUBLISHED)
    _tell_author(item, _("Your text has been published: %(what)s"), "")
    if was_pending and hasattr(item, "on_first_published"):
        # e.g. a forum reply tells the thread's subscribers, citizens like the author.
        with translation.override(settings.LANGUAGE_CODE):
            item.on_first_published()
    return item


def hide(item, moderator, reason):
    """Hide text from everyone but its author, who sees ``reason`` (required)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError("A reason is required to hide text.")
    _decide(item, moderator, Status.HIDDEN, reason)
    _tell_author(item, _("A moderator has hidden your text: %(what)s"), reason)
    return item


def restore(item, moderator):
    """Show hidden text again."""
    _decide(item, moderator, Status.PUBLISHED)
    _tell_author(item, _("Your text is visible again: %(what)s"), "")
    return item


def _tell_author(item, subject, reason):
    """Tell the author about a decision in the site's language, not the moderator's admin
    language: nothing records which language a citizen reads (the digest does the same)."""
    if item.author is None:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = subject % {"what": item.moderation_subject()}
        message = subject
        if reason:
            message += "\n\n" + gettext("The moderator's reason: %(reason)s") % {"reason": reason}
    notify(item.author, subject=subject, message=message, url=absolute_url(item.get_absolute_url()))


def login_url(request, anchor=""):
    """The sign-in page, coming back here afterwards."""
    try:
        path = reverse("accounts:login")
    except NoReverseMatch:  # accounts' sign-in page is not there yet
        path = "/accounts/login/"
    return f"{path}?{urlencode({'next': request.get_full_path() + anchor})}"


def absolute_url(path):
    """``path`` on the public address, for links in mail."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


class DiscussionAPIView(APIView):
    """Base of the comments and forums API: session (with CSRF) or token, JSON errors."""

    authentication_classes = [SessionAuthentication, TokenAuthentication]
    permission_classes = [AllowAny]

    def get_exception_handler(self):
        return json_errors


def refusal_response(refusal):
    """A Refused write as ``{"error", "code"}`` with its HTTP status (and Retry-After)."""
    response = error_response(refusal.message, refusal.code, refusal.status)
    if refusal.retry_after:
        response["Retry-After"] = str(refusal.retry_after)
    return response


def form_error_response(form):
    """An invalid form as 400: its first error as ``error``, all of them under ``fields``."""
    errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
    first = next(iter(errors.values()))[0]
    return error_response(first, "invalid", 400, fields=errors)
