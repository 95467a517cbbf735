"""The review case every suggestion, complaint and closed poll gets, and its history."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable


def overdue_q(now=None):
    """Open cases whose response deadline has passed: the queue's, the site's "overdue".

    Answered and closed cases are never overdue: the municipality owes nothing more.
    """
    return ~Q(status__in=ReviewCase.FINAL_STATUSES) & Q(due_at__lt=now or timezone.now())


def ran_late_q(now=None):
    """Cases that ran past their deadline: answered after it, or overdue now (``overdue_q``).

    What reports and the accountability page count; a case closed without an answer counts
    only while it was open, so closing it ends its lateness.
    """
    return Q(answered_at__gt=F("due_at")) | overdue_q(now)


class ReviewCaseQuerySet(models.QuerySet):
    def open(self):
        """Cases still waiting for an answer."""
        return self.exclude(status__in=ReviewCase.FINAL_STATUSES)

    def overdue(self, now=None):
        """Open cases whose response deadline has passed."""
        return self.filter(overdue_q(now))


class ReviewCase(models.Model):
    """What the council reviews: its status, deadline, department and who handles it."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", _("Suggestion")
        COMPLAINT = "complaint", _("Complaint")
        POLL = "poll", _("Poll result")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SCREENED = "screened", _("Screened")
        ASSIGNED = "assigned", _("Assigned")
        UNDER_REVIEW = "under_review", _("Under review")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
        REJECTED = "rejected", _("Rejected")
        REFERRED = "referred", _("Referred to another body")

    #: Statuses after which the municipality owes nothing more.
    FINAL_STATUSES = (Status.ANSWERED, Status.CLOSED)
    #: Tracking code prefixes, by kind.
    PREFIXES = {Kind.SUGGESTION: "SG", Kind.COMPLAINT: "CP", Kind.POLL: "PL"}

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    department = models.ForeignKey(
        "cms.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_cases",
        verbose_name=_("department"),
    )
    district = models.ForeignKey(
        "cms.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_cases",
        verbose_name=_("district"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_review_cases",
        verbose_name=_("assignee"),
    )
    committee = models.ForeignKey(
        "council.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_cases",
        limit_choices_to={"classification": "committee"},
        verbose_name=_("committee"),
        help_text=_("The council committee that reviews the case, with or without a department."),
    )
    # Set by agenda.add_to_agenda; the motions and resolution are read through the item.
    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_cases",
        editable=False,
        verbose_name=_("agenda item"),
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    due_at = models.DateTimeField(_("response due"), db_index=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Reminders (reminders.py): each sent once per deadline; reset when the deadline moves.
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True, editable=False)
    # Optimistic locking: every change through workflow.py increments it.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Public cases are listed on the site (never with personal data)."),
    )

    objects = ReviewCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("review case")
        verbose_name_plural = _("review cases")
        permissions = [("review_case", _("Can review citizen feedback"))]
        indexes = [models.Index(fields=["status", "due_at"], name="feedback_case_status_due")]

    def __str__(self):
        return self.tracking_code

    @property
    def is_final(self):
        return self.status in self.FINAL_STATUSES

    @property
    def is_overdue(self):
        return not self.is_final and self.due_at is not None and self.due_at < timezone.now()

    @property
    def item(self):
        """The suggestion, complaint or poll review this case is about (None if missing)."""
        related = {
            self.Kind.SUGGESTION: "suggestion",
            self.Kind.COMPLAINT: "complaint",
            self.Kind.POLL: "poll_review",
        }.get(self.kind)
        return getattr(self, related, None) if related else None


class ReviewTransition(models.Model):
    """One status change of a case (the first, to "received", too): who, when and why."""

    case = models.ForeignKey(
        ReviewCase, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("case")
    )
    from_status = models.CharField(
        _("from status"), max_length=20, choices=ReviewCase.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=ReviewCase.Status.choices)
    decision = models.CharField(
        _("decision"), max_length=20, choices=ReviewCase.Decision.choices, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)
    note_is_public = models.BooleanField(
        _("reason is public"),
        default=False,
        help_text=_("Show the reason on the public tracking page."),
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.case}: {self.from_status or '-'} → {self.to_status}"

    @property
    def public_reason(self):
        """The reason, when it may be shown publicly; else empty."""
        return self.reason if self.note_is_public else ""


class ReviewAssignment(models.Model):
    """One (re)assignment of a case: to which department, committee and person, by whom, when.

    Kept beside the status changes (``ReviewTransition``) and written in the same way, in the
    transaction that changes the case; never shown publicly, since it names staff.
    """

    case = models.ForeignKey(
        ReviewCase, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("case")
    )
    from_department = models.ForeignKey(
        "cms.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from department"),
    )
    to_department = models.ForeignKey(
        "cms.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to department"),
    )
    from_committee = models.ForeignKey(
        "council.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from committee"),
    )
    to_committee = models.ForeignKey(
        "council.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to committee"),
    )
    from_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from assignee"),
    )
    to_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to assignee"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self):
        return f"{self.case}: {self.from_department or '-'} → {self.to_department or '-'}"


class OfficialResponse(ClusterableModel):
    """The municipality's published answer to a case, written by an official."""

    case = models.ForeignKey(
        ReviewCase, on_delete=models.CASCADE, related_name="responses", verbose_name=_("case")
    )
    body = RichTextField(_("response"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    panels = [FieldPanel("body")]

    class Meta:
        ordering = ["published_at", "pk"]
        verbose_name = _("official response")
        verbose_name_plural = _("official responses")

    def __str__(self):
        return f"{self.case}: {self.published_at:%Y-%m-%d}"


class OfficialResponseDocument(Orderable):
    """A document (letter, plan, decision) published with an official response."""

    response = ParentalKey(OfficialResponse, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("response document")
        verbose_name_plural = _("response documents")
