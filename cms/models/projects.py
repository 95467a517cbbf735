"""Municipal projects: where, who, how far along and what they cost."""

from decimal import Decimal

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from cms.filters import ContentFilterSet

from .base import ContentPage, GalleryImage, IndexPage, gallery_panel
from .directory import District


class ProjectPage(ContentPage):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        SUSPENDED = "suspended", _("Suspended")

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("district"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Planned or actual.")
    )
    budget = models.PositiveBigIntegerField(_("budget"), null=True, blank=True)
    spent = models.PositiveBigIntegerField(_("spent so far"), default=0)
    currency = models.CharField(
        _("currency"), max_length=3, choices=settings.SHAFAF_CURRENCIES, default="IRR"
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (percent)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    contractor = models.CharField(_("contractor"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )

    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
                FieldPanel("district"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("spent"), FieldPanel("currency")]),
                FieldPanel("contractor"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Project facts"),
        ),
        *ContentPage.content_panels[1:],
        gallery_panel(),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("contractor"),
        index.RelatedFields("district", [index.SearchField("name")]),
        index.FilterField("status"),
        index.FilterField("district"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("status"),
        APIField("district"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("budget"),
        APIField("spent"),
        APIField("currency"),
        APIField("progress"),
        APIField("contractor"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("gallery_images"),
    ]

    parent_page_types = ["cms.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="project_progress_at_most_100"
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("A project cannot end before it starts.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.status == self.Status.DONE and self.progress != 100:
            errors["progress"] = _("A finished project is 100 percent done.")
        if errors:
            raise ValidationError(errors)

    @property
    def spent_percent(self):
        """Share of the budget spent, or None when no budget is set."""
        if not self.budget:
            return None
        return round(self.spent * 100 / self.budget)


class ProjectGalleryImage(GalleryImage):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="gallery_images")


class ProjectFilter(ContentFilterSet):
    status = django_filters.ChoiceFilter(choices=ProjectPage.Status.choices, label=_("Status"))
    district = django_filters.ModelChoiceFilter(
        queryset=District.objects.all(), label=_("District"), empty_label=_("All districts")
    )


class ProjectIndexPage(IndexPage):
    child_model = ProjectPage
    filterset_class = ProjectFilter
    list_select_related = ("district",)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProjectPage"]

    class Meta:
        verbose_name = _("projects section")

    def get_context(self, request, *args, **kwargs):
        """The listing, plus a map of every (filtered) project and a summary by district."""
        from cms.fiscal.project_map import district_summary, mapped_projects, project_map

        context = super().get_context(request, *args, **kwargs)
        listing = context["page_obj"].paginator.object_list
        context["project_map"] = project_map(mapped_projects(listing))
        context["districts"] = district_summary(listing)
        return context
