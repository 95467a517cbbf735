"""Vote benchmark: N citizens vote at once through the API, against gunicorn on PostgreSQL.

Run on demand (pytest never collects tests/bench):

    .venv/bin/python tests/bench/bench_votes.py                  # 200 voters, 4 workers
    .venv/bin/python tests/bench/bench_votes.py --voters 500 --workers 8
    REDIS_URL=redis://127.0.0.1:6379/15 .venv/bin/python tests/bench/bench_votes.py

It DROPS and recreates the scratch database shafaf_bench_votes on 127.0.0.1:5432 (user
postgres), and refuses any other database. It migrates, publishes one poll for signed-in
citizens, creates N citizens with API tokens and one more who sends the same vote 20 times,
starts gunicorn (portal.wsgi, production settings with raised rate limits: see
votes_settings.py) on a free loopback port, then releases all N + 20 requests at once
(``POST /api/participation/polls/<id>/votes/`` with ``Authorization: Token …``).

Prints votes per second, p50/p95/max latency, and the count check: every citizen's vote
counted once in the right choice, exactly one vote for the duplicate sender. Exits 1 when a
count or a status is wrong. The cache is per worker (locmem) unless REDIS_URL is set.
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

DATABASE_NAME = "shafaf_bench_votes"
DATABASE_URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE_NAME}"
SETTINGS = "tests.bench.votes_settings"
DUPLICATES = 20
CHOICES = ["بوستان محله‌ی نارمک", "كتابخانه‌ي عمومي", "پیاده‌راه خیابان اصلی"]
REQUEST_TIMEOUT = 60  # seconds, for one request
STARTUP_TIMEOUT = 30  # seconds, for gunicorn to answer


def check_scratch_database(url):
    """Refuse to touch anything but the scratch database on this machine."""
    parts = urlsplit(url)
    if parts.hostname not in {"127.0.0.1", "localhost"} or parts.path != f"/{DATABASE_NAME}":
        sys.exit(f"Refusing to run against {url!r}: only {DATABASE_URL} may be emptied.")


def server_environment(port):
    """The environment production settings need, pointed at the scratch database."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=DATABASE_URL,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=tempfile.mkdtemp(prefix="shafaf-bench-static-"),
        MEDIA_ROOT=tempfile.mkdtemp(prefix="shafaf-bench-media-"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
    )
    return env


def recreate_database():
    import psycopg

    with psycopg.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def set_up_django(env):
    os.environ.update(env)
    import django

    django.setup()


def create_poll_and_voters(count):
    """A live poll for signed-in citizens with results shown, and ``count + 1`` token holders."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from cms.site_structure import ensure_site_structure
    from participation.models import PollChoice, PollIndexPage, PollPage

    home = ensure_site_structure("شهرداری محک")
    section = PollIndexPage.objects.child_of(home).get()
    now = timezone.now()
    poll = section.add_child(
        instance=PollPage(
            title="نظرسنجي محک: کدام طرح، محله‌ی ما را بهتر می‌کند؟",
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
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"bench-citizen-{n}", first_name="شهروند", password="!")  # unusable
        for n in range(count + 1)
    )
    tokens = Token.objects.bulk_create(Token(user=user, key=Token.generate_key()) for user in users)
    return poll.pk, choice_ids, users, [token.key for token in tokens]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(port, method, path, token=None, body=None):
    """One HTTP request on a fresh connection; returns (status, parsed JSON or None, ms)."""
    headers = {"Accept": "application/json", "Accept-Language": "fa"}
    if token:
        headers["Authorization"] = f"Token {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    elapsed = (time.perf_counter() - started) * 1000
    try:
        data = json.loads(payload)
    except ValueError:
        data = None
    return response.status, data, elapsed


def start_gunicorn(port, workers, threads, env, log):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "portal.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--backlog=2048",
        f"--timeout={REQUEST_TIMEOUT}",
        "--log-level=warning",
    ]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def wait_until_serving(server, port, poll_id):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            status, _data, _ms = request(
                port, "GET", f"/api/participation/polls/{poll_id}/results/"
            )
        except OSError:
            time.sleep(0.1)
            continue
        if status == 200:
            return
        raise RuntimeError(f"gunicorn answers the results with status {status}")
    raise RuntimeError(f"gunicorn did not answer within {STARTUP_TIMEOUT} s")


def warm_up(port, poll_id, requests_at_once):
    """Concurrent reads, so that every worker has loaded the code and opened its connection."""
    path = f"/api/participation/polls/{poll_id}/results/"
    with ThreadPoolExecutor(max_workers=requests_at_once) as pool:
        list(pool.map(lambda _n: request(port, "GET", path), range(requests_at_once * 2)))


def stop(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


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


def percentile(sorted_values, fraction):
    index = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


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
    check_scratch_database(DATABASE_URL)

    port = free_port()
    env = server_environment(port)
    recreate_database()
    set_up_django(env)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    poll_id, choice_ids, users, tokens = create_poll_and_voters(args.voters)
    jobs = [(tokens[n], [choice_ids[n % len(choice_ids)]]) for n in range(args.voters)]
    jobs += [(tokens[args.voters], [choice_ids[0]])] * DUPLICATES

    log = tempfile.NamedTemporaryFile(prefix="shafaf-bench-gunicorn-", suffix=".log", delete=False)
    server = start_gunicorn(port, args.workers, args.threads, env, log)
    try:
        wait_until_serving(server, port, poll_id)
        warm_up(port, poll_id, args.workers * args.threads * 4)
        results, wall = fire(port, poll_id, jobs)
        problems, in_database, expected = check_counts(
            poll_id, choice_ids, users, args.voters, results, port
        )
    finally:
        stop(server)
        log.close()

    latencies = sorted(ms for _status, _data, ms in results if ms == ms)
    errors = [data for status, data, _ms in results if status is None or status >= 500]
    cache = "redis" if os.environ.get("REDIS_URL") else "locmem (per worker)"
    lines = [
        f"gunicorn: {args.workers} workers × {args.threads} threads, cache {cache}, "
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
