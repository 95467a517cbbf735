"""Council terms (دوره) and organizations: the council itself and its committees."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index

from .members import Membership


class CouncilTerm(models.Model):
    """One elected council's four years (دوره), e.g. the sixth term."""

    number = models.PositiveSmallIntegerField(
        _("term number"), unique=True, help_text=_("E.g. 6 for the sixth council.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    panels = [
        FieldPanel("number"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("council term")
        verbose_name_plural = _("council terms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="council_term_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return _("Term %(number)s") % {"number": self.number}

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("A term must end after it starts.")})

    def covers(self, day):
        return self.start_date <= day <= self.end_date


class Organization(index.Indexed, models.Model):
    """Popolo organization: the council, or one of its committees (کمیسیون)."""

    class Classification(models.TextChoices):
        COUNCIL = "council", _("City council")
        COMMITTEE = "committee", _("Committee")

    name = models.CharField(_("name"), max_length=200, unique=True)
    classification = models.CharField(
        _("classification"),
        max_length=20,
        choices=Classification.choices,
        default=Classification.COMMITTEE,
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committees",
        verbose_name=_("part of"),
        help_text=_("For a committee: the council it belongs to."),
    )
    description = models.TextField(_("duties"), blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("classification"), FieldPanel("parent")]),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("council body")
        verbose_name_plural = _("council and committees")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.classification == self.Classification.COMMITTEE and not self.parent_id:
            raise ValidationError({"parent": _("Say which council this committee belongs to.")})
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A body cannot be part of itself.")})

    @property
    def is_council(self):
        return self.classification == self.Classification.COUNCIL

    @property
    def is_committee(self):
        return self.classification == self.Classification.COMMITTEE

    def chair(self, day=None):
        """The member who chairs this body on ``day`` (today by default), or None.

        The chair is whoever holds a membership with the "chair" role running that day; if
        several do (a handover recorded with overlapping dates), the latest to start.
        """
        membership = (
            self.memberships.on(day or timezone.localdate())
            .filter(role=Membership.Role.CHAIR, person__live=True)
            .select_related("person")
            .order_by("-start_date", "-pk")
            .first()
        )
        return membership.person if membership else None
