"""Votes: who chose what in a poll. One vote per citizen or device, held by the database."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .polls import PollChoice, PollPage


class Vote(models.Model):
    """One voter's ballot in one poll: either a citizen's or, in open polls, a device's."""

    poll = models.ForeignKey(
        PollPage, on_delete=models.CASCADE, related_name="votes", verbose_name=_("poll")
    )
    # Deleting an account deletes its votes: a person's data leaves with them.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="poll_votes",
        verbose_name=_("citizen"),
    )
    device_id = models.UUIDField(
        _("device"),
        null=True,
        blank=True,
        help_text=_("The signed cookie that identifies an anonymous voter's browser."),
    )
    choices = models.ManyToManyField(
        PollChoice, through="VoteChoice", related_name="votes", verbose_name=_("choices")
    )
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        permissions = [("export_poll_results", _("Can export poll results"))]
        constraints = [
            # NULLs are distinct in unique constraints (SQLite and PostgreSQL alike), so
            # device votes do not collide on the empty voter and vice versa.
            models.UniqueConstraint(fields=["poll", "voter"], name="one_vote_per_citizen"),
            models.UniqueConstraint(fields=["poll", "device_id"], name="one_vote_per_device"),
            models.CheckConstraint(
                condition=models.Q(voter__isnull=False, device_id__isnull=True)
                | models.Q(voter__isnull=True, device_id__isnull=False),
                name="vote_by_citizen_or_device",
            ),
        ]

    def __str__(self):
        return f"{self.poll_id}: {self.voter_id or self.device_id}"

    @property
    def by_device(self):
        return self.device_id is not None


class VoteChoice(models.Model):
    """One choice picked in a vote (the table behind ``Vote.choices``)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="selections")
    # RESTRICT: a choice with votes cannot be deleted alone, only with its whole poll.
    choice = models.ForeignKey(PollChoice, on_delete=models.RESTRICT, related_name="selections")

    class Meta:
        verbose_name = _("chosen option")
        verbose_name_plural = _("chosen options")
        constraints = [
            models.UniqueConstraint(fields=["vote", "choice"], name="choice_once_per_vote"),
        ]
