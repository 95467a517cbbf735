"""Motions put to a meeting, the vote events on them and each member's vote (Popolo)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.search import index

from .members import Membership


class VoteOption(models.TextChoices):
    """Popolo's vote options that a council uses."""

    # In context: a council member's "yes" is «موافق», not the «بله» of a form.
    YES = "yes", pgettext_lazy("council vote", "Yes")
    NO = "no", pgettext_lazy("council vote", "No")
    ABSTAIN = "abstain", pgettext_lazy("council vote", "Abstain")
    ABSENT = "absent", pgettext_lazy("council vote", "Absent")


class Motion(index.Indexed, models.Model):
    """A formal proposal put to a meeting (طرح یا لایحه)."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Pending")
        PASSED = "passed", _("Passed")
        FAILED = "failed", _("Failed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    meeting = models.ForeignKey(
        "council.MeetingPage",
        on_delete=models.CASCADE,
        related_name="motions",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        "council.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name=_("agenda item"),
        help_text=_("The agenda item of the same meeting under which it was debated."),
    )
    text = models.TextField(_("text"), help_text=_("The motion as it was put to the vote."))
    proposer = models.ForeignKey(
        "council.CouncilMemberPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="motions_proposed",
        verbose_name=_("proposed by"),
    )
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, default=Result.PENDING
    )
    resolution = models.ForeignKey(
        "cms.LawPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_motions",
        verbose_name=_("resulting resolution"),
        limit_choices_to={"kind": "resolution"},
        help_text=_("The council resolution (مصوبه) published in the laws section, if any."),
    )

    panels = [
        FieldPanel("meeting"),
        FieldPanel("agenda_item"),
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("proposer"), FieldPanel("result")]),
        FieldPanel("resolution"),
    ]
    search_fields = [index.SearchField("text"), index.FilterField("result")]

    class Meta:
        ordering = ["meeting__start", "pk"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def clean(self):
        super().clean()
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            raise ValidationError(
                {"agenda_item": _("Choose an agenda item of the motion's own meeting.")}
            )


def voters_without_membership(meeting, voter_ids):
    """Those of ``voter_ids`` who sit on no membership of the meeting's body on its day."""
    members = set(
        Membership.objects.on(meeting.local_date)
        .filter(organization_id=meeting.organization_id, person_id__in=voter_ids)
        .values_list("person_id", flat=True)
    )
    return [voter for voter in voter_ids if voter not in members]


class VoteEventForm(WagtailAdminModelForm):
    """Checks the votes together: one per member, and only by members of the meeting's body."""

    def clean(self):
        cleaned_data = super().clean()
        motion = cleaned_data.get("motion")
        formset = self.formsets.get("votes")
        if motion is None or formset is None or not formset.is_valid():
            return cleaned_data
        forms = [
            form
            for form in formset.forms
            if form.cleaned_data and form not in formset.deleted_forms
        ]
        seen = set()
        for form in forms:
            voter = form.cleaned_data["voter"]
            if voter.pk in seen:
                form.add_error("voter", _("This member already has a vote in this vote event."))
            seen.add(voter.pk)
        outsiders = set(voters_without_membership(motion.meeting, list(seen)))
        for form in forms:
            if form.cleaned_data.get("voter") and form.cleaned_data["voter"].pk in outsiders:
                form.add_error("voter", not_a_member_message(motion.meeting))
        if outsiders or len(seen) < len(forms):
            # On the vote event form as well: the votes formset has been validated already.
            self.add_error(None, _("Some votes cannot be recorded; see the votes below."))
        return cleaned_data


class VoteEvent(ClusterableModel):
    """One vote on a motion. Its counts are computed from the votes, never typed."""

    class Result(models.TextChoices):
        PASS = "pass", _("Passed")
        FAIL = "fail", _("Failed")

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="vote_events", verbose_name=_("motion")
    )
    start = models.DateTimeField(_("held at"), default=timezone.now)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices)

    base_form_class = VoteEventForm
    panels = [
        FieldPanel("motion"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("result")]),
        InlinePanel(
            "votes", label=_("Members' votes"), help_text=_("One row per member of the body.")
        ),
    ]

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("vote event")
        verbose_name_plural = _("vote events")

    def __str__(self):
        return _("Vote on: %(motion)s") % {"motion": self.motion}

    def counts(self):
        """[(option, label, number)] for every option, read from prefetched ``votes``."""
        tally = dict.fromkeys(VoteOption.values, 0)
        for vote in self.votes.all():
            tally[vote.option] += 1
        return [(option, VoteOption(option).label, tally[option]) for option in VoteOption.values]


class Vote(models.Model):
    """How one member voted (or that they were absent) in one vote event."""

    vote_event = ParentalKey(
        VoteEvent, on_delete=models.CASCADE, related_name="votes", verbose_name=_("vote event")
    )
    voter = models.ForeignKey(
        "council.CouncilMemberPage",
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=_("member"),
    )
    option = models.CharField(_("vote"), max_length=10, choices=VoteOption.choices)

    panels = [FieldRowPanel([FieldPanel("voter"), FieldPanel("option")])]

    class Meta:
        ordering = ["voter__title"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["vote_event", "voter"], name="council_one_vote_per_member_per_event"
            )
        ]

    def __str__(self):
        return f"{self.voter.title}: {self.get_option_display()}"

    def clean(self):
        super().clean()
        if not (self.voter_id and self.vote_event_id):
            return
        meeting = self.vote_event.motion.meeting
        if voters_without_membership(meeting, [self.voter_id]):
            raise ValidationError({"voter": not_a_member_message(meeting)})


def not_a_member_message(meeting):
    return _("This person was not a member of %(body)s on the meeting date.") % {
        "body": meeting.organization
    }
