"""Loads the demo city once: districts, phone book, the imported content, About and Home."""

import json
from pathlib import Path

from django.db import transaction
from wagtail.models import Site
from wagtail.rich_text import RichText

from cms.demo.media import load_media
from cms.importer import import_lines
from cms.importer.fields import body_paragraphs
from cms.models import (
    BudgetPage,
    Department,
    District,
    EventPage,
    FeaturedItem,
    LawPage,
    NewsPage,
    ProjectPage,
    StaffMember,
    StandardPage,
    TenderPage,
)
from cms.site_structure import ensure_site_structure, ensure_translated_structure, section

DEMO_DIR = Path(__file__).resolve().parent
CONTENT_FILE = DEMO_DIR / "demo_city.jsonl"
DIRECTORY_FILE = DEMO_DIR / "directory.json"
# The About page carries this source_id once the demo is loaded; its presence means "done".
MARKER = "demo:about"
CONTENT_MODELS = [NewsPage, EventPage, LawPage, TenderPage, ProjectPage, BudgetPage]


class DemoLoadFailed(Exception):
    """The demo files did not import; ``report`` says why. Nothing was written."""

    def __init__(self, report):
        super().__init__("; ".join(str(error) for error in report.errors))
        self.report = report


def is_loaded():
    return StandardPage.objects.filter(source_id=MARKER).exists()


@transaction.atomic
def load_demo(progress=None):
    """Load the demo city unless it is there already; returns the ImportReport, or None if skipped."""
    if is_loaded():
        return None
    directory = json.loads(DIRECTORY_FILE.read_text(encoding="utf-8"))
    home = ensure_site_structure(directory["home"]["title"])
    _load_directory(directory)
    with CONTENT_FILE.open(encoding="utf-8") as lines:
        report = import_lines(lines, progress=progress)
    if not report.ok:
        raise DemoLoadFailed(report)
    _fill_about(home, directory["about"])
    load_media(home)
    _fill_home(home, directory["home"])
    ensure_translated_structure(home, "en")  # so the language switch has somewhere to go
    return report


def _load_directory(directory):
    for district in directory["districts"]:
        District.objects.update_or_create(
            number=district["number"], defaults={"name": district["name"]}
        )
    departments, places = {}, {}
    for data in directory["departments"]:
        # Parent and head name other rows; they are set once every row exists.
        places[data["name"]] = (data.pop("parent", None), data.pop("head", None))
        department, _created = Department.objects.update_or_create(name=data["name"], defaults=data)
        departments[department.name] = department
    staff = {}
    for data in directory["staff"]:
        department = departments[data.pop("department")]
        member, _created = StaffMember.objects.update_or_create(
            full_name=data.pop("full_name"), department=department, defaults=data
        )
        staff[member.full_name] = member
    for name, (parent, head) in places.items():
        department = departments[name]
        department.parent = departments[parent] if parent else None
        department.head = staff[head] if head else None
        department.full_clean()
        department.save()


def _fill_about(home, about):
    page = section(home, StandardPage)
    page.title = about["title"]
    page.summary = about["summary"]
    page.body = [("paragraph", RichText(html)) for html in body_paragraphs(about["body"])]
    page.source_id = MARKER
    page.save_revision().publish()


def _fill_home(home, data):
    home.title = data["title"]
    home.welcome = data["welcome"]
    pages = {}
    for model in CONTENT_MODELS:
        pages.update(
            model.objects.filter(source_id__in=data["featured"]).values_list("source_id", "pk")
        )
    home.featured_items = [
        FeaturedItem(page_id=pages[source_id], sort_order=position)
        for position, source_id in enumerate(data["featured"])
    ]
    home.save_revision().publish()
    Site.objects.filter(root_page=home).update(site_name=data["title"])
