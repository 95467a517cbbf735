#!/bin/sh
# Restore a backup made by deploy/backup.sh into the database at DATABASE_URL (which must be
# empty: create it first) and into MEDIA_ROOT. Usage: deploy/restore.sh <backup folder>
set -eu
backup="${1:?usage: deploy/restore.sh <backup folder>}"
: "${DATABASE_URL:?DATABASE_URL must point at the (empty) PostgreSQL database to restore into}"
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || {
    echo "restore: $backup is incomplete or damaged (checksums differ); nothing restored." >&2
    exit 1
}
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$backup/database.dump"
if [ -f "$backup/media.tar.gz" ]; then
    mkdir -p "$MEDIA_ROOT"
    tar -C "$MEDIA_ROOT" -xzf "$backup/media.tar.gz"
fi
echo "restored $backup"
