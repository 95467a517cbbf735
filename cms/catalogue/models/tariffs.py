"""Fees and tariffs (تعرفه‌ها): one table per Jalali year, imported from the finance office's file."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from cms import jalali
from cms.importer import fields


def normalize_code(code):
    """A tariff code as the tables store it: ASCII digits, Persian Yeh and Kaf, no outer spaces.

    Services refer to items by code, so a code typed «۱۰۱» must be the imported "101".
    """
    return jalali.to_ascii_digits(fields.text(code))


class TariffTable(index.Indexed, models.Model):
    """The fees the council approved for one Jalali year."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (Jalali)"),
        unique=True,
        validators=[MinValueValidator(1300), MaxValueValidator(1500)],
    )
    title = models.CharField(_("title"), max_length=255)
    legal_basis = models.ForeignKey(
        "cms.LawPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approving resolution"),
    )
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published tables are shown to the public.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("fiscal_year"),
        FieldPanel("title"),
        FieldPanel("legal_basis"),
        FieldPanel("effective_date"),
        FieldPanel("published"),
    ]
    search_fields = [index.SearchField("title"), index.FilterField("fiscal_year")]

    class Meta:
        ordering = ["-fiscal_year"]
        verbose_name = _("tariff table")
        verbose_name_plural = _("tariff tables")

    def __str__(self):
        return self.title

    def clean(self):
        # A published table is history (services were priced and citizens charged by it):
        # moving it to another year would rewrite that. Unpublishing it first is explicit.
        if (
            self.pk
            and TariffTable.objects.filter(pk=self.pk, published=True)
            .exclude(fiscal_year=self.fiscal_year)
            .exists()
        ):
            raise ValidationError(
                {
                    "fiscal_year": _(
                        "The year of a published tariff table cannot change; "
                        "unpublish the table first."
                    )
                }
            )


class TariffItem(models.Model):
    """One fee: its code (which services refer to), what it is for, per what, and how much."""

    table = models.ForeignKey(
        TariffTable, on_delete=models.CASCADE, related_name="items", verbose_name=_("table")
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=500)
    unit = models.CharField(_("unit"), max_length=100, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (rials)"))
    legal_basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["table", "sort_order"]
        verbose_name = _("tariff item")
        verbose_name_plural = _("tariff items")
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="tariff_code_unique_per_year")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"
