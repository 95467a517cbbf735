"""Settings for the benchmarks' gunicorn: production settings, rate limits raised.

Production settings take no rate limits from the environment, and its defaults (10 votes a
minute per user, 60 per address, 5 suggestions in ten minutes) would refuse most of the
benchmarks' citizens, who all come from 127.0.0.1. Everything else is production as
configured by the environment (harness.server_environment).
"""

import os
from collections import namedtuple

from portal.settings.production import *  # noqa: F403

# Shaped like participation.ratelimit.Limit (count, seconds); importing the app's module
# here would load it before Django is set up.
BenchLimit = namedtuple("BenchLimit", "count seconds")

# Every request still goes through the limiter (same cache work as in production); the
# limits are only high enough that every benchmark request reaches the database.
SHAFAF_RATE_LIMITS = {
    scope: {"user": BenchLimit(1_000, 60), "ip": BenchLimit(1_000_000, 60)}
    for scope in ("vote", "suggestion", "complaint")
}

# A shared Redis keeps each run's counters apart from the site's and from other runs'.
CACHES["default"]["KEY_PREFIX"] = os.environ.get(  # noqa: F405
    "SHAFAF_BENCH_CACHE_PREFIX", "shafaf-bench"
)
