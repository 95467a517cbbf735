"""``import_lines``: validate a whole JSON Lines file, then write all of it or nothing."""

import json
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import validation, writers
from .indexing import indexing_deferred
from .types import parse_item


@dataclass
class LineError:
    line_number: int
    message: str

    def __str__(self):
        return _("line %(line)d: %(message)s") % {"line": self.line_number, "message": self.message}


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do): counts per type, or the errors."""

    dry_run: bool = False
    counts: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    districts_created: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def count(self, type_name, action):
        return self.counts.get(type_name, Counter())[action]

    def totals(self):
        return sum(self.counts.values(), Counter())


class Progress:
    """Calls ``callback(message)`` every ``every`` items, e.g. "validated 200 of 1000".

    Stages build the whole message, so translators see one sentence, not a bare word.
    """

    def __init__(self, callback, every=200):
        self.callback = callback
        self.every = every

    def __call__(self, message):
        self.callback(message)


def import_lines(lines, *, dry_run=False, bulk=False, progress=None):
    """Import JSON Lines text (an iterable of lines) as published pages; see the README.

    Every line is checked first; if any is bad the report lists each problem with its line
    number and nothing is written. Otherwise all items are written in one transaction:
    new ``source_id`` values create pages, known ones get a new published revision, and
    items identical to their page are left alone. ``bulk`` writes new published pages in
    batches, to the same end state but without a ``save()`` per page (see ``bulk.py``).
    """
    report = ImportReport(dry_run=dry_run)
    errors = {}
    items = []
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            errors[line_number] = [_("Not valid JSON: %(error)s") % {"error": error}]
            continue
        item, problems = parse_item(line_number, data)
        if problems:
            errors[line_number] = problems
        if item is not None:
            items.append(item)
    planned = validation.plan(items, errors, progress)
    if errors:
        report.errors = [
            LineError(number, message) for number in sorted(errors) for message in errors[number]
        ]
        return report
    for item, (action, _page) in planned.actions.items():
        report.counts.setdefault(item.type, Counter())[action] += 1
    report.districts_created = sorted(planned.new_districts)
    if dry_run:
        return report
    try:
        models = {item.model for item in planned.actions}
        with transaction.atomic(), indexing_deferred(models) as note_written:
            writers.write(planned, progress, bulk=bulk, note_written=note_written)
    except writers.WriteFailed as failure:
        report.counts = {}
        report.districts_created = []
        report.errors = [LineError(failure.item.line_number, _describe(failure.error))]
    return report


def _describe(error):
    if isinstance(error, ValidationError):
        return "; ".join(validation.messages_of(error))
    return _("could not be saved (%(error)s); nothing was imported.") % {"error": error}
