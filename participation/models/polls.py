"""Polls: a page editors publish with its choices, dates and rules for voting and results."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
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

from cms.models.base import ContentPage, IndexPage


class PollPageForm(WagtailAdminPageForm):
    """Checks the choices together: at least two, enough for the maximum, none with votes removed."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or not formset.is_valid():
            return cleaned_data
        kept = [
            form
            for form in formset.forms
            if form.cleaned_data and form not in formset.deleted_forms
        ]
        removed = {form.instance.pk: form for form in formset.deleted_forms if form.instance.pk}
        if removed:
            from .votes import VoteChoice

            voted = VoteChoice.objects.filter(choice_id__in=removed).values_list(
                "choice_id", flat=True
            )
            voted = set(voted)
            if voted:
                # On the page form: the choice formset has been validated already.
                self.add_error(
                    None, _("People have voted for this choice, so it cannot be removed.")
                )
            kept.extend(removed[choice_id] for choice_id in voted)
        poll = self.instance
        poll.multiple_choice = cleaned_data.get("multiple_choice", poll.multiple_choice)
        poll.max_selections = cleaned_data.get("max_selections", poll.max_selections)
        message = poll.choice_count_error(len(kept))
        if message:
            # Too few choices concerns the whole poll; too high a maximum, that one field.
            self.add_error("max_selections" if len(kept) >= 2 else None, message)
        return cleaned_data


class PollPage(ContentPage):
    """A question with choices that citizens answer once each, between two dates."""

    class Eligibility(models.TextChoices):
        # Verified citizens: active accounts with a confirmed email address (accounts app).
        CITIZENS = "citizens", _("Verified citizens (signed in, email confirmed)")
        ANYONE = "anyone", _("Anyone (one vote per device)")

    class ResultsVisibility(models.TextChoices):
        LIVE = "live", _("While voting is open")
        AFTER_CLOSE = "after_close", _("After the poll closes")
        NEVER = "never", _("Never (only council members and staff)")

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Not open yet")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep the poll open until you set a closing time."),
    )
    multiple_choice = models.BooleanField(
        _("multiple choice"),
        default=False,
        help_text=_("Let voters pick more than one choice."),
    )
    max_selections = models.PositiveSmallIntegerField(
        _("most choices a voter may pick"),
        null=True,
        blank=True,
        help_text=_("Multiple-choice polls only. Leave empty to allow every choice."),
    )
    eligibility = models.CharField(
        _("who may vote"),
        max_length=20,
        choices=Eligibility.choices,
        default=Eligibility.CITIZENS,
        help_text=_(
            "Votes from devices are easy to repeat by clearing cookies; results mark them apart."
        ),
    )
    results_visibility = models.CharField(
        _("show results"),
        max_length=20,
        choices=ResultsVisibility.choices,
        default=ResultsVisibility.AFTER_CLOSE,
    )
    allow_vote_change = models.BooleanField(
        _("voters may change their vote"),
        default=False,
        help_text=_("Until the poll closes, a voter can replace their choices."),
    )

    base_form_class = PollPageForm
    poll_panels = [
        InlinePanel("choices", label=_("Choices")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldRowPanel([FieldPanel("multiple_choice"), FieldPanel("max_selections")]),
                FieldPanel("eligibility"),
                FieldPanel("allow_vote_change"),
                FieldPanel("results_visibility"),
            ],
            heading=_("Voting rules"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(ContentPage.content_panels, heading=_("Content")),
            ObjectList(poll_panels, heading=_("Poll")),
            ObjectList(ContentPage.promote_panels, heading=_("Promote")),
            ObjectList(ContentPage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *ContentPage.search_fields,
        index.RelatedFields("choices", [index.SearchField("label")]),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("multiple_choice"),
        APIField("max_selections"),
        APIField("eligibility"),
        APIField("results_visibility"),
        APIField("allow_vote_change"),
        APIField("choices"),
    ]

    parent_page_types = ["participation.PollIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="poll_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(max_selections__isnull=True) | models.Q(max_selections__gte=1),
                name="poll_max_selections_at_least_one",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("A poll must close after it opens.")
        if self.max_selections is not None:
            if not self.multiple_choice:
                errors["max_selections"] = _(
                    "Only multiple-choice polls take a maximum number of choices."
                )
            elif self.max_selections < 1:
                errors["max_selections"] = _("Voters must be able to pick at least one choice.")
        if self.results_visibility == self.ResultsVisibility.AFTER_CLOSE and not self.closes_at:
            errors["closes_at"] = _(
                "Results are shown after the poll closes, so give it a closing time."
            )
        if errors:
            raise ValidationError(errors)

    def choice_count_error(self, choice_count):
        """Why ``choice_count`` choices do not make this poll, or None when they do."""
        if choice_count < 2:
            return _("A poll needs at least two choices.")
        if self.multiple_choice and self.max_selections and self.max_selections > choice_count:
            return _(
                "Voters cannot pick more choices than the poll has: lower the maximum or "
                "add choices."
            )
        return None

    def selection_limit(self, choice_count):
        """The most choices one vote may carry."""
        if not self.multiple_choice:
            return 1
        return min(self.max_selections or choice_count, choice_count)

    def status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return self.Status.UPCOMING
        if self.closes_at and now >= self.closes_at:
            return self.Status.CLOSED
        return self.Status.OPEN

    def is_open(self, now=None):
        return self.status(now) == self.Status.OPEN

    def get_status_display(self):
        return self.status().label

    def results_are_public(self, now=None):
        """Whether anyone may see the results now; council members and staff always may."""
        if self.results_visibility == self.ResultsVisibility.LIVE:
            return True
        if self.results_visibility == self.ResultsVisibility.AFTER_CLOSE:
            return self.status(now) == self.Status.CLOSED
        return False

    @property
    def open_to_anyone(self):
        return self.eligibility == self.Eligibility.ANYONE

    def serve(self, request, *args, **kwargs):
        from participation.views import serve_poll

        return serve_poll(self, request, *args, **kwargs)


class PollChoice(Orderable):
    poll = ParentalKey(PollPage, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("choice"), max_length=255)

    panels = [FieldPanel("label")]
    api_fields = [APIField("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("poll choice")
        verbose_name_plural = _("poll choices")

    def __str__(self):
        return self.label


class PollIndexPage(IndexPage):
    """The polls section: every poll, newest first."""

    child_model = PollPage
    ordering = ("-opens_at", "-pk")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["participation.PollPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("polls section")
