"""Signed, expiring links that prove a citizen reads the mailbox they gave."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing

SALT = "participation.accounts.verify-email"


class InvalidLink(Exception):
    """The link was altered, is for another address, or has expired (``expired`` says which)."""

    def __init__(self, *, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def max_age_seconds():
    return int(getattr(settings, "SHAFAF_EMAIL_VERIFICATION_DAYS", 3)) * 24 * 3600


def make_verification_token(user):
    """A token naming the user and the address: changing the address voids older links."""
    return signing.dumps({"user": user.pk, "email": user.email.lower()}, salt=SALT, compress=True)


def user_for_verification_token(token):
    """The user a valid token was made for; raise InvalidLink otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except signing.SignatureExpired:
        raise InvalidLink(expired=True) from None
    except signing.BadSignature:
        raise InvalidLink() from None
    user = get_user_model().objects.filter(pk=data.get("user"), is_active=True).first()
    if user is None or user.email.lower() != data.get("email"):
        raise InvalidLink()
    return user
