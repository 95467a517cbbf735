"""Mail the daily digest of pending notifications; run once a day from a timer."""

from django.core.management.base import BaseCommand, CommandError

from participation.accounts.digests import send_digests


class Command(BaseCommand):
    help = (
        "Mail every citizen who chose a daily digest their pending notifications, in one "
        "mail each. Safe to re-run: each notification is mailed once."
    )

    def handle(self, *args, **options):
        sent, failed = send_digests()
        self.stdout.write(f"Digests sent: {sent}, failed (kept for the next run): {failed}")
        if failed:
            raise CommandError(f"{failed} digest(s) could not be sent.")
