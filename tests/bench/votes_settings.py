"""Settings for bench_votes.py's gunicorn: production settings, rate limits raised.

Production settings take no rate limits from the environment, and its defaults (10 votes a
minute per user, 60 per address) would refuse most of the benchmark's voters, who all come
from 127.0.0.1. Everything else is production as configured by the environment.
"""

from collections import namedtuple

from portal.settings.production import *  # noqa: F403

# Shaped like participation.ratelimit.Limit (count, seconds); importing the app's module
# here would load it before Django is set up.
BenchLimit = namedtuple("BenchLimit", "count seconds")

# Every request still goes through the limiter (same cache work as in production); the
# limits are only high enough that the duplicate sender's 20 requests all reach the database.
SHAFAF_RATE_LIMITS = {"vote": {"user": BenchLimit(1_000, 60), "ip": BenchLimit(1_000_000, 60)}}

if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    # A shared Redis keeps the benchmark's counters apart from the site's.
    CACHES["default"]["KEY_PREFIX"] = "shafaf-bench-votes"  # noqa: F405
