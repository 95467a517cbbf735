"""The demo city under test for bench_load.py: its database, citizens, gunicorn, request mixes.

``prepare`` builds the scratch database once per run (migrated, demo content loaded as run.sh
does, search index built, static files collected, citizens with API tokens); each scenario
then starts a ``Server`` of its own and drives it with a mix of requests.
"""

import argparse
import http.client
import io
import secrets
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from bench_votes import create_citizens, create_poll
from harness import (
    database_exists,
    free_port,
    recreate_database,
    request,
    server_environment,
    set_up_django,
    start_gunicorn,
    stop,
    wait_until_serving,
)
from loadgen import (
    LOAD_TIMEOUT,
    check_suggestions,
    check_votes,
    read_job,
    suggestion_job,
    vote_job,
)

DATABASE_NAME = "shafaf_bench_load"
CITIZENS = 20_000  # token holders, each votes at most once in all the scenarios together
DEMO_COMMANDS = [
    "load_demo",
    "load_demo_polls",
    "load_demo_services",
    "load_demo_council",
    "load_demo_accounts",
    "load_demo_discussions",
    "load_demo_feedback",
    "rebuild_search",
]


@dataclass
class Bench:
    """What the scenarios share: the server's settings, then (``prepare``) the demo content
    and the citizens."""

    args: argparse.Namespace
    redis: str
    tag: str = field(default_factory=lambda: secrets.token_hex(3))
    env: dict = field(default_factory=dict)
    reads: list = field(default_factory=list)  # (kind, path, is a page)
    box_id: int | None = None
    users: list = field(default_factory=list)
    tokens: list = field(default_factory=list)
    next_citizen: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.env = server_environment(DATABASE_NAME, self.redis, self.cache_prefix)

    @property
    def cache_prefix(self):
        return f"shafaf-bench-load-{self.tag}"

    def citizen(self):
        """The index of a citizen who has not voted yet, or None when all have."""
        with self.lock:
            if self.next_citizen >= len(self.users):
                return None
            self.next_citizen += 1
            return self.next_citizen - 1


class Server:
    """Gunicorn for one scenario, on a port of its own, logging to a file kept for reading.

    Its timeout is production's (deploy/gunicorn.conf.py): a request running longer has its
    worker killed and replaced.
    """

    def __init__(self, bench, redis=None, warm=True):
        self.bench = bench
        self.warm = warm
        self.port = free_port()
        env = dict(bench.env, REDIS_URL=redis or bench.redis)
        self.log = tempfile.NamedTemporaryFile(
            prefix="shafaf-bench-load-", suffix=".log", delete=False
        )
        self.process = start_gunicorn(
            self.port, bench.args.workers, bench.args.threads, env, self.log, timeout=30
        )

    def __enter__(self):
        try:
            wait_until_serving(self.process, self.port, "/healthz")
            if self.warm:
                warm_up(self.port, self.bench)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        stop(self.process)
        self.log.close()

    def log_summary(self):
        """Counts of the notable records in gunicorn's log, with its path."""
        text = Path(self.log.name).read_text(errors="replace")
        ignored = text.count("ERROR django_redis.cache")
        # The 503 of the scenario's own look at /readyz is no error of the site's.
        probes = text.count("Service Unavailable: /readyz")
        errors = text.count(" ERROR ") - ignored - probes + text.count("[ERROR]")
        return (
            f"gunicorn log: {errors} errors, {ignored} Redis errors ignored, "
            f"{text.count('WORKER TIMEOUT')} worker timeouts, {text.count(' WARNING ')} "
            f"warnings ({self.log.name})"
        )


def warm_up(port, bench):
    """Every read once per worker, at once: each worker loads its templates and connects.

    Failures are left to the measured load to show.
    """

    def get(path):
        try:
            request(port, "GET", path, timeout=LOAD_TIMEOUT)
        except (OSError, http.client.HTTPException):
            pass

    paths = [path for _kind, path, _html in bench.reads] * bench.args.workers
    with ThreadPoolExecutor(max_workers=bench.args.workers) as pool:
        list(pool.map(get, paths))


