"""Citizen accounts: the profile next to Django's user, and stored notifications."""

from .notifications import Notification
from .profiles import CitizenProfile

__all__ = ["CitizenProfile", "Notification"]
