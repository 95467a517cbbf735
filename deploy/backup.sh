#!/bin/sh
# Back up Shafaf: the database (pg_dump, custom format) and the media files, into
# $BACKUP_DIR/<UTC timestamp>/, then drop backups older than $BACKUP_KEEP_DAYS (default 14).
# Needs DATABASE_URL (PostgreSQL) and MEDIA_ROOT; restore with deploy/restore.sh.
set -eu
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
: "${BACKUP_DIR:?BACKUP_DIR must name the folder that keeps backups}"
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"
KEEP_DAYS="${BACKUP_KEEP_DAYS:-14}"

target="$BACKUP_DIR/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"
# Custom format: compressed, and pg_restore can restore it in parallel or table by table.
pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
if [ -d "$MEDIA_ROOT" ]; then
    tar -C "$MEDIA_ROOT" -czf "$target/media.tar.gz" .
fi
# A backup is complete only with its checksums; restore.sh refuses one without them.
(cd "$target" && sha256sum ./* > SHA256SUMS)
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d -mtime +"$KEEP_DAYS" -exec rm -rf {} +
echo "$target"
