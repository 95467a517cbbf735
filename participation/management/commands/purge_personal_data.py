"""``manage.py purge_personal_data``: drop personal data older than the retention period."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from participation.retention import purge_personal_data


class Command(BaseCommand):
    help = (
        "Purge personal data older than SHAFAF_PERSONAL_DATA_RETENTION_DAYS (default 365): "
        "clear the contact email and phone of suggestions and complaints whose case was closed "
        "or answered before then (the case, its history and its answer stay), and delete "
        "django-axes' failed sign-in records (raw IP addresses) and digest notifications "
        "mailed before then. Accounts, votes, comments and the participation log are never "
        "touched. Prints a count per kind; meant for the daily timer, safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only count what would be purged; change nothing.",
        )

    def handle(self, *args, **options):
        days = settings.SHAFAF_PERSONAL_DATA_RETENTION_DAYS
        if days < 1:
            raise CommandError(
                f"SHAFAF_PERSONAL_DATA_RETENTION_DAYS must be at least 1 (it is {days})."
            )
        dry_run = options["dry_run"]
        counts = purge_personal_data(dry_run=dry_run)
        verb = "would be purged" if dry_run else "purged"
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} {verb}")
        self.stdout.write(f"{sum(counts.values())} item(s) {verb}, older than {days} day(s).")
