"""A django-redis client that stops waiting for a Redis that has stopped answering.

IGNORE_EXCEPTIONS already turns a failing Redis into cache misses, but a Redis that accepts
connections and never answers makes every call wait out its socket timeout first, and a page
that makes one cache call per item waits that long per item. After a connection error or a
timeout, this client treats that Redis as down for a short cool-off: every call fails at once
with ConnectionInterrupted (a miss or a no-op under IGNORE_EXCEPTIONS, as before), then one
call is let through to see whether Redis is back.
"""

import functools
import logging
import re
import socket
import threading
import time

from django_redis.cache import RedisCache
from django_redis.client import DefaultClient
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Errors that mean Redis is unreachable or silent. A ResponseError is an answer: Redis is up.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, socket.timeout)
DEFAULT_COOL_OFF = 5  # seconds; the OPTIONS key CIRCUIT_BREAKER_COOL_OFF overrides it


class Breaker:
    """Whether one Redis server is taken as down, shared by all the threads of a process."""

    def __init__(self, server):
        # Host, port and database only: the URL may carry Redis's password, not for the logs.
        self.server = re.sub(r"//[^/@]*@", "//", server)
        self._lock = threading.Lock()
        self._retry_at = None  # None while Redis answers; else when to let a probe through

    def allow(self, cool_off):
        """Whether a call may go to Redis now."""
        with self._lock:
            if self._retry_at is None:
                return True
            now = time.monotonic()
            if now < self._retry_at:
                return False
            # This call is the probe; the others keep failing fast while it runs.
            self._retry_at = now + cool_off
            return True

    def succeeded(self):
        if self._retry_at is not None:
            with self._lock:
                self._retry_at = None
            logger.warning("Redis at %s answers again", self.server)

    def failed(self, cool_off):
        with self._lock:
            was_up = self._retry_at is None
            self._retry_at = time.monotonic() + cool_off
        if was_up:
            logger.warning("Redis at %s does not answer; skipped for %s s", self.server, cool_off)


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(server):
    """The process's breaker for ``server`` (one per Redis, so one outage skips only it)."""
    with _breakers_lock:
        return _breakers.setdefault(server, Breaker(server))


# Set while a guarded operation runs on this thread: the operations it calls in turn (add calls
# set, incr may call get and set) belong to it and must not be refused as a second probe.
_in_operation = threading.local()


def _guarded(method):
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        if getattr(_in_operation, "active", False):
            return method(self, *args, **kwargs)
        if not self._breaker.allow(self._cool_off):
            down = RedisConnectionError(f"Redis at {self._breaker.server} is taken as down")
            raise ConnectionInterrupted(connection=None) from down
        _in_operation.active = True
        try:
            result = method(self, *args, **kwargs)
        except ConnectionInterrupted as error:
            if isinstance(error.__cause__, OUTAGE_ERRORS):
                self._breaker.failed(self._cool_off)
            raise
        except OUTAGE_ERRORS as error:
            # ttl, touch, expire and the set and hash commands let these through unwrapped;
            # wrapped, IGNORE_EXCEPTIONS covers them as it covers get and set.
            self._breaker.failed(self._cool_off)
            raise ConnectionInterrupted(connection=None) from error
        finally:
            _in_operation.active = False
        self._breaker.succeeded()
        return result

    return guarded


class CircuitBreakerClient(DefaultClient):
    """DefaultClient whose cache operations fail at once while their Redis is taken as down."""

    def __init__(self, server, params, backend):
        super().__init__(server, params, backend)
        self._breaker = breaker_for(",".join(self._server))
        self._cool_off = self._options.get("CIRCUIT_BREAKER_COOL_OFF", DEFAULT_COOL_OFF)


# Guard every operation the cache backend hands to its client, except those that do not talk
# to Redis when called (close; lock, iter_keys and sscan_iter return objects that talk later),
# whose success would wrongly say that Redis answers.
for _name in sorted(vars(RedisCache)):
    if _name.startswith("_") or _name in {"close", "lock", "iter_keys", "sscan_iter"}:
        continue
    if callable(getattr(DefaultClient, _name, None)):
        setattr(CircuitBreakerClient, _name, _guarded(getattr(DefaultClient, _name)))
