"""bench_load.py's scenarios: each starts its own gunicorn, drives it, injects its fault.

A scenario returns a ``Result``: the lines to print and the problems found (none: it passed).
"""

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass

from bench_votes import create_poll
from demo_site import DATABASE_NAME, Server, WriteMix, read_mix
from harness import (
    close_connections,
    ensure_postgres_running,
    other_postgres_clients,
    request,
    restart_postgres,
    worker_pids,
)
from loadgen import (
    check_votes,
    errors_per_second,
    failure_window,
    figures,
    run_clients,
    status_counts,
    vote_job,
)

DUPLICATES = 20  # the poll scenario's one citizen sending the same vote at once
FAULT_AT = 1 / 3  # of the scenario's duration
REPLACE_TIMEOUT = 30  # seconds for gunicorn to replace a killed worker
# Redis at a port nothing listens on (1 needs root to bind): every connection is refused.
REFUSING_REDIS = "redis://127.0.0.1:1/0"


@dataclass
class Result:
    lines: list
    problems: list
    skipped: bool = False

    @property
    def verdict(self):
        return "FAILED" if self.problems else "SKIPPED" if self.skipped else "OK"


def recovery(outcomes, fault_time, wall, limit):
    """Lines and problems about failures around a fault at ``fault_time`` (seconds into the load)."""
    lines, problems = [], []
    early = [o for o in outcomes if o.failed and o.ended < fault_time]
    if early:
        problems.append(f"{len(early)} requests failed before the fault")
    window = failure_window(outcomes, since=fault_time)
    if window is None:
        lines.append("error window: none (no request failed)")
        return lines, problems
    failures, first, last = window
    lines.append(
        f"error window: {len(failures)} failed {status_counts(failures)} from {first:.1f} s to "
        f"{last:.1f} s; all requests succeed again {last - fault_time:.1f} s after the fault"
    )
    lines.append(f"errors per second of the run: {errors_per_second(outcomes)}")
    if last - fault_time > limit:
        problems.append(f"the site took {last - fault_time:.1f} s to recover (limit {limit} s)")
    if wall - last < 2:
        problems.append("requests were still failing at the end of the run")
    return lines, problems


def scenario_read(bench, seconds, concurrency):
    """Pages and APIs only; every one must answer 200."""
    with Server(bench) as server:
        outcomes, wall, busy = run_clients(server.port, concurrency, seconds, read_mix(bench))
        log = server.log_summary()
    lines = figures(outcomes, wall)
    problems = []
    not_served = [o for o in outcomes if o.status != 200]
    if not_served:
        problems.append(f"{len(not_served)} reads not 200: {status_counts(not_served)}")
    if busy:
        problems.append(f"{busy} clients still waiting at the end")
    return Result([*lines, log], problems)


def scenario_poll(bench, seconds, concurrency):
    """Every client votes as a new citizen, the first DUPLICATES as the same one; exact counts."""
    poll_id, choice_ids = create_poll(f"نظرسنجي همزمان {bench.tag}")
    duplicate = bench.citizen()

    def next_job(client, n):
        if n == 0 and client < DUPLICATES:  # at the very start, with everybody else
            choice = choice_ids[duplicate % len(choice_ids)]
            return vote_job(poll_id, bench.tokens[duplicate], choice, duplicate, kind="duplicate")
        key = bench.citizen()
        if key is None:
            return None
        choice = choice_ids[key % len(choice_ids)]
        return vote_job(poll_id, bench.tokens[key], choice, key)

    with Server(bench) as server:
        outcomes, wall, busy = run_clients(server.port, concurrency, seconds, next_job)
        close_connections()
        check_lines, problems = check_votes(
            poll_id,
            choice_ids,
            bench.users,
            outcomes,
            server.port,
            strict=True,
            duplicate_key=duplicate,
        )
        log = server.log_summary()
    votes = sum(o.status == 201 for o in outcomes)
    lines = [
        *figures(outcomes, wall),
        f"votes recorded per second: {votes / wall:.1f}",
        *check_lines,
        log,
    ]
    if busy:
        problems.append(f"{busy} clients still waiting at the end")
    return Result(lines, problems)


def scenario_worker_killed(bench, seconds, concurrency):
    """The write mix; one worker gets SIGKILL a third of the way in."""
    mix = WriteMix(bench, "worker-killed", retry=True)
    kill = {}

    with Server(bench) as server:

        def fault(began):
            time.sleep(max(0.0, began + seconds * FAULT_AT - time.perf_counter()))
            victims = worker_pids(server.process)
            if not victims:
                kill["error"] = "no gunicorn worker found"
                return
            victim = victims[0]
            os.kill(victim, signal.SIGKILL)
            kill["at"] = time.perf_counter() - began
            kill["pid"] = victim
            deadline = time.monotonic() + REPLACE_TIMEOUT
            while time.monotonic() < deadline:
                pids = worker_pids(server.process)
                if victim not in pids and len(pids) == bench.args.workers:
                    kill["replaced"] = time.perf_counter() - began - kill["at"]
                    kill["by"] = sorted(set(pids) - set(victims))
                    return
                time.sleep(0.05)

        outcomes, wall, busy = run_clients(server.port, concurrency, seconds, mix, fault=fault)
        close_connections()
        check_lines, problems = mix.check(outcomes, server.port)
        log = server.log_summary()
    lines = figures(outcomes, wall)
    if "at" not in kill:
        problems.append(f"no worker was killed: {kill.get('error')}")
        return Result([*lines, *check_lines, log], problems)
    lines.append(f"fault: SIGKILL worker {kill['pid']} at {kill['at']:.1f} s")
    if "replaced" in kill:
        lines.append(
            f"  gunicorn started worker {kill['by']} in its place {kill['replaced']:.1f} s later"
        )
    else:
        problems.append(f"gunicorn did not replace the worker within {REPLACE_TIMEOUT} s")
    window_lines, window_problems = recovery(
        outcomes, kill["at"], wall, bench.args.recovery_seconds
    )
    if busy:
        problems.append(f"{busy} clients still waiting at the end")
    return Result([*lines, *window_lines, *check_lines, log], window_problems + problems)


