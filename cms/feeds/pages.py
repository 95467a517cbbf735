"""Pages as Atom 1.0 (RFC 4287) or RSS 2.0 feeds, through Django's syndication framework.

Each entry has the page's title, link, publication and update times (RFC 3339 in Atom,
RFC 822 in RSS), its tags as categories and, as HTML summary, the date readers know it by
in Jalali (Persian digits on the Persian site) followed by its escaped summary.
A feed is the newest ``FEED_SIZE`` items, read in a fixed number of queries.
"""

import dataclasses
import datetime
from functools import cache

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import DateField, prefetch_related_objects
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from wagtail.models import Page, Site

from cms.models import IndexPage
from cms.templatetags.shafaf import jalali

FEED_SIZE = 30
FEED_KINDS = {kind: generator for kind, (_label, generator) in IndexPage.feed_types.items()}
#: What each entry needs besides its own row: its tags, one query for the whole feed.
ITEM_PREFETCH = ("tagged_items__tag",)


@dataclasses.dataclass
class FeedSource:
    """What a feed is about: its title, the HTML page it mirrors, its own URL and its items."""

    title: str
    link: str
    feed_url: str
    items: list
    description: str = ""


def _concrete_index_models(model=IndexPage):
    for subclass in model.__subclasses__():
        if not subclass._meta.abstract:
            yield subclass
        yield from _concrete_index_models(subclass)


@cache
def reader_date_field(model):
    """The field that dates a ``model`` item for readers: the first date its section sorts by.

    News by ``date``, events by ``start``, laws by ``approval_date``…; None when the section
    sorts by something else (budgets by fiscal year), and the item's publication is used.
    """
    for index_model in _concrete_index_models():
        if index_model.child_model is not model:
            continue
        for ordering in index_model.ordering:
            name = ordering.lstrip("-")
            field = model._meta.get_field(name) if name != "pk" else None
            if isinstance(field, DateField):  # DateTimeField is a DateField too
                return name
    return None


def reader_date(page):
    field = reader_date_field(type(page))
    value = getattr(page, field, None) if field else None
    return value or page.first_published_at


def site_name(request):
    site = Site.find_for_request(request)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


class PageFeed(Feed):
    """A feed of the pages of a :class:`FeedSource`; make one per request."""

    def __init__(self, feed_type=Atom1Feed):
        self.feed_type = feed_type
        self.request = None

    def get_object(self, request, source):
        self.request = request
        return source

    def title(self, source):
        return f"{source.title} | {site_name(self.request)}"

    def link(self, source):
        return source.link

    def feed_url(self, source):
        return source.feed_url

    def description(self, source):
        # RSS requires a channel description; the title says it when the section has none.
        return source.description or source.title

    def subtitle(self, source):
        return source.description or None

    def author_name(self, source):
        # RFC 4287 wants an author for the feed: the municipality publishes everything.
        return site_name(self.request)

    def items(self, source):
        return source.items

    def item_title(self, page):
        return page.title

    def item_link(self, page):
        return page.get_url(request=self.request)

    def item_description(self, page):
        # The feed formats carry this as HTML: format_html escapes the text itself, so markup
        # typed into a summary reaches readers as text.
        return format_html(
            '<p><time datetime="{}">{}</time></p><p>{}</p>',
            _machine_date(reader_date(page)),
            jalali(reader_date(page)),
            getattr(page, "summary", "") or getattr(page, "search_description", ""),
        )

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at or page.first_published_at

    def item_categories(self, page):
        return sorted(tagged.tag.name for tagged in page.tagged_items.all())


def _machine_date(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat() if value else ""


def feed_response(request, source, kind):
    """The ``kind`` (``atom`` or ``rss``) feed of ``source``, its items' tags prefetched."""
    prefetch_related_objects(source.items, *ITEM_PREFETCH)
    return PageFeed(FEED_KINDS[kind])(request, source)


def section_feed(index_page, request, kind):
    """The ``kind`` feed of a section: its newest live public items."""
    items = list(index_page.get_listing().prefetch_related(None)[:FEED_SIZE])
    source = FeedSource(
        title=index_page.title,
        link=index_page.get_url(request=request),
        feed_url=index_page.get_url(request=request) + index_page.reverse_subpage(f"feed_{kind}"),
        items=items,
        description=index_page.intro,
    )
    return feed_response(request, source, kind)


def tagged_pages(tag, language_code):
    """The newest live public pages in one language carrying ``tag``."""
    return list(
        Page.objects.live()
        .public()
        .filter(tagged_items__tag=tag, locale__language_code=language_code)
        .order_by("-first_published_at", "-pk")
        .specific()[:FEED_SIZE]
    )
