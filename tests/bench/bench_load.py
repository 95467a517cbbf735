"""Load and fault tests: the demo city under load in gunicorn on PostgreSQL and Redis.

Run on demand (pytest never collects tests/bench); every scenario, or one:

    .venv/bin/python tests/bench/bench_load.py
    .venv/bin/python tests/bench/bench_load.py --scenario db-restart --seconds 20
    .venv/bin/python tests/bench/bench_load.py --scenario poll --concurrency 400

Scenarios (25 s each by default, a fresh gunicorn each, clients on 127.0.0.1 only):

read           home, a section, a news page, search (Persian), the pages and search APIs;
               every request must answer 200
poll           hundreds of citizens voting at once, one of them sending the same vote 20
               times; exact counts: every voter 201 and counted once, the duplicate once
worker-killed  reads, votes and suggestions; one gunicorn worker gets SIGKILL a third of the
               way in (gunicorn replaces it)
db-restart     the same mix; PostgreSQL restarts a third of the way in
               (pg_ctlcluster … restart), and is started again at the end whatever happens
redis-down     the same mix with REDIS_URL at a port that refuses connections, then at one
               that takes them and never answers (a hung Redis), half the time each: pages
               must still answer 200, writes 2xx (rate limits fail open), /readyz 503

It DROPS and recreates the scratch database shafaf_bench_load on 127.0.0.1:5432 (user
postgres), loads the demo city as run.sh does, and drops it at the end (--keep-database keeps
it and reuses it next time). The cache is Redis database 14 on 127.0.0.1 (REDIS_URL may name
another loopback one) under a key prefix of this run, removed at the end. Gunicorn runs
production settings with raised rate limits (bench_settings.py) and production's 30 s
timeout; its log is kept in /tmp and named in the output.

In the fault scenarios an unanswered vote is sent once more a second later, as a citizen
would; suggestions are never resent. The checks: every vote or suggestion told 2xx is in the
database, once; nobody's vote is doubled; nothing is stored that was never sent; the site
answers again within --recovery-seconds of the fault without being restarted. A restart of
PostgreSQL cuts off every other database's clients too, so db-restart is skipped while other
databases have clients, unless --force-db-restart.

Prints, per scenario: throughput, p50/p95/p99 latency, statuses and errors per request kind,
the fault's timeline and the count checks. Exits 1 when a check fails, 2 when a scenario was
skipped (and none failed), 0 otherwise. Every client stops at the deadline or after 20,000
requests, every request after 30 s; gunicorn gets SIGTERM if the benchmark dies.
"""

import argparse
import signal
import sys
import traceback

from demo_site import DATABASE_NAME, Bench, prepare, say
from harness import (
    close_connections,
    delete_cache_keys,
    drop_database,
    ensure_postgres_running,
    redis_url,
    remove_scratch_directories,
)
from scenarios import SCENARIOS, Result

SECONDS = 25
CONCURRENCY = {"read": 16, "poll": 200, "worker-killed": 24, "db-restart": 24, "redis-down": 16}


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--seconds", type=float, default=SECONDS, help=f"per scenario ({SECONDS})")
    parser.add_argument(
        "--concurrency",
        type=int,
        help="clients at once (default per scenario: "
        + ", ".join(f"{name} {count}" for name, count in CONCURRENCY.items())
        + ")",
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1)")
    parser.add_argument(
        "--recovery-seconds",
        type=float,
        default=15,
        help="longest a fault may keep requests failing (15)",
    )
    parser.add_argument(
        "--force-db-restart",
        action="store_true",
        help="restart PostgreSQL even while other databases have clients",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help=f"keep {DATABASE_NAME} at the end, and reuse it if it exists",
    )
    args = parser.parse_args()
    if not 2 <= args.seconds <= 600:
        parser.error("--seconds must be between 2 and 600")
    if args.concurrency is not None and not 1 <= args.concurrency <= 1000:
        parser.error("--concurrency must be between 1 and 1000")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be between 1 and 16")
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]

    # SIGTERM too runs the clean-up below: gunicorn stopped, PostgreSQL running, database dropped.
    signal.signal(signal.SIGTERM, lambda *_signal: sys.exit(143))
    ensure_postgres_running()
    bench = Bench(args, redis_url())
    results = {}
    try:
        prepare(bench)
        for name in names:
            results[name] = run_scenario(name, bench, args)
    finally:
        ensure_postgres_running()
        close_connections()
        delete_cache_keys(bench.redis, bench.cache_prefix)
        if not args.keep_database:
            drop_database(DATABASE_NAME)
        remove_scratch_directories(bench.env)
    say()
    say("summary: " + ", ".join(f"{name} {r.verdict}" for name, r in results.items()))
    if any(result.problems for result in results.values()):
        return 1
    return 2 if any(result.skipped for result in results.values()) else 0


def run_scenario(name, bench, args):
    """Run scenario ``name`` and print its figures and checks; returns its Result."""
    concurrency = args.concurrency or CONCURRENCY[name]
    say()
    say(
        f"== {name}: {concurrency} clients, {args.seconds:g} s, gunicorn {args.workers} "
        f"workers × {args.threads} threads, PostgreSQL {DATABASE_NAME}, Redis {bench.redis}"
    )
    try:
        result = SCENARIOS[name](bench, args.seconds, concurrency)
    except Exception:  # noqa: BLE001 - one broken scenario must not hide the others
        result = Result([traceback.format_exc()], ["the scenario itself failed"])
    for line in result.lines:
        say(line)
    if bench.next_citizen >= len(bench.users):
        say(f"note: all {len(bench.users)} citizens have voted; the clients stopped voting")
    say(f"checks: {result.verdict}")
    for problem in result.problems[:20]:
        say(f"  - {problem}")
    if len(result.problems) > 20:
        say(f"  … and {len(result.problems) - 20} more")
    return result


if __name__ == "__main__":
    sys.exit(main())
