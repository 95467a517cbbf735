"""Vote benchmark: N citizens vote at once through the API, against gunicorn on PostgreSQL.

Run on demand (pytest never collects tests/bench):

    .venv/bin/python tests/bench/bench_votes.py                  # 200 voters, 4 workers
    .venv/bin/python tests/bench/bench_votes.py --voters 500 --workers 8
    REDIS_URL=redis://127.0.0.1:6379/13 .venv/bin/python tests/bench/bench_votes.py

It DROPS and recreates the scratch database shafaf_bench_votes on 127.0.0.1:5432 (user
postgres), refuses any other database, and drops it again at the end. It migrates, publishes one poll for signed-in
citizens, creates N citizens with API tokens and one more who sends the same vote 20 times,
starts gunicorn (portal.wsgi, production settings with raised rate limits: see
bench_settings.py) on a free loopback port, then releases all N + 20 requests at once
(``POST /api/participation/polls/<id>/votes/`` with ``Authorization: Token …``).

Prints votes per second, p50/p95/max latency, and the count check: every citizen's vote
counted once in the right choice, exactly one vote for the duplicate sender. Exits 1 when a
count or a status is wrong. The cache is Redis database 14 on 127.0.0.1 unless REDIS_URL
names another loopback one; this run's keys are removed at the end.
"""

import argparse
import secrets
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from harness import (
    REQUEST_TIMEOUT,
    close_connections,
    delete_cache_keys,
    drop_database,
    free_port,
    percentile,
    recreate_database,
    redis_url,
    remove_scratch_directories,
    request,
    server_environment,
    set_up_django,
    start_gunicorn,
    stop,
    wait_until_serving,
)

DATABASE_NAME = "shafaf_bench_votes"
DUPLICATES = 20
CHOICES = ["بوستان محله‌ی نارمک", "كتابخانه‌ي عمومي", "پیاده‌راه خیابان اصلی"]


def create_poll(title="نظرسنجي محک: کدام طرح، محله‌ی ما را بهتر می‌کند؟"):
    """A live one-choice poll for signed-in citizens with results shown; (id, choice ids)."""
    import datetime

    from django.utils import timezone

    from cms.site_structure import ensure_site_structure
    from participation.models import PollChoice, PollIndexPage, PollPage

    home = ensure_site_structure("شهرداری محک")
    section = PollIndexPage.objects.child_of(home).get()
    now = timezone.now()
    poll = section.add_child(
        instance=PollPage(
            title=title,
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=1),
            eligibility=PollPage.Eligibility.CITIZENS,
            results_visibility=PollPage.ResultsVisibility.LIVE,
        )
    )
    choice_ids = [
        PollChoice.objects.create(poll=poll, label=label, sort_order=n).pk
        for n, label in enumerate(CHOICES)
    ]
    return poll.pk, choice_ids


def create_citizens(count, prefix="bench-citizen"):
    """``count`` verified citizens who can only sign in with an API token; (users, token keys).

    Verified (email confirmed), since polls for citizens take no one else.
    """
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from participation.accounts.models import CitizenProfile

    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"{prefix}-{n}",
            email=f"{prefix}-{n}@bench.invalid",
            first_name="شهروند",
            password="!",  # unusable
        )
        for n in range(count)
    )
    now = timezone.now()
    CitizenProfile.objects.bulk_create(
        CitizenProfile(
            user=user,
            normalized_email=user.email.lower(),
            display_name=f"شهروند كوشا‌ي {n}",
            email_verified_at=now,
        )
        for n, user in enumerate(users)
    )
    tokens = Token.objects.bulk_create(Token(user=user, key=Token.generate_key()) for user in users)
    return users, [token.key for token in tokens]


def warm_up(port, poll_id, requests_at_once):
    """Concurrent reads, so that every worker has loaded the code and opened its connection."""
    path = f"/api/participation/polls/{poll_id}/results/"
    with ThreadPoolExecutor(max_workers=requests_at_once) as pool:
        list(pool.map(lambda _n: request(port, "GET", path), range(requests_at_once * 2)))


def fire(port, poll_id, jobs):
    """Send every ``(token, choice_ids)`` job at once; returns (results in order, wall seconds)."""
    path = f"/api/participation/polls/{poll_id}/votes/"
    start = threading.Barrier(len(jobs) + 1)

    def vote(job):
        token, choice_ids = job
        start.wait(timeout=REQUEST_TIMEOUT)
        try:
            return request(port, "POST", path, token=token, body={"choices": choice_ids})
        except OSError as error:
            return None, {"error": repr(error)}, float("nan")

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(vote, job) for job in jobs]
        start.wait(timeout=REQUEST_TIMEOUT)
        began = time.perf_counter()
        results = [future.result() for future in futures]
        wall = time.perf_counter() - began
    return results, wall


