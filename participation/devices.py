"""The anonymous voter's device: a random id in a signed cookie.

It keeps honest people to one vote per browser in polls open to anyone; it does not stop
someone who clears cookies, which is why results count device votes apart.
"""

import uuid

from django.conf import settings

COOKIE_NAME = "shafaf_device"
COOKIE_SALT = "participation.device"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2


def device_id_of(request):
    """The device id from the request's signed cookie, or None when absent or tampered with."""
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def device_id_for(request):
    """The request's device id, or a new one (to be set on the response with ``remember``)."""
    return device_id_of(request) or uuid.uuid4()


def remember(response, device_id):
    """Set the signed device cookie on ``response``."""
    response.set_signed_cookie(
        COOKIE_NAME,
        str(device_id),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
