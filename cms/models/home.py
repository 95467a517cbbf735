"""The home page, plain pages (About, Contact) and the staff directory."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock

from .base import ContentPage
from .directory import Department


class HomePage(Page):
    """The city's front page: featured items and the latest of every section."""

    welcome = models.TextField(_("welcome text"), blank=True)
    latest_count = models.PositiveSmallIntegerField(
        _("items per section"),
        default=4,
        help_text=_("How many of the latest items each section shows."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("welcome"),
        FieldPanel("latest_count"),
        InlinePanel("featured_items", label=_("Featured items"), max_num=6),
    ]
    search_fields = [*Page.search_fields, index.SearchField("welcome")]
    api_fields = [APIField("welcome"), APIField("featured_items")]

    parent_page_types = ["wagtailcore.Page"]

    @classmethod
    def clean_subpage_models(cls):
        """The portal's sections: cms's own and those other apps register as site sections."""
        if cls._clean_subpage_models is None:
            from cms.site_structure import site_sections

            cls._clean_subpage_models = list(
                dict.fromkeys(model for model, _slug, _title in site_sections())
            )
        return cls._clean_subpage_models

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.services import latest_by_section

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = [
            item.page.specific
            for item in self.featured_items.select_related("page")
            if item.page.live
        ]
        context["sections"] = latest_by_section(self, self.latest_count)
        return context


class FeaturedItem(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("page")]
    api_fields = [APIField("page")]


class StandardPage(ContentPage):
    """About, Contact and other plain pages."""

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class StaffDirectoryPage(RoutablePageMixin, Page):
    """The phone book: staff grouped by department; ``chart/`` shows the organisation chart."""

    intro = StreamField(BodyBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("staff directory")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = Department.objects.prefetch_related("staff")
        return context

    @path("chart/", name="organisation_chart")
    def organisation_chart(self, request):
        from cms.organisation import department_tree

        return self.render(
            request,
            template="cms/organisation_chart.html",
            context_overrides={"tree": department_tree()},
        )
