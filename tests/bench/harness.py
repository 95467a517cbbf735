"""What the benchmarks share: a scratch PostgreSQL database, gunicorn on a loopback port, HTTP.

Everything stays on this machine: PostgreSQL on 127.0.0.1:5432 (user postgres), Redis on
127.0.0.1:6379 (database 14 unless REDIS_URL names another loopback one), gunicorn on a free
loopback port. Only databases named ``shafaf_bench_…`` are ever dropped.
"""

import ctypes
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

POSTGRES = "postgres://postgres@127.0.0.1:5432"
SCRATCH_PREFIX = "shafaf_bench_"
# Database 15 holds the test suite's keys; 14 is the benchmarks' own.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
SETTINGS = "tests.bench.bench_settings"
LOOPBACK = {"127.0.0.1", "localhost"}
REQUEST_TIMEOUT = 60  # seconds, for one request
STARTUP_TIMEOUT = 30  # seconds, for gunicorn to answer
PR_SET_PDEATHSIG = 1  # from linux/prctl.h
_LIBC = ctypes.CDLL(None, use_errno=True)


def database_url(name):
    """The URL of scratch database ``name``, refusing any name that is not a scratch one."""
    if not name.startswith(SCRATCH_PREFIX) or not name.replace("_", "").isalnum():
        sys.exit(f"Refusing database {name!r}: only {SCRATCH_PREFIX}… may be emptied.")
    return f"{POSTGRES}/{name}"


def check_loopback(url):
    """Refuse a service that is not on this machine."""
    if urlsplit(url).hostname not in LOOPBACK:
        sys.exit(f"Refusing {url!r}: the benchmarks only talk to 127.0.0.1.")


def recreate_database(name):
    """Drop (cutting off its connections) and create scratch database ``name``."""
    import psycopg

    database_url(name)
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def other_postgres_clients(name):
    """Databases other than ``name`` with clients connected: {database: connections}."""
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        rows = admin.execute(
            "SELECT datname, count(*) FROM pg_stat_activity"
            " WHERE backend_type = 'client backend' AND datname IS NOT NULL"
            " AND datname <> %s AND pid <> pg_backend_pid() GROUP BY datname",
            [name],
        ).fetchall()
    return dict(rows)


def postgres_cluster():
    """``pg_ctlcluster``'s first arguments for the one cluster on this machine."""
    versions = sorted(os.listdir("/etc/postgresql"))
    if len(versions) != 1:
        raise RuntimeError(f"expected one PostgreSQL version in /etc/postgresql, found {versions}")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main"]


def restart_postgres():
    """Restart PostgreSQL (fast shutdown: open transactions are rolled back)."""
    subprocess.run([*postgres_cluster(), "restart"], check=True, timeout=120, capture_output=True)


def ensure_postgres_running(timeout=60):
    """Start PostgreSQL if it is down, and wait until it takes connections again."""
    import psycopg

    status = subprocess.run([*postgres_cluster(), "status"], capture_output=True, timeout=30)
    if status.returncode != 0:
        subprocess.run([*postgres_cluster(), "start"], check=True, timeout=120, capture_output=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=2):
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def database_exists(name):
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres") as admin:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        return admin.execute(query, [name]).fetchone() is not None


def drop_database(name):
    import psycopg

    database_url(name)
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_url():
    """The Redis the benchmarks use: REDIS_URL if set (loopback only), else database 14."""
    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    check_loopback(url)
    return url


def server_environment(database, redis, cache_prefix):
    """The environment production settings need, pointed at the scratch services.

    ``cache_prefix`` keeps this run's keys (rate-limit counters above all) apart from any
    other run's in the same Redis database.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=database_url(database),
        REDIS_URL=redis,
        SHAFAF_BENCH_CACHE_PREFIX=cache_prefix,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=tempfile.mkdtemp(prefix="shafaf-bench-static-"),
        MEDIA_ROOT=tempfile.mkdtemp(prefix="shafaf-bench-media-"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
    )
    # Warnings and errors only (each page published, each request would flood the output).
    env.setdefault("LOG_LEVEL", "WARNING")
    env.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    return env


def remove_scratch_directories(env):
    """Delete the static and media directories ``server_environment`` made for this run."""
    for name in ("STATIC_ROOT", "MEDIA_ROOT"):
        path = Path(env[name])
        if path.name.startswith("shafaf-bench-") and path.parent == Path(tempfile.gettempdir()):
            shutil.rmtree(path, ignore_errors=True)


def set_up_django(env):
    """Configure Django in this process with the server's environment (to prepare and count)."""
    os.environ.update(env)
    import django

    django.setup()


def close_connections():
    """Drop this process's database connections: after a restart they are dead,
    and a database with clients cannot be dropped."""
    from django.db import connections

    connections.close_all()


def delete_cache_keys(redis, prefix, limit=100_000):
    """Remove this run's keys from Redis (at most ``limit``); quietly nothing if it is down."""
    import redis as redis_client

    try:
        client = redis_client.Redis.from_url(redis, socket_timeout=2, socket_connect_timeout=2)
        keys = []
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            keys.append(key)
            if len(keys) >= limit:
                break
        if keys:
            client.delete(*keys)
    except redis_client.RedisError:
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def request(
    port, method, path, token=None, body=None, timeout=REQUEST_TIMEOUT, accept="application/json"
):
    """One HTTP request on a fresh connection; returns (status, parsed JSON or None, ms)."""
    headers = {"Accept": accept, "Accept-Language": "fa"}
    if token:
        headers["Authorization"] = f"Token {token}"
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
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


def _die_with_parent():
    """In the child before exec: get SIGTERM when the thread that started it ends, so no
    gunicorn outlives a benchmark killed without a chance to clean up."""
    _LIBC.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_gunicorn(port, workers, threads, env, log, timeout=REQUEST_TIMEOUT):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "portal.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--backlog=2048",
        f"--timeout={timeout}",
        "--log-level=warning",
    ]
    # Only an async-signal-safe call runs between fork and exec (prctl, loaded beforehand).
    return subprocess.Popen(
        command,
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,
    )


def wait_until_serving(server, port, path, timeout=STARTUP_TIMEOUT):
    """Wait until ``path`` answers 200; raise if gunicorn exits, errs or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {server.returncode}")
        try:
            status, _data, _ms = request(port, "GET", path)
        except OSError:
            time.sleep(0.1)
            continue
        if status == 200:
            return
        raise RuntimeError(f"gunicorn answers {path} with status {status}")
    raise RuntimeError(f"gunicorn did not answer within {timeout} s")


def worker_pids(server):
    """The process ids of gunicorn's workers: the children of its master."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        # After the command name (in parentheses, may hold spaces): state, then parent pid.
        if int(stat.rsplit(")", 1)[1].split()[1]) == server.pid:
            pids.append(int(entry.name))
    return sorted(pids)


def stop(server):
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=5)


def percentile(sorted_values, fraction):
    index = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]
