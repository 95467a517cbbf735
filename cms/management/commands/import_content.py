"""manage.py import_content: import news, events, laws, tenders, projects and budgets."""

import argparse
import sys

from django.core.management.base import BaseCommand, CommandError

from cms.importer import TYPES, Progress, import_lines

FORMAT = """
Each line of FILE is one JSON object, for example:
  {"type": "news", "source_id": "n-12", "title": "...", "date": "1403/02/12",
   "summary": "...", "body": "Paragraphs separated by blank lines", "tags": ["..."]}
type is one of: %(types)s (announcement = news of kind announcement).
"date" is the type's main date (news date, event start, law approval_date, tender
publish_date, project start_date, budget approved_on). Dates are 2024-05-01 or Jalali
1403/02/12, times "1403/02/12 10:30" in Tehran time; any digits. Body is plain text.
Items are published unless "live": false. Re-importing a source_id updates that page.
Every line is checked first: if one is bad, nothing is written.
"""


class Command(BaseCommand):
    help = "Import content from a JSON Lines file, all or nothing." + FORMAT % {
        "types": ", ".join(TYPES)
    }

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines file to import; - reads standard input.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every line, write nothing."
        )
        parser.add_argument(
            "--bulk",
            action="store_true",
            help=(
                "Write new published pages in batches: same checks and end state (live, "
                "one revision, tagged, logged, in the search index), many times faster for "
                "large first imports. Updates, drafts, laws that amend or repeal, and "
                "budgets are still written page by page."
            ),
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=200,
            help="Report progress every N items (default 200).",
        )

    def handle(self, *args, file, dry_run, bulk, progress_every, **options):
        progress = Progress(self._progress, every=max(progress_every, 1))
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        with stream:
            report = import_lines(stream, dry_run=dry_run, bulk=bulk, progress=progress)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} problem(s) found; nothing was imported.")
        self.stdout.write(summary(report))

    def _progress(self, message):
        self.stderr.write(message)


def summary(report):
    """One line per type with created / updated / unchanged counts, then the totals."""
    verb = "would be " if report.dry_run else ""
    rows = [
        f"{type_name}: {counts['created']} {verb}created, {counts['updated']} {verb}updated, "
        f"{counts['unchanged']} unchanged"
        for type_name, counts in sorted(report.counts.items())
    ]
    totals = report.totals()
    rows.append(
        f"total: {totals['created']} {verb}created, {totals['updated']} {verb}updated, "
        f"{totals['unchanged']} unchanged"
    )
    if report.districts_created:
        numbers = ", ".join(str(number) for number in report.districts_created)
        rows.append(f"districts {verb}created: {numbers}")
    if report.dry_run:
        rows.append("Dry run: nothing was written.")
    return "\n".join(rows)
