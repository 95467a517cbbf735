#!/bin/sh
# The daily jobs: run once a day by deploy/systemd/shafaf-daily.timer (or compose's scheduler).
# Each command is safe to re-run; one failing does not stop the others, but makes the run fail.
cd "$(dirname "$0")/.." || exit 1
status=0
for command in \
    "open_poll_reviews" \
    "send_review_reminders" \
    "send_notification_digests" \
    "clearsessions" \
    "prune_db_task_results --min-age-days 30" \
    "purge_personal_data" \
    "verify_participation_log"; do
    # shellcheck disable=SC2086
    python manage.py $command || { echo "daily: '$command' failed" >&2; status=1; }
done
exit $status
