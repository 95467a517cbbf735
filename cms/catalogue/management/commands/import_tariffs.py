"""manage.py import_tariffs FILE --year 1404: load a year's fees from CSV or XLSX."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.catalogue.tariff_import import TariffImportError, import_tariffs


class Command(BaseCommand):
    help = (
        "Import a Jalali year's tariff table from a CSV (UTF-8) or XLSX file with the columns "
        "code, title, unit, amount, legal_basis, effective_date (or their Persian names). "
        "Every row is checked first; any problem means nothing is written. Re-running with "
        "a corrected file replaces that year's items while the year is unpublished; a "
        "published year is history and is never replaced (unpublish it in the admin first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--year", type=int, required=True, help="Jalali fiscal year, e.g. 1404")
        parser.add_argument(
            "--title", default="", help="Title of the table (default: Tariffs of YEAR)"
        )
        parser.add_argument("--publish", action="store_true", help="Show the table to the public")

    def handle(self, *args, file, year, title, publish, **options):
        if not file.is_file():
            raise CommandError(f"{file} does not exist.")
        try:
            table = import_tariffs(
                file.read_bytes(), file.name, fiscal_year=year, title=title, publish=publish
            )
        except TariffImportError as error:
            raise CommandError(
                f"Nothing imported; {len(error.problems)} problem(s):\n{error}"
            ) from None
        state = "published" if table.published else "not published"
        self.stdout.write(
            self.style.SUCCESS(f"{table.items.count()} tariffs imported for {year} ({state}).")
        )
