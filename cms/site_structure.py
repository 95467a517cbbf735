"""Creates the portal's page tree: a home page and one page per section."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from cms.models import (
    BudgetIndexPage,
    EventIndexPage,
    HomePage,
    LawIndexPage,
    MediaIndexPage,
    NewsIndexPage,
    ProjectIndexPage,
    StaffDirectoryPage,
    StandardPage,
    TenderIndexPage,
)

# (model, slug, title): the sections every municipal portal has, in menu order.
SECTIONS = [
    (NewsIndexPage, "news", _("News and announcements")),
    (EventIndexPage, "events", _("Events")),
    (LawIndexPage, "laws", _("Laws and regulations")),
    (TenderIndexPage, "tenders", _("Tenders and auctions")),
    (ProjectIndexPage, "projects", _("Projects")),
    (BudgetIndexPage, "budgets", _("Budgets")),
    (MediaIndexPage, "media", _("Videos and audio")),
    (StaffDirectoryPage, "staff", _("Phone book")),
    (StandardPage, "about", _("About the municipality")),
]


def site_sections():
    """SECTIONS, then those other apps add through the ``register_site_section`` hook.

    Each hook returns (model, slug, title) tuples, so an app like participation can give the
    portal a section without cms importing it.
    """
    added = [entry for hook in hooks.get_hooks("register_site_section") for entry in hook()]
    return [*SECTIONS, *added]


@transaction.atomic
def ensure_site_structure(site_name):
    """Return the home page, creating it, the default site and missing sections. Safe to re-run."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title=site_name, slug="home-fa", locale=Locale.get_default())
        )
        old_root = site.root_page if site else None
        site = site or Site(is_default_site=True)
        # The public address, so API and feed links point where the site is served.
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        site.hostname = address.hostname or "localhost"
        site.port = address.port or (443 if address.scheme == "https" else 80)
        site.root_page = home
        site.site_name = site_name
        site.save()
        # Wagtail's migrations leave a placeholder welcome page; it has no use once we have a home.
        if old_root and type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    existing = {type(page) for page in home.get_children().specific()}
    with translation.override(settings.LANGUAGE_CODE):
        for model, slug, title in site_sections():
            if model not in existing:
                home.add_child(
                    instance=model(
                        title=str(title), slug=slug, locale=home.locale, show_in_menus=True
                    )
                )
    return home


def section(home, model):
    """The live section page of ``model`` under ``home``."""
    return model.objects.child_of(home).first()


@transaction.atomic
def ensure_translated_structure(home, language_code):
    """Give ``home`` and its sections a published translation in ``language_code``.

    The copies get their titles in that language; their content stays for editors to
    translate. Safe to re-run: existing translations are left alone.
    """
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    titles = {model: title for model, _slug, title in site_sections()}
    with translation.override(language_code):
        for page in [home, *home.get_children().specific()]:
            if page.get_translations().filter(locale=locale).exists():
                continue
            copy = page.copy_for_translation(locale, copy_parents=True)
            copy.title = copy.draft_title = str(titles.get(type(page), copy.title))
            copy.save_revision().publish()
    return home.get_translation(locale)
