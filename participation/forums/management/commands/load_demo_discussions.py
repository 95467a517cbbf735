from django.core.management.base import BaseCommand

from participation.forums.demo import load_demo_discussions


class Command(BaseCommand):
    help = (
        "Add demo forum categories and threads in Persian, and open comments (with a few "
        "comments) on the three newest news items. Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        created = load_demo_discussions()
        self.stdout.write(
            "Demo discussions: {categories} categories, {threads} threads created; "
            "comments opened on {pages} news pages.".format(**created)
        )
