"""Council members (Popolo persons) as pages, with their memberships of council bodies."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
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

from cms.models.base import ContentPage


class CouncilMemberPage(ContentPage):
    """One person elected to the council; the page body is their biography."""

    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
    )
    email = models.EmailField(_("public email"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    member_panels = [
        FieldPanel("photo"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Public contact"),
            help_text=_("Only what the member has agreed to publish."),
        ),
        InlinePanel("memberships", label=_("Memberships of the council and its committees")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(ContentPage.content_panels, heading=_("Biography")),
            ObjectList(member_panels, heading=_("Member")),
            ObjectList(ContentPage.promote_panels, heading=_("Promote")),
            ObjectList(ContentPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *ContentPage.search_fields,
        index.AutocompleteField("title"),
        index.RelatedFields("memberships", [index.SearchField("role")]),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("photo"),
        APIField("email"),
        APIField("phone"),
        APIField("website"),
        APIField("memberships"),
    ]

    parent_page_types = ["council.CouncilIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def get_context(self, request, *args, **kwargs):
        from cms.council.services import attendance, member_votes

        context = super().get_context(request, *args, **kwargs)
        context["memberships"] = list(
            self.memberships.select_related("organization").order_by("-start_date", "pk")
        )
        context["present"], context["recorded"] = attendance(self)
        paginator = Paginator(member_votes(self), settings.SHAFAF_PAGE_SIZE)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        return context


class MembershipQuerySet(models.QuerySet):
    def on(self, day):
        """Memberships running on ``day`` (a date)."""
        return self.filter(start_date__lte=day).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day)
        )

    def current(self):
        return self.on(timezone.localdate())


def role_rank():
    """Chair first and plain members last, the order in which a body lists its people."""
    return models.Case(
        *(models.When(role=role, then=rank) for rank, role in enumerate(Membership.Role.values)),
        output_field=models.IntegerField(),
    )


class Membership(models.Model):
    """Popolo membership: a person in a council body, with a role, between two dates."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        SPOKESPERSON = "spokesperson", _("Spokesperson")
        MEMBER = "member", _("Member")

    person = ParentalKey(
        CouncilMemberPage,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("member"),
    )
    organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("council or committee"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while it lasts.")
    )

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("organization"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
    ]
    api_fields = [
        APIField("organization"),
        APIField("role"),
        APIField("start_date"),
        APIField("end_date"),
    ]

    class Meta:
        ordering = ["organization__sort_order", "start_date"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="council_membership_ends_after_it_starts",
            )
        ]

    def __str__(self):
        return f"{self.person.title}: {self.get_role_display()}, {self.organization}"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A membership cannot end before it starts.")})

    def is_current(self, day=None):
        day = day or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)
