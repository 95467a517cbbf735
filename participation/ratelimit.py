"""Fixed-window rate limits kept in Django's cache (Redis in production), per user and per IP.

``check(request, "vote", limits)`` raises ``RateLimited`` when the user or the address has
used up its allowance in the current window; every public write calls it before working.

When the cache does not answer (Redis down: django-redis's IGNORE_EXCEPTIONS turns every
call into None), limits fail open: the request is let through and a warning logged, since
"Redis down means a slower site, not a broken one".
"""

import hashlib
import hmac
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)
# Set on a request once its "cache did not answer" warning is logged.
_WARNED_ATTRIBUTE = "_shafaf_cache_unanswered"


@dataclass(frozen=True)
class Limit:
    """At most ``count`` hits per ``seconds``."""

    count: int
    seconds: int


# Defaults; a project overrides them with SHAFAF_RATE_LIMITS = {"vote": {"user": ..., "ip": ...}}.
DEFAULT_LIMITS = {
    "vote": {"user": Limit(10, 60), "ip": Limit(60, 60)},
    "signup": {"ip": Limit(5, 600)},
    "login": {"ip": Limit(30, 60)},
    "password_reset": {"ip": Limit(5, 600)},
    "password_change": {"user": Limit(5, 600), "ip": Limit(20, 600)},
    "verify_email": {"ip": Limit(20, 600)},
    "verification_mail": {"user": Limit(3, 600), "ip": Limit(10, 600)},
    "profile": {"user": Limit(20, 60), "ip": Limit(60, 60)},
    "delete_account": {"user": Limit(5, 600)},
    "api_token": {"ip": Limit(10, 60)},
    "mobile_code": {"user": Limit(5, 600), "ip": Limit(20, 600)},
    "comment": {"user": Limit(5, 60), "ip": Limit(30, 60)},
    "forum_post": {"user": Limit(5, 60), "ip": Limit(30, 60)},
    "flag": {"user": Limit(20, 60), "ip": Limit(60, 60)},
    "subscription": {"user": Limit(30, 60), "ip": Limit(60, 60)},
    "follow": {"user": Limit(30, 60), "ip": Limit(60, 60)},
    "open311": {"user": Limit(30, 60), "ip": Limit(120, 60)},
    "suggestion": {"user": Limit(5, 600), "ip": Limit(20, 600)},
    "complaint": {"user": Limit(5, 600), "ip": Limit(20, 600)},
    "suggestion_support": {"user": Limit(30, 60), "ip": Limit(60, 60)},
    "track": {"ip": Limit(20, 60)},
    "council_action": {"user": Limit(60, 60), "ip": Limit(120, 60)},
}


class RateLimited(Exception):
    """Too many requests; ``retry_after`` is the number of seconds until the window resets."""

    message = _("Too many attempts. Please wait a minute and try again.")

    def __init__(self, retry_after):
        super().__init__(str(self.message))
        self.retry_after = retry_after


def limits_for(scope):
    """The limits of ``scope``: settings first, then the defaults."""
    configured = getattr(settings, "SHAFAF_RATE_LIMITS", {}).get(scope, {})
    return {**DEFAULT_LIMITS.get(scope, {}), **configured}


def client_ip(request):
    """The client's address as the web server saw it.

    Behind a reverse proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn's
    --forwarded-allow-ips with a trusted X-Forwarded-For); we never trust the header here.
    """
    return request.META.get("REMOTE_ADDR", "unknown")


def hashed_client_ip(request):
    """The client's address as a keyed hash: enough to count and compare, nothing to read.

    Rate limits and duplicate checks key on this, so neither the cache nor anything stored
    holds citizens' IP addresses (personal data under every privacy law we know).
    """
    digest = hmac.new(
        settings.SECRET_KEY.encode(), client_ip(request).encode(), hashlib.sha256
    ).hexdigest()
    return digest[:32]


def warn_cache_unanswered(request, what):
    """Log that the cache did not answer and ``what`` was let through: once per request,
    however many keys or checks the request went through."""
    if getattr(request, _WARNED_ATTRIBUTE, False):
        return
    logger.warning("The cache did not answer; %s let through unchecked.", what)
    setattr(request, _WARNED_ATTRIBUTE, True)


def hit(key, limit, now=None):
    """Count one hit on ``key``; return the seconds to wait if over ``limit``, else 0, or
    None when the cache did not answer."""
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    cache_key = f"ratelimit:{key}:{window}"
    # add() is atomic in every cache backend, and incr() in Redis and locmem.
    if cache.add(cache_key, 0, timeout=limit.seconds + 1) is None:
        return None  # no backend answers None but one ignoring its errors
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=limit.seconds + 1)
        count = 1
    if count is None:
        return None
    if count > limit.count:
        return max(1, int((window + 1) * limit.seconds - now))
    return 0


def check(request, scope):
    """Count this request against ``scope``'s per-user and per-IP limits; raise if over.

    Lets the request through (and logs it) when the cache does not answer.
    """
    limits = limits_for(scope)
    keys = []
    user = getattr(request, "user", None)
    if "user" in limits and user is not None and user.is_authenticated:
        keys.append((f"{scope}:user:{user.pk}", limits["user"]))
    if "ip" in limits:
        keys.append((f"{scope}:ip:{hashed_client_ip(request)}", limits["ip"]))
    wait = 0
    for key, limit in keys:
        seconds = hit(key, limit)
        if seconds is None:
            # Stop at the first silence: each further call would wait for its own timeout.
            warn_cache_unanswered(request, f"the {scope!r} rate limit")
            break
        wait = max(wait, seconds)
    if wait:
        raise RateLimited(retry_after=wait)
