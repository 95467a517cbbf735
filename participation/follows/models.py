"""A citizen follows a published page (a project, a tender, a law…) to hear when it changes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFollow(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("page"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="page_follows",
        verbose_name=_("citizen"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("followed page")
        verbose_name_plural = _("followed pages")
        constraints = [models.UniqueConstraint(fields=["page", "user"], name="one_follow_per_page")]

    def __str__(self):
        return f"{self.user} → {self.page}"
