"""Budgets: one page per Jalali fiscal year, with line items whose totals are computed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from cms import budget_lines

from .base import ContentPage, IndexPage


class BudgetPageForm(WagtailAdminPageForm):
    """Checks the line items together: codes, hierarchy and which lines carry amounts."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("line_items")
        # Runs before the formset's own checks (so a duplicate code gets our message, which
        # names it); lines with field errors are checked once those are fixed.
        if formset is None or any(not form.is_valid() for form in formset.forms):
            return cleaned_data
        forms = [
            form
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        lines = [form.cleaned_data for form in forms]
        for position, message in budget_lines.line_errors(lines):
            forms[position].add_error(None, message)
        return cleaned_data


class BudgetPage(RoutablePageMixin, ContentPage):
    """A fiscal year's budget; also serves it as CSV, Fiscal Data Package and comparisons."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (Jalali)"),
        validators=[MinValueValidator(1300), MaxValueValidator(1500)],
        help_text=_("For example ۱۴۰۳."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=settings.SHAFAF_CURRENCIES, default="IRR"
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)

    base_form_class = BudgetPageForm
    content_panels = [
        *ContentPage.content_panels[:1],
        FieldRowPanel(
            [FieldPanel("fiscal_year"), FieldPanel("currency"), FieldPanel("approved_on")]
        ),
        *ContentPage.content_panels[1:],
        InlinePanel(
            "line_items",
            label=_("Line items"),
            help_text=_(
                "Give amounts on the detailed lines only; headings add up their sub-lines."
            ),
        ),
    ]
    search_fields = [*ContentPage.search_fields, index.FilterField("fiscal_year")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("fiscal_year"),
        APIField("currency"),
        APIField("approved_on"),
        APIField("line_items"),
        APIField("totals"),
    ]

    parent_page_types = ["cms.BudgetIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")

    def clean(self):
        super().clean()
        same_year = BudgetPage.objects.filter(fiscal_year=self.fiscal_year)
        if self.others_in_language(same_year).exists():
            raise ValidationError({"fiscal_year": _("There is already a budget for this year.")})

    def get_context(self, request, *args, **kwargs):
        from cms.fiscal.views import chart_context

        context = super().get_context(request, *args, **kwargs)
        context.update(chart_context(self))
        context["compare_years"] = [budget.fiscal_year for budget in self.other_years()]
        return context

    def other_years(self):
        """The other published budgets in this page's language, newest first."""
        return (
            BudgetPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .order_by("-fiscal_year")
        )

    @path("csv/", name="budget_csv")
    def csv_route(self, request):
        from cms.fiscal.views import serve_csv

        return serve_csv(self, request)

    @path("datapackage/", name="budget_datapackage")
    def datapackage_route(self, request):
        from cms.fiscal.views import serve_datapackage

        return serve_datapackage(self, request)

    @path("datapackage/zip/", name="budget_package_zip")
    def package_zip_route(self, request):
        from cms.fiscal.views import serve_package_zip

        return serve_package_zip(self, request)

    @path("compare/", name="budget_compare")
    def compare_route(self, request):
        from cms.fiscal.views import serve_compare

        return serve_compare(self, request)

    @cached_property
    def line_rows(self):
        """Line items as a depth-first tree with heading totals, for display."""
        rows, _roots = budget_lines.line_tree(list(self.line_items.all()))
        return rows

    @property
    def totals(self):
        """Approved, revised and actual totals of revenue and expenditure, plus the balance."""
        by_kind = budget_lines.totals_by_kind(list(self.line_items.all()))
        empty = dict.fromkeys(budget_lines.AMOUNT_FIELDS)
        revenue = by_kind.get(BudgetLineItem.Kind.REVENUE, empty)
        expenditure = by_kind.get(BudgetLineItem.Kind.EXPENDITURE, empty)
        balance = {
            name: (revenue[name] or 0) - (expenditure[name] or 0)
            if revenue[name] is not None or expenditure[name] is not None
            else None
            for name in budget_lines.AMOUNT_FIELDS
        }
        return {"revenue": revenue, "expenditure": expenditure, "balance": balance}


class BudgetLineItem(Orderable):
    class Kind(models.TextChoices):
        REVENUE = "revenue", _("Revenue")
        EXPENDITURE = "expenditure", _("Expenditure")

    page = ParentalKey(BudgetPage, on_delete=models.CASCADE, related_name="line_items")
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("title"), max_length=255)
    parent_code = models.CharField(
        _("parent code"),
        max_length=30,
        blank=True,
        help_text=_("Code of the heading this line belongs to."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    approved = models.PositiveBigIntegerField(_("approved"), null=True, blank=True)
    revised = models.PositiveBigIntegerField(_("revised"), null=True, blank=True)
    actual = models.PositiveBigIntegerField(_("actual"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("parent_code"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("approved"), FieldPanel("revised"), FieldPanel("actual")]),
    ]
    api_fields = [
        APIField("code"),
        APIField("title"),
        APIField("parent_code"),
        APIField("kind"),
        APIField("approved"),
        APIField("revised"),
        APIField("actual"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "code"], name="budget_line_code_unique_per_budget"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        super().clean()
        self.code = budget_lines.normalize_code(self.code)
        self.parent_code = budget_lines.normalize_code(self.parent_code)


class BudgetIndexPage(IndexPage):
    child_model = BudgetPage
    ordering = ("-fiscal_year",)

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.BudgetPage"]

    class Meta:
        verbose_name = _("budgets section")
