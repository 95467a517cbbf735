"""Laws, regulations, circulars and council resolutions, with their amendments."""

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.search import index

from cms.filters import ContentFilterSet, JalaliYearFilter
from cms.timelines import law_timeline

from .base import ContentPage, IndexPage, RelatedDocument, documents_panel


class LawPage(ContentPage):
    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        REGULATION = "regulation", _("Regulation")
        CIRCULAR = "circular", _("Circular")
        COUNCIL_RESOLUTION = "resolution", _("Council resolution")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_FORCE = "in_force", _("In force")
        AMENDED = "amended", _("Amended")
        REPEALED = "repealed", _("Repealed")

    number = models.CharField(
        _("number"), max_length=60, help_text=_("The official number, e.g. ۱۲۳/ش/۱۴۰۳.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULATION)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    approval_authority = models.CharField(
        _("approval authority"),
        max_length=200,
        help_text=_("Who approved it, e.g. the city council."),
    )
    approval_date = models.DateField(_("approval date"))
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    amends = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="amended_by",
        verbose_name=_("amends"),
        help_text=_("Earlier texts that this one changes."),
    )
    repealed_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeals",
        verbose_name=_("repealed by"),
    )

    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("kind"), FieldPanel("status")]),
                FieldPanel("approval_authority"),
                FieldRowPanel([FieldPanel("approval_date"), FieldPanel("effective_date")]),
            ],
            heading=_("Identification"),
        ),
        MultiFieldPanel(
            [FieldPanel("amends"), FieldPanel("repealed_by")], heading=_("Relations to other texts")
        ),
        *ContentPage.content_panels[1:],
        documents_panel(),
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("number"),
        index.AutocompleteField("number"),
        index.SearchField("approval_authority"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("approval_date"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("number"),
        APIField("kind"),
        APIField("status"),
        APIField("approval_authority"),
        APIField("approval_date"),
        APIField("effective_date"),
        APIField("amends"),
        APIField("repealed_by"),
        APIField("documents"),
    ]

    parent_page_types = ["cms.LawIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("law or regulation")
        verbose_name_plural = _("laws and regulations")

    def clean(self):
        super().clean()
        errors = {}
        if self.effective_date and self.approval_date and self.effective_date < self.approval_date:
            errors["effective_date"] = _("A text cannot take effect before it is approved.")
        if self.repealed_by_id and self.repealed_by_id == self.pk:
            errors["repealed_by"] = _("A text cannot repeal itself.")
        if self.status == self.Status.REPEALED and not self.repealed_by_id:
            errors["repealed_by"] = _("Say which text repealed this one.")
        cycle = self.find_amendment_cycle()
        if cycle:
            errors["amends"] = _("Amendments would form a cycle: %(chain)s") % {
                "chain": " ← ".join(cycle)
            }
        if errors:
            raise ValidationError(errors)

    def find_amendment_cycle(self):
        """Titles along a chain of amendments that leads back to this text, or [].

        This text's own links come from the form (they may be unsaved); the rest of the
        amendment graph is loaded in one query.
        """
        edges = LawPage.amends.through.objects.exclude(from_lawpage_id=self.pk)
        earlier_of = {}
        for later, earlier in edges.values_list("from_lawpage_id", "to_lawpage_id"):
            earlier_of.setdefault(later, []).append(earlier)
        stack = [(law.pk, [law.pk]) for law in self.amends.all()]
        seen = set()
        while stack:
            law, chain = stack.pop()
            if law == self.pk:
                titles = dict(LawPage.objects.filter(pk__in=chain).values_list("pk", "title"))
                titles[self.pk] = self.title
                return [self.title, *(titles[pk] for pk in chain)]
            if law not in seen:
                seen.add(law)
                stack.extend((earlier, [*chain, earlier]) for earlier in earlier_of.get(law, ()))
        return []

    def timeline(self):
        return law_timeline(self)


class LawDocument(RelatedDocument):
    page = ParentalKey(LawPage, on_delete=models.CASCADE, related_name="documents")


class LawFilter(ContentFilterSet):
    kind = django_filters.ChoiceFilter(choices=LawPage.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=LawPage.Status.choices, label=_("Status"))
    year = JalaliYearFilter(field_name="approval_date")


class LawIndexPage(IndexPage):
    child_model = LawPage
    filterset_class = LawFilter
    ordering = ("-approval_date", "-first_published_at")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.LawPage"]

    class Meta:
        verbose_name = _("laws section")
