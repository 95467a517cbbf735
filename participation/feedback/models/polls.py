"""A closed poll under council review: ties the poll page to its review case."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PollReview(models.Model):
    case = models.OneToOneField(
        "feedback.ReviewCase",
        on_delete=models.CASCADE,
        related_name="poll_review",
        verbose_name=_("case"),
    )
    poll = models.OneToOneField(
        "participation.PollPage",
        on_delete=models.CASCADE,
        related_name="review",
        verbose_name=_("poll"),
    )

    class Meta:
        verbose_name = _("poll review")
        verbose_name_plural = _("poll reviews")

    def __str__(self):
        return self.poll.title
