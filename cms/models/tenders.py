"""Tenders (مناقصه) and auctions (مزایده), from call to award."""

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.search import index

from cms.filters import ContentFilterSet
from cms.timelines import tender_timeline

from .base import ContentPage, IndexPage, RelatedDocument, documents_panel
from .contracts import ContractStatus

# The contract's own fields; a contract exists once its number is given.
CONTRACT_FIELDS = (
    "contract_number",
    "contract_signed_date",
    "contract_value",
    "contract_start",
    "contract_end",
)


class TenderPage(ContentPage):
    class Kind(models.TextChoices):
        TENDER = "tender", _("Tender")
        AUCTION = "auction", _("Auction")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("tender status", "Open")
        CLOSED = "closed", pgettext_lazy("tender status", "Closed")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TENDER)
    reference_number = models.CharField(
        _("reference number"),
        max_length=60,
        help_text=_("Unique among the tenders and auctions in this language."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    estimated_value = models.PositiveBigIntegerField(
        _("estimated value"),
        null=True,
        blank=True,
        help_text=_("In the currency chosen beside it, without separators."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=settings.SHAFAF_CURRENCIES, default="IRR"
    )
    publish_date = models.DateField(_("publish date"))
    submission_deadline = models.DateTimeField(_("submission deadline"))
    opening_date = models.DateTimeField(_("bid opening"), null=True, blank=True)
    award_winner = models.CharField(_("winner"), max_length=255, blank=True)
    award_amount = models.PositiveBigIntegerField(_("awarded amount"), null=True, blank=True)
    award_date = models.DateField(_("award date"), null=True, blank=True)
    contract_number = models.CharField(
        _("contract number"),
        max_length=60,
        blank=True,
        help_text=_("Filling it in records the contract signed with the winner."),
    )
    contract_signed_date = models.DateField(_("contract signing date"), null=True, blank=True)
    contract_value = models.PositiveBigIntegerField(
        _("contract value"),
        null=True,
        blank=True,
        help_text=_("As signed, in the tender's currency, without separators."),
    )
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    contract_status = models.CharField(
        _("contract status"),
        max_length=12,
        choices=ContractStatus.choices,
        default=ContractStatus.ACTIVE,
    )

    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("kind"), FieldPanel("reference_number"), FieldPanel("status")]
                ),
                FieldRowPanel([FieldPanel("estimated_value"), FieldPanel("currency")]),
            ],
            heading=_("Identification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("publish_date"),
                FieldPanel("submission_deadline"),
                FieldPanel("opening_date"),
            ],
            heading=_("Timeline"),
        ),
        *ContentPage.content_panels[1:],
        documents_panel(_("Tender documents")),
    ]
    award_panels = [
        MultiFieldPanel(
            [FieldPanel("award_winner"), FieldPanel("award_amount"), FieldPanel("award_date")],
            heading=pgettext_lazy("admin tab and panel of a tender", "Award"),
        )
    ]
    contract_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contract_number"), FieldPanel("contract_status")]),
                FieldRowPanel([FieldPanel("contract_signed_date"), FieldPanel("contract_value")]),
                FieldRowPanel([FieldPanel("contract_start"), FieldPanel("contract_end")]),
            ],
            heading=pgettext_lazy("admin tab and panel of a tender", "Contract"),
        ),
        InlinePanel("contract_amendments", label=_("Contract amendments")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(
                award_panels, heading=pgettext_lazy("admin tab and panel of a tender", "Award")
            ),
            ObjectList(
                contract_panels,
                heading=pgettext_lazy("admin tab and panel of a tender", "Contract"),
            ),
            ObjectList(ContentPage.promote_panels, heading=_("Promote")),
        ]
    )
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("reference_number"),
        index.AutocompleteField("reference_number"),
        index.SearchField("award_winner"),
        index.SearchField("contract_number"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("publish_date"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("kind"),
        APIField("reference_number"),
        APIField("status"),
        APIField("estimated_value"),
        APIField("currency"),
        APIField("publish_date"),
        APIField("submission_deadline"),
        APIField("opening_date"),
        APIField("award_winner"),
        APIField("award_amount"),
        APIField("award_date"),
        *(APIField(name) for name in (*CONTRACT_FIELDS, "contract_status")),
        APIField("contract_amendments"),
        APIField("documents"),
    ]

    parent_page_types = ["cms.TenderIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tender or auction")
        verbose_name_plural = _("tenders and auctions")

    def clean(self):
        super().clean()
        errors = {}
        deadline = self.submission_deadline
        # Compare calendar days in the portal's time zone: from the database the deadline
        # comes back in UTC, which in Tehran can still be the day before.
        deadline_day = None
        if deadline:
            deadline_day = (
                timezone.localdate(deadline, timezone.get_default_timezone())
                if timezone.is_aware(deadline)
                else deadline.date()
            )
        if deadline_day and self.publish_date and deadline_day < self.publish_date:
            errors["submission_deadline"] = _(
                "The submission deadline must come after the publish date."
            )
        if deadline and self.opening_date and self.opening_date < deadline:
            errors["opening_date"] = _("Bids cannot be opened before the submission deadline.")
        if self.status == self.Status.AWARDED:
            for field in ("award_winner", "award_amount", "award_date"):
                if getattr(self, field) in (None, ""):
                    errors[field] = _("Required once the status is Awarded.")
        elif self.award_winner or self.award_amount is not None:
            errors["status"] = _(
                "A tender or auction with a winner or an awarded amount must have the status "
                "Awarded."
            )
        if self.reference_number and self.reference_number_taken():
            errors["reference_number"] = _(
                "Another tender or auction already has this reference number."
            )
        if self.award_date and self.publish_date and self.award_date < self.publish_date:
            errors["award_date"] = _(
                "A tender or auction cannot be awarded before it is published."
            )
        errors.update(self._contract_errors())
        if errors:
            raise ValidationError(errors)

    def _contract_errors(self):
        if not self.contract_number:
            return {
                name: _("Give the contract number first.")
                for name in CONTRACT_FIELDS
                if getattr(self, name) not in (None, "")
            }
        errors = {}
        if self.status != self.Status.AWARDED:
            errors["contract_number"] = _(
                "A contract can only be recorded once the tender or auction is awarded."
            )
        for name in ("contract_signed_date", "contract_value"):
            if getattr(self, name) is None:
                errors[name] = _("Required once the contract number is given.")
        signed = self.contract_signed_date
        if signed and self.award_date and signed < self.award_date:
            errors["contract_signed_date"] = _("A contract cannot be signed before the award.")
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = _("The contract cannot end before it starts.")
        return errors

    def reference_number_taken(self):
        return self.others_in_language(
            TenderPage.objects.filter(reference_number=self.reference_number)
        ).exists()

    def timeline(self):
        return tender_timeline(self)


class TenderDocument(RelatedDocument):
    page = ParentalKey(TenderPage, on_delete=models.CASCADE, related_name="documents")


class TenderFilter(ContentFilterSet):
    kind = django_filters.ChoiceFilter(choices=TenderPage.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=TenderPage.Status.choices, label=_("Status"))


class TenderIndexPage(IndexPage):
    child_model = TenderPage
    filterset_class = TenderFilter
    ordering = ("-publish_date", "-first_published_at")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TenderPage"]

    class Meta:
        verbose_name = _("tenders section")
