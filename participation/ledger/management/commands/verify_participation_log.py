"""``manage.py verify_participation_log``: check that no participation log entry was tampered with."""

import re

from django.core.management.base import BaseCommand, CommandError

from participation.ledger import chain

EXPECT_FORMAT = re.compile(r"^(\d+):([0-9a-f]{64})$")


def expected_hash(value):
    """``NUMBER:HASH`` from --expect, as (number, hash)."""
    match = EXPECT_FORMAT.match(value.strip().lower())
    if not match:
        raise CommandError(
            f"--expect takes NUMBER:HASH (an entry number, a colon, 64 hex digits), not {value!r}.",
            returncode=2,
        )
    return int(match[1]), match[2]


class Command(BaseCommand):
    help = (
        "Check the participation log: votes cast, changed and withdrawn, suggestions and "
        "complaints received, official responses published. Every entry's hash must match its "
        "contents and the entry before it, with no number missing, and the last entry must be "
        "the one the log's head recorded, so an edited, deleted, inserted or reordered entry is "
        "found. Exits 0 and prints the number of entries and the last hash when the log is "
        "intact (keep that line: --expect checks it later); exits 1 naming the first bad entry "
        "otherwise, 2 on a malformed option. Reads only; safe to run at any time, while people "
        "vote."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="NUMBER:HASH",
            help=(
                "An entry number and hash from an earlier run (repeatable). Catches a log "
                "rewritten with every hash recomputed, which the chain alone cannot."
            ),
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=10_000,
            metavar="N",
            help="Report progress after every N entries (default 10000).",
        )

    def handle(self, *args, **options):
        expected = dict(expected_hash(value) for value in options["expect"])
        if options["progress_every"] < 1:
            raise CommandError("--progress-every must be at least 1.", returncode=2)

        def progress(checked, total):
            if options["verbosity"] >= 1:
                self.stdout.write(f"Checked {checked} of {total} entries…")

        try:
            intact = chain.verify(
                expected=expected, progress=progress, chunk_size=options["progress_every"]
            )
        except chain.BrokenChain as broken:
            raise CommandError(f"The participation log was tampered with. {broken}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"The participation log is intact: {intact.count} entries; "
                f"last {intact.count}:{intact.last_hash}"
            )
        )
