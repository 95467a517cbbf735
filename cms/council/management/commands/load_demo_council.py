from django.conf import settings
from django.core.management.base import BaseCommand

from cms.council.demo import load_demo_council
from cms.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = (
        "Add the demo city council (a term, seven fictional members, three committees, "
        "meetings with agenda, motions and votes) to the council section. Safe to re-run."
    )

    def handle(self, *args, **options):
        home = ensure_site_structure(settings.WAGTAIL_SITE_NAME)
        created = load_demo_council(home)
        self.stdout.write(
            f"Demo council: {created} pages created." if created else "Demo council: already there."
        )
