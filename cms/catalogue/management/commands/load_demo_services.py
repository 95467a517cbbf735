from django.conf import settings
from django.core.management.base import BaseCommand

from cms.catalogue.demo import load_demo_services
from cms.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Add the demo service catalogue and the 1404 tariff table, unless services exist."

    def handle(self, *args, **options):
        created = load_demo_services(ensure_site_structure(settings.WAGTAIL_SITE_NAME))
        self.stdout.write(
            f"Demo services: {created} created." if created else "Demo services: already there."
        )
