"""``manage.py open_poll_reviews``: put every closed poll's results in the council's queue."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from participation.feedback import workflow
from participation.models import PollPage


def closed_polls_without_review(now):
    """Published polls that have closed by ``now`` and have no review case yet.

    A poll that was never published (or was unpublished) collected no votes to review.
    """
    return (
        PollPage.objects.live()
        .filter(closes_at__lte=now, review__isnull=True)
        .order_by("closes_at", "pk")
    )


class Command(BaseCommand):
    help = (
        f"Open a council review case ({workflow.POLL_RESPONSE_DAYS} working days to answer) for "
        "every published poll that has closed and has none yet. Meant for a daily timer; safe "
        "to re-run: a poll gets at most one case."
    )

    def handle(self, *args, **options):
        opened = 0
        for poll in closed_polls_without_review(timezone.now()):
            case = workflow.open_case_for_poll(poll)
            opened += 1
            if options["verbosity"] >= 1:
                self.stdout.write(f"{case.tracking_code}: {poll.title}")
        self.stdout.write(f"{opened} poll review case(s) opened.")
