"""Snippets for the municipality's structure: districts, departments, staff phone book.

Registered in the admin by cms/wagtail_hooks.py.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("duties"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("address"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]
    # As a page's responsible department in the API.
    api_fields = [APIField("name"), APIField("phone"), APIField("email")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


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
