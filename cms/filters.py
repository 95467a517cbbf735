"""Filters for the public section pages. They take Jalali years, as citizens count them."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.jalali import jalali_year_range


class JalaliYearFilter(django_filters.NumberFilter):
    """Keeps items whose date falls in the given Jalali year (e.g. 1403)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year (Jalali)"))
        kwargs.setdefault("min_value", 1300)
        kwargs.setdefault("max_value", 1500)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        start, end = jalali_year_range(int(value))
        field = self.field_name
        if isinstance(qs.model._meta.get_field(field), models.DateTimeField):
            field += "__date"  # compare local calendar days, not UTC instants
        return qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})


class ContentFilterSet(django_filters.FilterSet):
    """Base of every section filter: by tag, as tag pages and API consumers link to."""

    # Through PageTag's own relation: its key points at wagtailcore.Page, and taggit's
    # ``tags__`` join on a page subclass looks for a column the subclass table lacks.
    tag = django_filters.CharFilter(
        field_name="tagged_items__tag__slug",
        label=_("Tag"),
        widget=forms.HiddenInput,
        distinct=True,
    )
