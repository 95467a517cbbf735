"""Verifying a mobile number with a six-digit code sent by SMS (through ``sms.py``).

The code lives in the cache only as a keyed hash, for CODE_TTL seconds and MAX_TRIES
guesses, tied to the number it was sent to: changing the number voids it. Its plain text
exists only in the message on its way: the queued SMS task, as a mailed link does.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext

from participation.accounts.services import profile_for
from participation.accounts.sms import sms_after_commit

CODE_TTL = 10 * 60
MAX_TRIES = 5


def _key(user):
    return f"mobile-code:{user.pk}"


def _digest(mobile, code):
    message = f"{mobile}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def send_code(user):
    """Send a new code to the user's mobile number (by a task); False if none is set.

    The code is stored before it is queued: a gateway that fails or is slow delays the
    message, never the request, and the stored code stays valid until it expires.
    """
    mobile = profile_for(user).mobile
    if not mobile:
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    cache.set(_key(user), {"digest": _digest(mobile, code), "tries": 0}, CODE_TTL)
    text = gettext("Your Shafaf verification code: %(code)s") % {"code": code}
    sms_after_commit(mobile, text)
    return True


def check_code(user, code):
    """True, and the number marked verified, when ``code`` is the one last sent to it."""
    profile = profile_for(user)
    pending = cache.get(_key(user))
    if not pending or not profile.mobile:
        return False
    pending["tries"] += 1
    if pending["tries"] > MAX_TRIES:
        cache.delete(_key(user))
        return False
    cache.set(_key(user), pending, CODE_TTL)
    if not hmac.compare_digest(pending["digest"], _digest(profile.mobile, code)):
        return False
    cache.delete(_key(user))
    profile.mobile_verified_at = timezone.now()
    profile.save(update_fields=["mobile_verified_at"])
    return True