def check_counts(poll_id, choice_ids, users, voters, results, port):
    """Compare statuses, the database and the results API with what was sent; list problems."""
    from collections import Counter

    from participation.models import Vote, VoteChoice

    problems = []
    voter_statuses = Counter(status for status, _data, _ms in results[:voters])
    duplicate_statuses = Counter(status for status, _data, _ms in results[voters:])
    if voter_statuses != {201: voters}:
        problems.append(f"citizens' answers {dict(voter_statuses)}, expected {{201: {voters}}}")
    if duplicate_statuses != {201: 1, 409: DUPLICATES - 1}:
        problems.append(
            f"duplicate sender's answers {dict(duplicate_statuses)}, "
            f"expected {{201: 1, 409: {DUPLICATES - 1}}}"
        )
    expected = Counter(choice_ids[n % len(choice_ids)] for n in range(voters))
    expected[choice_ids[0]] += 1  # the duplicate sender's one vote
    in_database = Counter(
        VoteChoice.objects.filter(vote__poll_id=poll_id).values_list("choice_id", flat=True)
    )
    if in_database != expected:
        problems.append(f"votes per choice in the database {in_database}, expected {expected}")
    duplicate_votes = Vote.objects.filter(poll_id=poll_id, voter=users[voters]).count()
    if duplicate_votes != 1:
        problems.append(f"the duplicate sender has {duplicate_votes} votes, expected 1")
    status, data, _ms = request(port, "GET", f"/api/participation/polls/{poll_id}/results/")
    from_api = {row["id"]: row["votes"] for row in (data or {}).get("choices", [])}
    if status != 200 or from_api != dict(expected) or data["total_votes"] != voters + 1:
        problems.append(f"results API ({status}) {data}, expected {dict(expected)}")
    return problems, in_database, expected


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--voters", type=int, default=200, help="concurrent citizens (200)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (1)")
    args = parser.parse_args()
    if not 1 <= args.voters <= 5000:
        parser.error("--voters must be between 1 and 5000")
    redis = redis_url()
    cache_prefix = f"shafaf-bench-votes-{secrets.token_hex(4)}"
    env = server_environment(DATABASE_NAME, redis, cache_prefix)
    recreate_database(DATABASE_NAME)
    set_up_django(env)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    poll_id, choice_ids = create_poll()
    users, tokens = create_citizens(args.voters + 1)
    port = free_port()
    jobs = [(tokens[n], [choice_ids[n % len(choice_ids)]]) for n in range(args.voters)]
    jobs += [(tokens[args.voters], [choice_ids[0]])] * DUPLICATES

    log = tempfile.NamedTemporaryFile(prefix="shafaf-bench-gunicorn-", suffix=".log", delete=False)
    server = start_gunicorn(port, args.workers, args.threads, env, log)
    try:
        wait_until_serving(server, port, f"/api/participation/polls/{poll_id}/results/")
        warm_up(port, poll_id, args.workers * args.threads * 4)
        results, wall = fire(port, poll_id, jobs)
        problems, in_database, expected = check_counts(
            poll_id, choice_ids, users, args.voters, results, port
        )
    finally:
        stop(server)
        log.close()
        delete_cache_keys(redis, cache_prefix)
        close_connections()
        drop_database(DATABASE_NAME)
        remove_scratch_directories(env)

    latencies = sorted(ms for _status, _data, ms in results if ms == ms)
    errors = [data for status, data, _ms in results if status is None or status >= 500]
    lines = [
        f"gunicorn: {args.workers} workers × {args.threads} threads, cache {redis}, "
        f"PostgreSQL {DATABASE_NAME}",
        f"requests: {len(jobs)} at once ({args.voters} citizens + 1 citizen × {DUPLICATES})",
        f"wall time: {wall:.2f} s",
        f"votes recorded per second: {sum(expected.values()) / wall:.1f}",
        f"requests per second: {len(jobs) / wall:.1f}",
        f"latency ms: p50 {statistics.median(latencies):.0f}, "
        f"p95 {percentile(latencies, 0.95):.0f}, max {latencies[-1]:.0f}",
        f"votes per choice: {dict(in_database)} (expected {dict(expected)})",
    ]
    if errors:
        problems.append(f"{len(errors)} requests failed, first: {errors[0]}")
    lines.append("count check: " + ("OK" if not problems else "FAILED"))
    lines += [f"  - {problem}" for problem in problems]
    if problems:
        lines.append(f"gunicorn log: {log.name}")
    print("\n".join(lines))  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
