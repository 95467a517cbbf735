"""A citizen's profile: what Django's user does not hold (public name, mobile, preferences)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from participation.accounts.mobile import validate_mobile


def normalize_email(address):
    """The form in which an address is compared: no surrounding spaces, lower case."""
    return (address or "").strip().lower()


class CitizenProfile(models.Model):
    """One per user; created at sign-up (and on demand for accounts made elsewhere)."""

    class NotificationFrequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately, by mail")
        DAILY = "daily", _("A daily digest")
        NONE = "none", _("Never")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="citizen_profile",
        verbose_name=_("user"),
    )
    # The account's address as compared (``normalize_email``), kept in step with
    # ``user.email``: auth_user is Django's table, so the one-account-per-address rule
    # lives here, in the database, where two sign-ups at once cannot both pass it.
    normalized_email = models.CharField(
        _("normalized email address"), max_length=254, blank=True, editable=False
    )
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("Shown publicly next to what you write, instead of your real name."),
    )
    mobile = models.CharField(
        _("mobile number"),
        max_length=11,
        blank=True,
        validators=[validate_mobile],
        help_text=_("Optional. An Iranian mobile number, such as 09121234567."),
    )
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    mobile_verified_at = models.DateTimeField(_("mobile verified at"), null=True, blank=True)
    notification_frequency = models.CharField(
        _("notifications"),
        max_length=10,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATE,
        help_text=_("How you hear about replies and answers to what you wrote."),
    )
    # The secret in the address of the citizen's private feed (feed readers cannot sign
    # in); empty until asked for, replaced to revoke the old address.
    feed_token = models.CharField(
        _("private feed token"), max_length=64, blank=True, editable=False
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_email"],
                condition=~models.Q(normalized_email=""),
                name="one_citizen_per_email",
            ),
            models.UniqueConstraint(
                fields=["feed_token"],
                condition=~models.Q(feed_token=""),
                name="one_citizen_per_feed_token",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def email_verified(self):
        return self.email_verified_at is not None

    @property
    def mobile_verified(self):
        return bool(self.mobile) and self.mobile_verified_at is not None
