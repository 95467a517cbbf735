"""The council section and its meetings: agenda, minutes, live stream and recording."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
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
from wagtail.models import Orderable
from wagtail.search import index

from cms.models.base import ContentPage, IndexPage, RelatedDocument

from .members import CouncilMemberPage, Membership, role_rank
from .organizations import Organization


class MeetingPage(ContentPage):
    """A session of the council or of one of its committees."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        EXTRAORDINARY = "extraordinary", _("Extraordinary")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    term = models.ForeignKey(
        "council.CouncilTerm",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("council term"),
    )
    organization = models.ForeignKey(
        "council.Organization",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("held by"),
        help_text=_("The council itself, or the committee that meets."),
    )
    number = models.CharField(
        _("session number"), max_length=30, blank=True, help_text=_("E.g. ۱۲۴ (optional).")
    )
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    stream_url = models.URLField(
        _("live stream address"), blank=True, help_text=_("Where citizens can watch it live.")
    )
    recording_url = models.URLField(_("recording address"), blank=True)

    meeting_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("term"), FieldPanel("organization")]),
                FieldRowPanel([FieldPanel("number"), FieldPanel("kind"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("location"),
            ],
            heading=_("Session"),
        ),
        MultiFieldPanel(
            [FieldPanel("stream_url"), FieldPanel("recording_url")], heading=_("Video")
        ),
        InlinePanel("agenda_items", label=_("Agenda items")),
        InlinePanel("documents", label=_("Minutes and other documents")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(ContentPage.content_panels, heading=_("Content")),
            ObjectList(meeting_panels, heading=_("Meeting")),
            ObjectList(ContentPage.promote_panels, heading=_("Promote")),
            ObjectList(ContentPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *ContentPage.search_fields,
        index.RelatedFields(
            "agenda_items", [index.SearchField("title"), index.SearchField("description")]
        ),
        index.FilterField("start"),
        index.FilterField("status"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("term"),
        APIField("organization"),
        APIField("number"),
        APIField("start"),
        APIField("end"),
        APIField("location"),
        APIField("kind"),
        APIField("status"),
        APIField("stream_url"),
        APIField("recording_url"),
        APIField("agenda_items"),
        APIField("documents"),
    ]

    parent_page_types = ["council.CouncilIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gt=models.F("start")),
                name="council_meeting_ends_after_it_starts",
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("A meeting must end after it starts.")
        if self.start and self.term_id and not self.term.covers(self.local_date):
            errors["start"] = _("The meeting date is outside %(term)s (%(start)s to %(end)s).") % {
                "term": self.term,
                "start": self.term.start_date,
                "end": self.term.end_date,
            }
        if errors:
            raise ValidationError(errors)

    @property
    def local_date(self):
        """The meeting's day in the site's time zone: membership dates are local days."""
        return timezone.localdate(self.start)

    def get_context(self, request, *args, **kwargs):
        from cms.council.services import meeting_motions

        context = super().get_context(request, *args, **kwargs)
        context["agenda"] = list(self.agenda_items.all())
        context["motions"] = meeting_motions(self)
        return context


class AgendaItem(Orderable):
    """One item on a meeting's agenda (دستور جلسه)."""

    meeting = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(
        _("source address"),
        blank=True,
        help_text=_("Where the item comes from, e.g. a citizen suggestion or a report."),
    )

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("source_url")]
    api_fields = [APIField("title"), APIField("description"), APIField("source_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class MeetingMinutes(RelatedDocument):
    """Minutes (صورت‌جلسه) and other papers of a meeting, as Wagtail documents."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="documents")

    class Meta(RelatedDocument.Meta):
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")


class CouncilIndexPage(IndexPage):
    """The council section: current members and committees, upcoming and past meetings.

    The paginated listing (``page_obj``) is the past meetings, newest first.
    """

    child_model = MeetingPage
    list_select_related = ("organization",)
    ordering = ("-start", "-pk")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["council.MeetingPage", "council.CouncilMemberPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("council section")

    def get_listing(self):
        return super().get_listing().filter(start__lt=timezone.now())

    def upcoming_meetings(self):
        return (
            MeetingPage.objects.child_of(self)
            .live()
            .public()
            .filter(start__gte=timezone.now())
            .select_related("organization")
            .order_by("start")
        )

    def current_members(self):
        """Members sitting on the council today, each with ``current_memberships`` loaded."""
        on_council = Membership.objects.current().filter(
            person=OuterRef("pk"), organization__classification=Organization.Classification.COUNCIL
        )
        return (
            CouncilMemberPage.objects.child_of(self)
            .live()
            .public()
            .filter(Exists(on_council))
            .select_related("photo")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.current()
                    .select_related("organization")
                    .order_by("organization__sort_order", role_rank()),
                    to_attr="current_memberships",
                )
            )
            .order_by("title")
        )

    def committees(self):
        """Committees with their current members (live member pages only)."""
        members = (
            Membership.objects.current()
            .filter(person__live=True)
            .select_related("person")
            .order_by(role_rank(), "person__title")
        )
        return Organization.objects.filter(
            classification=Organization.Classification.COMMITTEE
        ).prefetch_related(Prefetch("memberships", queryset=members, to_attr="current_members"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["members"] = self.current_members()
        context["committees"] = self.committees()
        context["upcoming"] = self.upcoming_meetings()
        return context
