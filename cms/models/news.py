"""News, announcements and events."""

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from cms.filters import ContentFilterSet, JalaliYearFilter
from cms.ical import CALENDAR_SIZE, calendar_response, event_item

from .base import ContentPage, GalleryImage, IndexPage, gallery_panel


class NewsPage(ContentPage):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        ANNOUNCEMENT = "announcement", _("Announcement")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(_("date"), default=timezone.localdate)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )

    content_panels = [
        *ContentPage.content_panels[:1],
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("image"),
        *ContentPage.content_panels[1:],
        gallery_panel(),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("kind"),
        APIField("date"),
        APIField("image"),
        APIField("gallery_images"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")


class NewsGalleryImage(GalleryImage):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="gallery_images")


class NewsFilter(ContentFilterSet):
    kind = django_filters.ChoiceFilter(choices=NewsPage.Kind.choices, label=_("Kind"))
    year = JalaliYearFilter(field_name="date")


class NewsIndexPage(IndexPage):
    child_model = NewsPage
    filterset_class = NewsFilter
    list_select_related = ("image",)
    ordering = ("-date", "-first_published_at")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("news section")


class EventPage(RoutablePageMixin, ContentPage):
    """An event; ``ical/`` under its URL downloads it for a calendar application."""

    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)

    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("place"), FieldPanel("address")],
            heading=_("When and where"),
        ),
        *ContentPage.content_panels[1:],
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("place"),
        index.FilterField("start"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("address"),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @path("ical/", name="ical")
    def ical(self, request):
        return calendar_response([event_item(self, request)], self.title, f"event-{self.pk}.ics")


class EventFilter(ContentFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        method="filter_when",
    )
    year = JalaliYearFilter(field_name="start")

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(start__gte=now).order_by("start")
        return queryset.filter(start__lt=now)


class EventIndexPage(IndexPage):
    """The events section; ``ical/`` serves its newest events as one calendar to subscribe to."""

    child_model = EventPage
    filterset_class = EventFilter
    ordering = ("-start",)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("events section")

    def feed_links(self):
        links = super().feed_links()
        if links:
            url = self.get_url() + self.reverse_subpage("ical")
            links.append(
                {"type": "text/calendar", "title": f"{self.title} (iCalendar)", "url": url}
            )
        return links

    @path("ical/", name="ical")
    def ical(self, request):
        events = self.get_listing().prefetch_related(None).select_related("locale")
        items = [event_item(event, request) for event in events[:CALENDAR_SIZE]]
        return calendar_response(items, self.title, f"events-{self.locale.language_code}.ics")
