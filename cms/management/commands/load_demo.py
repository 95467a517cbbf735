"""manage.py load_demo: the demo city «شهرداری نمونه» and an admin account, once."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.demo.loader import DemoLoadFailed, load_demo
from cms.importer import Progress

from .import_content import summary

ADMIN_USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Load the demo city (news, events, laws, tenders, projects, budgets, phone book, "
        "About and Home) through the importer, once: a second run changes nothing. Also "
        "creates the superuser 'admin' with the password in SHAFAF_ADMIN_PASSWORD, or a "
        "random one that is printed; an existing 'admin' keeps its password."
    )

    def handle(self, *args, **options):
        progress = Progress(self.stderr.write)
        try:
            report = load_demo(progress=progress)
        except DemoLoadFailed as failure:
            for error in failure.report.errors:
                self.stderr.write(str(error))
            raise CommandError("The demo files did not import; nothing was loaded.") from failure
        if report is None:
            self.stdout.write("The demo city is already loaded; nothing changed.")
        else:
            self.stdout.write(summary(report))
            self.stdout.write(self.style.SUCCESS("Demo city loaded."))
        self._ensure_admin()

    def _ensure_admin(self):
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        users = get_user_model()
        if users.objects.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write(
                f"The user '{ADMIN_USERNAME}' already exists; its password was not changed. "
                f"Log in at {admin_url}"
            )
            return
        password = os.environ.get("SHAFAF_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        users.objects.create_superuser(ADMIN_USERNAME, email="", password=password)
        self.stdout.write(
            f"Admin login: {admin_url}  username: {ADMIN_USERNAME}  password: {password}"
        )