def scenario_db_restart(bench, seconds, concurrency):
    """The write mix; PostgreSQL restarts a third of the way in, and runs again at the end."""
    others = other_postgres_clients(DATABASE_NAME)
    if others and not bench.args.force_db_restart:
        return Result(
            [
                f"skipped: other databases have clients {others}; a restart would cut them "
                "off (--force-db-restart to restart anyway)"
            ],
            [],
            skipped=True,
        )
    mix = WriteMix(bench, "db-restart", retry=True)
    restart = {}
    try:
        with Server(bench) as server:

            def fault(began):
                time.sleep(max(0.0, began + seconds * FAULT_AT - time.perf_counter()))
                # Others may have connected since the scenario began.
                late = other_postgres_clients(DATABASE_NAME)
                if late and not bench.args.force_db_restart:
                    restart["skipped"] = late
                    return
                restart["at"] = time.perf_counter() - began
                try:
                    restart_postgres()
                except (OSError, subprocess.SubprocessError) as failure:  # reported below
                    restart["error"] = repr(failure)
                restart["took"] = time.perf_counter() - began - restart["at"]

            outcomes, wall, busy = run_clients(server.port, concurrency, seconds, mix, fault=fault)
            ensure_postgres_running()
            close_connections()
            check_lines, problems = mix.check(outcomes, server.port)
            log = server.log_summary()
    finally:
        ensure_postgres_running()
    lines = figures(outcomes, wall)
    if "skipped" in restart:
        lines.append(
            f"skipped the restart: other databases got clients {restart['skipped']} meanwhile"
        )
        return Result([*lines, *check_lines, log], problems, skipped=True)
    if "error" in restart or "at" not in restart:
        problems.append(f"PostgreSQL did not restart: {restart.get('error')}")
        return Result([*lines, *check_lines, log], problems)
    lines.append(
        f"fault: PostgreSQL restart at {restart['at']:.1f} s, took {restart['took']:.1f} s"
    )
    window_lines, window_problems = recovery(
        outcomes, restart["at"], wall, bench.args.recovery_seconds
    )
    if busy:
        problems.append(f"{busy} clients still waiting at the end")
    return Result([*lines, *window_lines, *check_lines, log], window_problems + problems)


class SilentRedis:
    """A loopback port that takes connections and never answers: a hung Redis."""

    def __enter__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(1024)  # connections wait in the backlog, never accepted
        return f"redis://127.0.0.1:{self.socket.getsockname()[1]}/0"

    def __exit__(self, *exc):
        self.socket.close()


def scenario_redis_down(bench, seconds, concurrency):
    """The write mix with Redis refusing connections, then with Redis silent; half the time each."""
    lines, problems = [], []
    with SilentRedis() as silent:
        for name, url in (("refused", REFUSING_REDIS), ("silent", silent)):
            phase_lines, phase_problems = redis_down_phase(
                bench, name, url, seconds / 2, concurrency
            )
            lines += [f"-- Redis {name} ({url})", *phase_lines]
            problems += [f"{name}: {problem}" for problem in phase_problems]
    return Result(lines, problems)


def redis_down_phase(bench, name, url, seconds, concurrency):
    """One Redis fault: reads must be 200, writes 2xx (rate limits open) and stored."""
    mix = WriteMix(bench, f"redis-{name}", retry=False)
    # No warm-up against a silent Redis: it would take minutes, and is no part of the point.
    with Server(bench, redis=url, warm=name != "silent") as server:
        outcomes, wall, busy = run_clients(server.port, concurrency, seconds, mix)
        ready, data, _ms = request(server.port, "GET", "/readyz", timeout=30)
        close_connections()
        check_lines, problems = mix.check(outcomes, server.port)
        log = server.log_summary()
    reads = [o for o in outcomes if o.kind not in {"vote", "suggestion"}]
    writes = [o for o in outcomes if o.kind in {"vote", "suggestion"}]
    lines = [
        *figures(outcomes, wall),
        f"reads: {status_counts(reads)}; writes: {status_counts(writes)}",
        f"/readyz: {ready} {(data or {}).get('checks', {}).get('cache')}",
        *check_lines,
        log,
    ]
    if any(o.status != 200 for o in reads):
        problems.append(f"pages did not all serve: {status_counts(reads)}")
    if any(not o.accepted for o in writes):
        problems.append(
            f"writes did not all succeed (rate limits should fail open): {status_counts(writes)}"
        )
    if ready != 503:
        problems.append(f"/readyz answered {ready} with Redis {name}, expected 503")
    if busy:
        problems.append(f"{busy} clients still waiting at the end")
    return lines, problems


SCENARIOS = {
    "read": scenario_read,
    "poll": scenario_poll,
    "worker-killed": scenario_worker_killed,
    "db-restart": scenario_db_restart,
    "redis-down": scenario_redis_down,
}
