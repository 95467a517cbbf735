"""Operations on citizen accounts: signing up, verifying, exporting and deleting.

Other apps call ``is_verified_citizen(user)`` to decide who may take part.
"""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils import timezone

from participation import roles
from participation.accounts import personal_data
from participation.accounts.models import CitizenProfile
from participation.accounts.models.profiles import normalize_email


class EmailInUse(Exception):
    """Another citizen already has this address (found by the database's constraint)."""


def profile_for(user):
    """The user's profile, created on first use (accounts made in the admin have none yet).

    The new profile claims the account's address, unless a citizen already claims it: an
    account made in the admin may share a citizen's address, and still gets a profile.
    """
    try:
        return user.citizen_profile
    except CitizenProfile.DoesNotExist:
        pass
    defaults = {
        "display_name": user.get_username()[:60],
        "normalized_email": normalize_email(user.email),
    }
    try:
        with transaction.atomic():
            profile, _created = CitizenProfile.objects.get_or_create(user=user, defaults=defaults)
    except IntegrityError:
        profile, _created = CitizenProfile.objects.get_or_create(
            user=user, defaults={**defaults, "normalized_email": ""}
        )
    user.citizen_profile = profile
    return profile


def is_verified_citizen(user):
    """True for an active, signed-in user whose email address has been verified."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    try:
        return user.citizen_profile.email_verified_at is not None
    except CitizenProfile.DoesNotExist:
        return False


def email_in_use(email):
    """True when any account already uses ``email`` (compared case-insensitively)."""
    return get_user_model().objects.filter(email__iexact=email).exists()


def _new_username():
    # The email is the login; the username is an internal, unguessable handle that never
    # shows the address in the admin's URLs or in logs.
    return f"citizen-{secrets.token_hex(6)}"


def create_citizen(*, email, password, display_name, mobile=""):
    """A new, active but unverified citizen in the citizen group, with a profile.

    Raises EmailInUse, and creates nothing, when a citizen already has the address, even
    one who signed up a moment ago in another request.
    """
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=_new_username(), email=email, password=password
            )
            CitizenProfile.objects.create(
                user=user,
                normalized_email=normalize_email(email),
                display_name=display_name,
                mobile=mobile,
            )
            user.groups.add(Group.objects.get_or_create(name=roles.CITIZEN)[0])
    except IntegrityError:
        if CitizenProfile.objects.filter(normalized_email=normalize_email(email)).exists():
            raise EmailInUse(email) from None
        raise
    return user


def mark_email_verified(user):
    """Record that ``user`` proved the address; a second call keeps the first date."""
    profile = profile_for(user)
    if profile.email_verified_at is None:
        profile.email_verified_at = timezone.now()
        profile.save(update_fields=["email_verified_at"])
    return profile


def export_personal_data(user):
    """Everything every registered source holds about ``user``, as JSON-ready data."""
    with transaction.atomic():
        return {
            "exported_at": timezone.now().isoformat(),
            "sources": {source.name: source.export(user) for source in personal_data.sources()},
        }


@transaction.atomic
def delete_account(user):
    """Erase ``user``'s data in every app, then anonymize the account, all or nothing.

    The account row stays, anonymized and unusable, so that what the public record keeps
    (a vote counted in a poll's results, a published comment without its author) still
    points somewhere; nothing in it identifies the person any more.
    """
    for source in personal_data.sources():
        source.erase(user)
    user.username = f"deleted-{secrets.token_hex(8)}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