def prepare(bench):
    """Fill the scratch database with the demo city and citizens with API tokens."""
    reuse = bench.args.keep_database and database_exists(DATABASE_NAME)
    if not reuse:
        recreate_database(DATABASE_NAME)
    set_up_django(bench.env)
    from django.core.management import call_command

    started = time.perf_counter()
    # Production settings serve hashed static files from a manifest: without one, every
    # page fails. STATIC_ROOT is a fresh directory of this run.
    call_command("collectstatic", interactive=False, verbosity=0)
    # Even a reused database: the code may have gained migrations since.
    call_command("migrate", verbosity=0)
    if not reuse:
        for command in DEMO_COMMANDS:
            call_command(command, stdout=io.StringIO(), stderr=io.StringIO())
    bench.users, bench.tokens = create_citizens(CITIZENS, prefix=f"bench-load-{bench.tag}")
    bench.reads = read_paths()
    bench.box_id = demo_box_id()
    say(
        f"database {DATABASE_NAME}: "
        + ("reused, migrated" if reuse else "migrated, demo city loaded and indexed")
        + f", static files collected, {CITIZENS} citizens with tokens"
        + f" ({time.perf_counter() - started:.0f} s)"
    )


def read_paths():
    """(kind, path, is a page) of what the read mix asks for, found in the demo content."""
    from cms.models import NewsIndexPage, NewsPage

    section = NewsIndexPage.objects.live().first()
    detail = NewsPage.objects.live().order_by("pk").first()
    return [
        ("home", "/", True),
        ("section", urlsplit(section.url).path, True),
        ("detail", urlsplit(detail.url).path, True),
        ("search", "/search/?q=" + quote("آسفالت معابر"), True),
        ("api pages", "/api/v2/pages/?type=cms.NewsPage", False),
        ("api search", "/api/search/?q=" + quote("شوراي شهر"), False),
    ]


def demo_box_id():
    """The demo box that takes signed-in citizens' suggestions."""
    from participation.feedback.models import SuggestionBoxPage

    return SuggestionBoxPage.objects.live().get(slug="urban-services").pk


def read_mix(bench):
    reads = bench.reads

    def next_job(client, n):
        kind, path, html = reads[(client + n) % len(reads)]
        return read_job(kind, path, html)

    return next_job


class WriteMix:
    """Reads, votes and suggestions, 2 : 2 : 1; each vote by a citizen who has not voted."""

    PATTERN = ("read", "vote", "read", "vote", "suggestion")

    def __init__(self, bench, scenario, retry):
        self.bench = bench
        self.retry = retry
        self.poll_id, self.choice_ids = create_poll(f"نظرسنجي بار {scenario} {bench.tag}")
        self.prefix = f"پيشنهاد آزمايشي {scenario} {bench.tag} شماره‌ی "
        self.submissions = 0
        self.lock = threading.Lock()

    def __call__(self, client, n):
        what = self.PATTERN[(client + n) % len(self.PATTERN)]
        bench = self.bench
        if what == "read":
            kind, path, html = bench.reads[(client + n) % len(bench.reads)]
            return read_job(kind, path, html)
        if what == "vote":
            key = bench.citizen()
            if key is None:
                return None
            choice = self.choice_ids[key % len(self.choice_ids)]
            return vote_job(self.poll_id, bench.tokens[key], choice, key, retry=self.retry)
        with self.lock:
            self.submissions += 1
            key = self.submissions
        token = bench.tokens[key % len(bench.tokens)]
        body = f"متن پيشنهاد شماره‌ی {key}: نیمکت و سایه‌بان برای ایستگاه‌های اتوبوس."
        return suggestion_job(bench.box_id, token, f"{self.prefix}{key}", body, key)

    def check(self, outcomes, port):
        vote_lines, vote_problems = check_votes(
            self.poll_id, self.choice_ids, self.bench.users, outcomes, port, strict=False
        )
        box_lines, box_problems = check_suggestions(self.bench.box_id, self.prefix, outcomes)
        return vote_lines + box_lines, vote_problems + box_problems


def say(line=""):
    print(line, flush=True)  # noqa: T201
