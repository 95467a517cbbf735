"""Signing in with an email address (citizens) or a username (staff in the Wagtail admin)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Authenticate ``username`` as an email address, case-insensitively.

    Runs after axes' backend (which refuses locked-out credentials) and before Django's
    ModelBackend (usernames). Hashing a password even when no account matches keeps the
    response time from telling whether an address is registered.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password or "@" not in username:
            return None
        User = get_user_model()
        candidates = User.objects.filter(email__iexact=username.strip()).order_by("pk")
        for user in candidates:
            if user.check_password(password) and self.user_can_authenticate(user):
                return user
        if not candidates:
            User().set_password(password)  # same work as a real check: no timing oracle
        return None


def lockout_username(request, credentials=None):
    """The account an attempt is for, as django-axes counts it (AXES_USERNAME_CALLABLE).

    Citizens type an email address in any case; the lockout must count every spelling of
    it as one account, and a successful sign-in (which axes reports by username) must clear
    the failures typed as an email. Unknown addresses count as themselves, lowercased.
    """
    typed = (credentials or {}).get("username")
    if typed is None:
        typed = getattr(request, "POST", {}).get("username", "")
    typed = (typed or "").strip()
    if "@" not in typed:
        return typed
    user = get_user_model().objects.filter(email__iexact=typed).order_by("pk").first()
    return user.get_username() if user else typed.lower()


def lockout_ip(request):
    """The client's address for django-axes (AXES_CLIENT_IP_CALLABLE): REMOTE_ADDR, as the
    rate limits see it, or None when there is none (the test client's force_login), which
    PostgreSQL's inet column accepts and a made-up placeholder would not."""
    return request.META.get("REMOTE_ADDR") or None
