"""Keeping each profile's claim on its address in step with the account's email."""

from participation.accounts.models import CitizenProfile
from participation.accounts.models.profiles import normalize_email


def move_email_claim(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before an account's email is saved, move its profile's claim to the new address.

    Before, not after: when another citizen already claims the address, the database
    refuses and the account is not saved with it. A profile that claims no address (made
    for an account whose address a citizen already had) is left without one.
    """
    if raw or instance.pk is None:
        return
    if update_fields is not None and "email" not in update_fields:
        return
    address = normalize_email(instance.email)
    CitizenProfile.objects.filter(user_id=instance.pk).exclude(normalized_email="").exclude(
        normalized_email=address
    ).update(normalized_email=address)
