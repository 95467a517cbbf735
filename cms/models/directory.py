"""Snippets for the municipality's structure: districts, departments, staff phone book.

Registered in the admin by cms/wagtail_hooks.py.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.search import index


class District(index.Indexed, models.Model):
    """A municipal district (منطقه), used to place projects and filter by area."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=120)

    panels = [FieldPanel("number"), FieldPanel("name")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("number"), APIField("name")]

    class Meta:
        ordering = ["number"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Department(index.Indexed, models.Model):
    """A unit of the municipality; ``parent`` and ``head`` place it in the organisation chart."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("duties"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("reports to"),
        help_text=_("The department this one belongs to; empty for the top of the chart."),
    )
    head = models.ForeignKey(
        "StaffMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("head"),
        help_text=_("Chosen from this department's staff in the phone book."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first among sister departments.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("parent"), FieldPanel("sort_order")]),
        FieldPanel("head"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("address"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]
    # As a page's responsible department in the API, and the departments endpoint.
    api_fields = [
        APIField("name"),
        APIField("description"),
        APIField("phone"),
        APIField("email"),
        APIField("address"),
        APIField("parent"),
        APIField("sort_order"),
        APIField(
            "head_name",
            serializer=serializers.CharField(
                source="head.full_name", allow_null=True, read_only=True
            ),
        ),
        APIField(
            "head_position",
            serializer=serializers.CharField(
                source="head.position", allow_null=True, read_only=True
            ),
        ),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if self.parent_id and self.pk and self._reports_to_itself():
            errors["parent"] = _(
                "A department cannot report to itself or to one of its own sub-departments."
            )
        if self.head_id and (not self.pk or self.head.department_id != self.pk):
            errors["head"] = _("The head must be on this department's staff in the phone book.")
        if errors:
            raise ValidationError(errors)

    def _reports_to_itself(self):
        """True when following ``parent`` upwards from here comes back to this department."""
        parents = dict(Department.objects.values_list("pk", "parent_id"))
        parents[self.pk] = self.parent_id
        seen, current = set(), self.parent_id
        while current is not None and current not in seen:
            if current == self.pk:
                return True
            seen.add(current)
            current = parents.get(current)
        return False


class StaffMember(index.Indexed, models.Model):
    """An entry of the phone book."""

    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="staff",
        verbose_name=_("department"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    extension = models.CharField(_("extension"), max_length=10, blank=True)
    email = models.EmailField(_("email"), blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first in the department.")
    )

    panels = [
        FieldPanel("full_name"),
        FieldPanel("position"),
        FieldPanel("department"),
        FieldPanel("phone"),
        FieldPanel("extension"),
        FieldPanel("email"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.SearchField("position"),
        index.RelatedFields("department", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["department__name", "sort_order", "full_name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self):
        return f"{self.full_name} ({self.position})"
