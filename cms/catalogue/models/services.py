"""The service catalogue: what each municipal service needs, costs and takes, and who answers."""

import django_filters
from django.db import models
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.catalogue.blocks import RequiredDocumentsBlock, StepsBlock
from cms.filters import ContentFilterSet
from cms.models.base import ContentPage, IndexPage
from cms.models.directory import Department

from .tariffs import TariffItem, normalize_code


class LifeEvent(models.TextChoices):
    """The moments in a citizen's life the catalogue is grouped by, as people look for services."""

    BUILDING = "building", _("Building and housing")
    BUSINESS = "business", _("Business and trade")
    TRANSPORT = "transport", _("Vehicles and transport")
    ENVIRONMENT = "environment", _("Green space and environment")
    CLEANING = "cleaning", _("Waste and city cleaning")
    FAMILY = "family", _("Family, birth and burial")
    CULTURE = "culture", _("Culture, sport and leisure")
    OTHER = "other", _("Other services")


class ServicePage(ContentPage):
    """One service: purpose (summary/body), eligibility, steps, documents, fees, time, channels."""

    life_event = models.CharField(
        _("life event"), max_length=20, choices=LifeEvent.choices, default=LifeEvent.OTHER
    )
    eligibility = models.TextField(_("who may apply"), blank=True)
    steps = StreamField(StepsBlock(), blank=True, verbose_name=_("steps"))
    required_documents = StreamField(
        RequiredDocumentsBlock(), blank=True, verbose_name=_("required documents")
    )
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (working days)"),
        null=True,
        blank=True,
        help_text=_("The service-level target the municipality commits to."),
    )
    online_url = models.URLField(
        _("online application"), blank=True, help_text=_("Where to apply online, if one can.")
    )
    in_person = models.BooleanField(_("at a municipal office"), default=True)
    phone_137 = models.BooleanField(_("by phone (137)"), default=False)
    sms_number = models.CharField(_("SMS number"), max_length=20, blank=True)
    feedback_url = models.URLField(
        _("feedback link"),
        blank=True,
        help_text=_("Where citizens tell how the service went (a poll, a suggestion box...)."),
    )

    content_panels = [
        *ContentPage.content_panels[:1],
        FieldPanel("life_event"),
        *ContentPage.content_panels[1:3],
        FieldPanel("eligibility"),
        FieldPanel("steps"),
        FieldPanel("required_documents"),
        InlinePanel("fees", label=_("Fees")),
        InlinePanel("legal_basis", label=_("Legal basis")),
        MultiFieldPanel(
            [
                FieldPanel("processing_days"),
                FieldPanel("online_url"),
                FieldRowPanel([FieldPanel("in_person"), FieldPanel("phone_137")]),
                FieldPanel("sms_number"),
                FieldPanel("feedback_url"),
            ],
            heading=_("Time and channels"),
        ),
        *ContentPage.content_panels[3:],
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("eligibility"),
        index.SearchField("steps"),
        index.SearchField("required_documents"),
        index.FilterField("life_event"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("life_event"),
        APIField("eligibility"),
        APIField("steps"),
        APIField("required_documents"),
        APIField("fees"),
        APIField("legal_basis"),
        APIField("processing_days"),
        APIField("online_url"),
        APIField("in_person"),
        APIField("phone_137"),
        APIField("sms_number"),
        APIField("feedback_url"),
    ]

    parent_page_types = ["catalogue.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def current_fees(self):
        """(fee, tariff item or None) pairs, priced from the latest published tariff table."""
        fees = list(self.fees.all())
        latest = {}
        for item in (
            TariffItem.objects.filter(table__published=True, code__in=[f.tariff_code for f in fees])
            .select_related("table")
            .order_by("-table__fiscal_year")
        ):
            latest.setdefault(item.code, item)
        return [(fee, latest.get(fee.tariff_code)) for fee in fees]


class ServiceFee(Orderable):
    """A fee of a service, by its code in the tariff table, so a new year's table reprices it."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="fees")
    tariff_code = models.CharField(_("tariff code"), max_length=40)
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("tariff_code"), FieldPanel("note")]
    api_fields = [APIField("tariff_code"), APIField("note")]

    def clean(self):
        super().clean()
        self.tariff_code = normalize_code(self.tariff_code)

    def save(self, *args, **kwargs):
        # Also here, not only in clean(): fees made in code or by the demo loader skip clean().
        self.tariff_code = normalize_code(self.tariff_code)
        super().save(*args, **kwargs)


class ServiceLegalBasis(Orderable):
    """A law or regulation the service rests on."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="legal_basis")
    law = models.ForeignKey(
        "cms.LawPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("law")
    )

    panels = [PageChooserPanel("law")]
    api_fields = [APIField("law")]


class ServiceFilter(ContentFilterSet):
    life_event = django_filters.ChoiceFilter(choices=LifeEvent.choices, label=_("Life event"))
    department = django_filters.ModelChoiceFilter(
        field_name="responsible_department",
        queryset=Department.objects.all(),
        label=_("Department"),
    )


class ServiceIndexPage(IndexPage):
    """The catalogue: services grouped by life event and department, and the tariff tables."""

    child_model = ServicePage
    filterset_class = ServiceFilter
    list_select_related = ("responsible_department",)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["catalogue.ServicePage"]

    class Meta:
        verbose_name = _("services section")

    def get_listing(self):
        """Services by life event in LifeEvent's order, then by department and title.

        The stored keys sort alphabetically ("building", "business", "cleaning"...), not in
        the order declared for citizens, so the order is stated here; the page puts a heading
        over each life event's services.
        """
        life_event_order = Case(
            *(
                When(life_event=key, then=Value(position))
                for position, key in enumerate(LifeEvent.values)
            ),
            default=Value(len(LifeEvent.values)),
        )
        return (
            super()
            .get_listing()
            .order_by(
                life_event_order,
                F("responsible_department__name").asc(nulls_last=True),
                "title",
            )
        )

    @path("tariffs/")
    @path("tariffs/<int:year>/")
    def tariffs(self, request, year=None):
        """A published tariff table (the latest by default), searchable by code or title."""
        from cms.catalogue.views import tariff_table

        return tariff_table(request, self, year)
