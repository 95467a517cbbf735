"""The contract an awarded tender leads to: its status choices and its dated amendments.

A tender has at most one contract, signed with the award's winner; it exists once the editor
gives its number. Its terms are fields of ``TenderPage`` (``contract_*``), so that the
published revisions the OCDS releases are built from carry them, amendments included.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable


class ContractStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("contract status", "In force")
    COMPLETED = "completed", pgettext_lazy("contract status", "Completed")
    TERMINATED = "terminated", pgettext_lazy("contract status", "Terminated early")


class ContractAmendment(Orderable):
    """A dated change to a signed contract: why, and the value it set if it changed it."""

    page = ParentalKey(
        "cms.TenderPage", on_delete=models.CASCADE, related_name="contract_amendments"
    )
    date = models.DateField(_("amendment date"))
    rationale = models.TextField(
        _("rationale"), max_length=1000, help_text=_("What changed in the contract and why.")
    )
    new_value = models.PositiveBigIntegerField(
        _("new contract value"),
        null=True,
        blank=True,
        help_text=_("Only when the amendment changed the contract value."),
    )

    panels = [FieldPanel("date"), FieldPanel("rationale"), FieldPanel("new_value")]
    api_fields = [APIField("date"), APIField("rationale"), APIField("new_value")]

    class Meta(Orderable.Meta):
        verbose_name = _("contract amendment")
        verbose_name_plural = _("contract amendments")

    def clean(self):
        super().clean()
        # In the page editor the page already holds the values just typed (checked first).
        page = getattr(self, "page", None)
        if page is None:
            return
        if not page.contract_number:
            raise ValidationError(_("An amendment needs a contract: give its number first."))
        if self.date and page.contract_signed_date and self.date < page.contract_signed_date:
            raise ValidationError({"date": _("A contract cannot be amended before it is signed.")})
