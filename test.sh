#!/usr/bin/env bash
# Run the whole suite: lint, Django checks, then pytest on SQLite and, when reachable, PostgreSQL.
# Extra arguments go to pytest (e.g. ./test.sh -k tender). CI sets SHAFAF_REQUIRE_POSTGRES=1
# and SHAFAF_REQUIRE_REDIS=1 so that a missing PostgreSQL or Redis fails the run instead of
# being skipped.
set -euo pipefail
cd "$(dirname "$0")"

source scripts/venv.sh
ensure_venv test
export DJANGO_SETTINGS_MODULE=portal.settings.test
# CI sets SHAFAF_REQUIRE_REDIS=1 so a missing Redis fails tests/portal/test_redis.py instead of skipping it.
export SHAFAF_REQUIRE_REDIS="${SHAFAF_REQUIRE_REDIS:-0}"

# Browser tests need Debian's chromium; install it when we may, else they fail (never skip).
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "==> Installing Debian's chromium for the browser tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM

# The browser tests check pages with axe-core, pinned in package-lock.json; npm is required.
if [ ! -f node_modules/axe-core/axe.min.js ]; then
    if ! command -v npm >/dev/null; then
        echo "npm not found: install Node.js and npm (apt-get install npm); the accessibility tests need axe-core." >&2
        exit 1
    fi
    echo "==> Installing axe-core for the accessibility tests (npm ci)"
    npm ci --no-audit --no-fund
fi

echo "==> ruff"
ruff check .
ruff format --check .
echo "==> Django checks"
python manage.py check --fail-level WARNING
python manage.py makemigrations --check --dry-run

echo "==> pytest on SQLite"
python -m pytest "$@"

POSTGRES_URL="${POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/shafaf}"
if python - "$POSTGRES_URL" <<'PY'
import sys
import psycopg
from urllib.parse import urlsplit
url = urlsplit(sys.argv[1])
try:
    psycopg.connect(sys.argv[1].replace(url.path, "/postgres"), connect_timeout=3).close()
except psycopg.OperationalError as error:
    print(f"PostgreSQL not reachable at {url.hostname}:{url.port}: {error}", file=sys.stderr)
    sys.exit(1)
PY
then
    echo "==> pytest on PostgreSQL ($POSTGRES_URL)"
    DATABASE_URL="$POSTGRES_URL" python -m pytest -m "not e2e" "$@"
elif [ "${SHAFAF_REQUIRE_POSTGRES:-0}" = 1 ]; then
    echo "PostgreSQL is required here (SHAFAF_REQUIRE_POSTGRES=1) but not reachable." >&2
    exit 1
else
    echo "==> PostgreSQL not reachable: ran on SQLite only"
fi
