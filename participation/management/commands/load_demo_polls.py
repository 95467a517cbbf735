from django.conf import settings
from django.core.management.base import BaseCommand

from cms.site_structure import ensure_site_structure
from participation.demo import load_demo_polls


class Command(BaseCommand):
    help = "Add two demo polls to the polls section (created if missing), unless it has polls."

    def handle(self, *args, **options):
        home = ensure_site_structure(settings.WAGTAIL_SITE_NAME)
        created = load_demo_polls(home)
        self.stdout.write(
            f"Demo polls: {created} created." if created else "Demo polls: already there."
        )
