"""deploy/backup.sh and deploy/restore.sh round-trip a PostgreSQL database and the media files.

They use pg_dump, so these tests run in test.sh's PostgreSQL pass and are skipped, with the
reason, in the SQLite one. The databases are made for the test, beside the test database.
"""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="backup.sh uses pg_dump: PostgreSQL pass only"
)


def database_url(name):
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"


def create_database():
    name = f"shafaf_backup_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


@pytest.fixture
def databases():
    """Create PostgreSQL databases on demand; drop them all afterwards."""
    made = []

    def make():
        made.append(create_database())
        return made[-1]

    yield make
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(script, *args, **env):
    return subprocess.run(
        ["sh", str(ROOT / "deploy" / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def decisions(name):
    with psycopg.connect(database_url(name)) as conn:
        return conn.execute("SELECT id, title FROM decision ORDER BY id").fetchall()


@pytest.fixture
def backup(databases, tmp_path):
    """A backup of a database holding Persian rows, and of a media folder holding one file."""
    source = databases()
    with psycopg.connect(database_url(source)) as conn:
        conn.execute("CREATE TABLE decision (id serial PRIMARY KEY, title text NOT NULL)")
        conn.execute(
            "INSERT INTO decision (title) VALUES (%s), (%s)",
            ["مصوبه‌ي شماره ۱۲ شوراي شهر", "قرارداد نگهداري فضاي سبز ٣"],
        )
    media = tmp_path / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "مصوبه.txt").write_text("متن مصوبه‌ي شوراي شهر", encoding="utf-8")
    result = run(
        "backup.sh",
        DATABASE_URL=database_url(source),
        BACKUP_DIR=str(tmp_path / "backups"),
        MEDIA_ROOT=str(media),
    )
    assert result.returncode == 0, result.stderr
    return {"folder": Path(result.stdout.strip().splitlines()[-1]), "source": source}


def test_a_backup_restores_into_an_empty_database_with_its_media(backup, databases, tmp_path):
    target = databases()
    restored_media = tmp_path / "restored-media"

    result = run(
        "restore.sh",
        str(backup["folder"]),
        DATABASE_URL=database_url(target),
        MEDIA_ROOT=str(restored_media),
    )

    assert result.returncode == 0, result.stderr
    assert decisions(target) == decisions(backup["source"])
    assert [title for _id, title in decisions(target)][0] == "مصوبه‌ي شماره ۱۲ شوراي شهر"
    restored = restored_media / "documents" / "مصوبه.txt"
    assert restored.read_text(encoding="utf-8") == "متن مصوبه‌ي شوراي شهر"


def test_a_damaged_backup_is_refused_and_restores_nothing(backup, databases, tmp_path):
    target = databases()
    dump = backup["folder"] / "database.dump"
    dump.write_bytes(dump.read_bytes()[:-100])

    result = run(
        "restore.sh",
        str(backup["folder"]),
        DATABASE_URL=database_url(target),
        MEDIA_ROOT=str(tmp_path / "restored-media"),
    )

    assert result.returncode != 0
    assert "damaged" in result.stderr
    with psycopg.connect(database_url(target)) as conn:
        (tables,) = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    assert tables == 0
    assert not (tmp_path / "restored-media").exists()
