"""Comments: citizens' comments under content pages, threaded one level deep."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.moderation import FlagBase, ModeratedContent


class Comment(ModeratedContent):
    """A comment on a Wagtail page; ``parent`` is a top-level comment or nothing."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="citizen_comment_set",
        verbose_name=_("page"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )

    moderate_permission = "comments.moderate_comment"
    # What the moderation queue joins to say where the text was written.
    queue_related = ("page",)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "pk"]
        permissions = [("moderate_comment", _("Can moderate citizens' comments"))]
        indexes = [models.Index(fields=["page", "parent", "status", "created"])]

    def __str__(self):
        return gettext("Comment %(number)s") % {"number": self.pk}

    @property
    def where(self):
        return self.page.title

    def moderation_subject(self):
        return gettext("your comment on “%(page)s”") % {"page": self.page.title}

    def get_absolute_url(self):
        return f"{self.page.url}#comment-{self.pk}"


class CommentFlag(FlagBase):
    """A citizen's report that a comment breaks the rules; one per citizen per comment."""

    item = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="flags", verbose_name=_("comment")
    )

    class Meta:
        verbose_name = _("comment flag")
        verbose_name_plural = _("comment flags")
        constraints = [
            models.UniqueConstraint(fields=["item", "citizen"], name="one_flag_per_comment_citizen")
        ]
