"""Gunicorn settings for Shafaf: ``gunicorn -c deploy/gunicorn.conf.py portal.wsgi``.

Everything can be changed from the environment:

* ``GUNICORN_BIND`` (default ``127.0.0.1:8000``, behind a proxy on the same host; ``0.0.0.0:8000``
  in a container, or ``unix:/run/shafaf/gunicorn.sock``);
* ``GUNICORN_WORKERS`` (default two per CPU plus one, at most nine) and ``GUNICORN_THREADS`` (default 1);
* ``GUNICORN_TIMEOUT`` (default 30 seconds) before a stuck worker is killed and replaced;
* ``FORWARDED_ALLOW_IPS`` (default ``127.0.0.1``): proxies trusted for X-Forwarded-Proto.

Access log to stdout, errors to stderr, so the process manager or container collects both.
"""

import multiprocessing
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# site/ holds the Django project, as manage.py puts it on the path; portal.wsgi defaults
# DJANGO_SETTINGS_MODULE to portal.settings.production.
pythonpath = f"{ROOT / 'site'},{ROOT}"
chdir = str(ROOT)

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Each worker holds its own database connection (CONN_MAX_AGE): mind PostgreSQL's
# max_connections across all instances before raising this.
workers = int(os.environ.get("GUNICORN_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 9)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, so a slow leak cannot grow without bound; the jitter
# keeps them from restarting together.
max_requests = 1000
max_requests_jitter = 100
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# Heartbeat files in memory, not on a disk that may stall (Docker's overlay, for one).
if Path("/dev/shm").is_dir():  # noqa: S108 - gunicorn's own advice
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# "-" is stdout for the access log and stderr for the error log.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
