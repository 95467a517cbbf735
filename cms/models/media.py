"""Video and audio: an uploaded file or an embed, always with a transcript or summary to read."""

import django_filters
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.api.utils import get_full_url
from wagtail.embeds.finders import get_finders
from wagtail.search import index

from cms.filters import ContentFilterSet, JalaliYearFilter

from .base import ContentPage, IndexPage

#: Files browsers play without plugins, by kind of item.
PLAYABLE_EXTENSIONS = {
    "video": ("mp4", "webm", "ogv"),
    "audio": ("mp3", "ogg", "oga", "opus", "m4a", "wav"),
}
CAPTION_EXTENSIONS = ("vtt",)


class FullURLField(serializers.CharField):
    """A site path as a full address, as Wagtail's API gives its own URLs."""

    def to_representation(self, value):
        return get_full_url(self.context.get("request"), value)


class MediaItemPage(ContentPage):
    class Kind(models.TextChoices):
        VIDEO = "video", _("Video")
        AUDIO = "audio", _("Audio")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.VIDEO)
    date = models.DateField(_("date"), default=timezone.localdate)
    duration = models.DurationField(
        _("duration"), null=True, blank=True, help_text=_("Length, as hours:minutes:seconds.")
    )
    media_file = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
        help_text=format_lazy(
            _("A video ({video}) or audio ({audio}) file uploaded to the documents."),
            video=", ".join(PLAYABLE_EXTENSIONS["video"]),
            audio=", ".join(PLAYABLE_EXTENSIONS["audio"]),
        ),
    )
    embed_url = models.URLField(
        _("embed address"),
        max_length=500,
        blank=True,
        help_text=_("Instead of a file: the item's address on a video site such as YouTube."),
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("captions"),
        help_text=_("A WebVTT (.vtt) file of captions for an uploaded file."),
    )
    transcript = models.TextField(
        _("transcript or summary"),
        help_text=_(
            "The full text of what is said, or a summary of it. Shown under the player for "
            "those who cannot watch or listen, and found by the site search."
        ),
    )

    content_panels = [
        *ContentPage.content_panels[:1],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("date"), FieldPanel("duration")]),
                FieldPanel("media_file"),
                FieldPanel("embed_url"),
                FieldPanel("captions"),
            ],
            heading=_("Recording and captions"),
        ),
        FieldPanel("transcript"),
        *ContentPage.content_panels[1:],
    ]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("transcript"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("kind"),
        APIField("date"),
        APIField("duration"),
        APIField("media_file"),
        APIField("embed_url"),
        APIField("media_url", serializer=FullURLField(allow_null=True, read_only=True)),
        APIField("captions"),
        APIField("captions_url", serializer=FullURLField(allow_null=True, read_only=True)),
        APIField("transcript"),
    ]

    parent_page_types = ["cms.MediaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("video or audio item")
        verbose_name_plural = _("videos and audio")

    def clean(self):
        super().clean()
        errors = {}
        if self.media_file_id and self.embed_url:
            errors["embed_url"] = _("Give either an uploaded file or an embed address, not both.")
        elif not self.media_file_id and not self.embed_url:
            errors["media_file"] = _("Upload a file or give an embed address.")
        if self.media_file_id:
            allowed = PLAYABLE_EXTENSIONS.get(self.kind, ())
            if self.media_file.file_extension.lower() not in allowed:
                errors["media_file"] = _(
                    "A browser cannot play this file as %(kind)s; use one of: %(extensions)s."
                ) % {"kind": self.get_kind_display(), "extensions": ", ".join(allowed)}
        elif self.embed_url and not any(finder.accept(self.embed_url) for finder in get_finders()):
            errors["embed_url"] = _(
                "No embed provider is known for this address; upload the file instead."
            )
        if self.captions_id:
            if self.captions.file_extension.lower() not in CAPTION_EXTENSIONS:
                errors["captions"] = _("Captions must be a WebVTT (.vtt) file.")
            elif not self.media_file_id:
                errors["captions"] = _("Captions go with an uploaded file; embeds carry their own.")
        if not (self.transcript or "").strip():
            errors["transcript"] = _(
                "Write the transcript or a summary: those who cannot watch or listen rely on it."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def media_url(self):
        """Where the item plays from: the uploaded file, else the embed address."""
        return self.media_file.url if self.media_file else self.embed_url or None

    @property
    def captions_url(self):
        return self.captions.url if self.captions else None


class MediaFilter(ContentFilterSet):
    kind = django_filters.ChoiceFilter(choices=MediaItemPage.Kind.choices, label=_("Kind"))
    year = JalaliYearFilter(field_name="date")


class MediaIndexPage(IndexPage):
    child_model = MediaItemPage
    filterset_class = MediaFilter
    ordering = ("-date", "-first_published_at")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.MediaItemPage"]

    class Meta:
        verbose_name = _("videos and audio section")
