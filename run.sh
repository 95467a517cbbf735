#!/usr/bin/env bash
# Serve the Shafaf demo city at http://${HOST:-127.0.0.1}:${PORT:-8000}, setting everything up first.
set -euo pipefail
cd "$(dirname "$0")"

HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-portal.settings.dev}"
export WAGTAILADMIN_BASE_URL="${WAGTAILADMIN_BASE_URL:-http://$HOST:$PORT}"

source scripts/venv.sh
ensure_venv

echo "==> Applying database migrations"
python manage.py migrate --no-input
echo "==> Loading the demo city (only the first time)"
python manage.py load_demo
# Each part of the demo loads once; a second run changes nothing.
for demo in load_demo_polls load_demo_services load_demo_council load_demo_accounts \
    load_demo_discussions load_demo_feedback; do
    python manage.py "$demo"
done
echo "==> Building the search index"
python manage.py rebuild_search
echo "==> Serving http://$HOST:$PORT/ (admin: http://$HOST:$PORT/admin/); Ctrl+C stops"
exec python manage.py runserver "$HOST:$PORT"
