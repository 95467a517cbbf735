"""``manage.py send_review_reminders``: the daily reminders and escalations of review cases."""

from django.core.management.base import BaseCommand

from participation.feedback.reminders import reminder_days, send_reminders


class Command(BaseCommand):
    help = (
        "Remind assignees of cases due within the next working days (SHAFAF_REVIEW_REMINDER_DAYS, "
        "default 2) and escalate unanswered cases past their deadline to the council. Meant for a "
        "daily timer; safe to re-run: each case is reminded and escalated at most once."
    )

    def handle(self, *args, **options):
        outcome = send_reminders()
        self.stdout.write(
            f"{outcome.reminded} reminder(s) sent (cases due within {reminder_days()} working "
            f"days), {outcome.escalated} overdue case(s) escalated."
        )
