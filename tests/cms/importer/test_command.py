"""The import_content command: progress, summary, failure and help."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.models import (
    NewsPage,
)
from tests.cms.importer.items import (
    all_items,
    event,
    news,
    page_count,
)


def test_command_shows_progress_and_summary(home, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in all_items()), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    call_command("import_content", str(path), progress_every=2, stdout=out, stderr=err)

    assert "validated 2 of 6" in err.getvalue()
    assert "written 6 of 6" in err.getvalue()
    assert "news: 1 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "total: 6 created" in out.getvalue()


def test_command_fails_listing_bad_lines_and_writes_nothing(home, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(news()) + "\n" + json.dumps(event(place="")), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_content", str(path), stdout=io.StringIO(), stderr=err)

    assert "line 2: place is required." in err.getvalue()
    assert page_count() == 0


def test_command_dry_run_says_nothing_was_written(home, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(news()), encoding="utf-8")
    out = io.StringIO()

    call_command("import_content", str(path), dry_run=True, stdout=out, stderr=io.StringIO())

    assert "1 would be created" in out.getvalue()
    assert NewsPage.objects.count() == 0


def test_command_help_explains_the_format(capsys):
    with pytest.raises(SystemExit):
        call_command("import_content", "--help")

    help_text = capsys.readouterr().out
    assert "JSON object" in help_text
    assert "1403/02/12" in help_text
    assert "--dry-run" in help_text


def test_command_bulk_option_imports_and_is_explained(home, tmp_path, capsys):
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in all_items()), encoding="utf-8")
    out = io.StringIO()

    call_command("import_content", str(path), bulk=True, stdout=out, stderr=io.StringIO())
    with pytest.raises(SystemExit):
        call_command("import_content", "--help")

    assert "total: 6 created" in out.getvalue()
    assert page_count() == 6
    assert "--bulk" in capsys.readouterr().out
