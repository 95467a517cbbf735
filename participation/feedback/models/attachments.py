"""Files citizens attach to a suggestion or complaint (checked by participation.uploads)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def attachment_path(instance, filename):
    """A random name: nothing of what the citizen called the file reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"feedback/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    """One checked file of a case. Only images of public suggestions are ever shown publicly."""

    case = models.ForeignKey(
        "feedback.ReviewCase",
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("case"),
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    original_name = models.CharField(_("original name"), max_length=255, blank=True)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Set for images of public suggestions only; never for complaints."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def is_image(self):
        return self.content_type.startswith("image/")
