"""Suggestion boxes (pages editors publish) and the suggestions citizens put in them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from cms.models.base import IndexPage
from participation.moderation import public_name

from .location import Located


class SuggestionBoxPage(RoutablePageMixin, Page):
    """A box for suggestions on one department's work or one topic, open between two dates."""

    class Anonymity(models.TextChoices):
        NAMED = "named", _("Signed in, name may be shown")
        ANONYMOUS_TO_PUBLIC = "anonymous_to_public", _("Signed in, never named publicly")
        FULLY_ANONYMOUS = "fully_anonymous", _("Anyone, even without an account")

    intro = models.TextField(_("introduction"), blank=True)
    department = models.ForeignKey(
        "cms.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("The department that answers this box's suggestions."),
    )
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Leave empty to keep the box open.")
    )
    response_days = models.PositiveSmallIntegerField(_("working days to answer"), default=15)
    anonymity = models.CharField(
        _("who may submit"),
        max_length=30,
        choices=Anonymity.choices,
        default=Anonymity.NAMED,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("department"),
                FieldPanel("topic"),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("response_days"),
                FieldPanel("anonymity"),
            ],
            heading=_("Box rules"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("topic")]

    parent_page_types = ["feedback.SuggestionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("suggestion box")
        verbose_name_plural = _("suggestion boxes")

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    @property
    def allows_fully_anonymous(self):
        return self.anonymity == self.Anonymity.FULLY_ANONYMOUS

    # The views live in views.py; the routes keep the box's URLs under its own address.
    @path("")
    def listing(self, request):
        from participation.feedback.views import suggestions

        return suggestions.box_listing(request, self)

    @path("new/")
    def new_suggestion(self, request):
        from participation.feedback.views import suggestions

        return suggestions.submit(request, self)

    @path("<int:suggestion_id>/")
    def suggestion_detail(self, request, suggestion_id):
        from participation.feedback.views import suggestions

        return suggestions.detail(request, self, suggestion_id)

    @path("<int:suggestion_id>/support/")
    def support(self, request, suggestion_id):
        from participation.feedback.views import suggestions

        return suggestions.support(request, self, suggestion_id)


class SuggestionIndexPage(IndexPage):
    """The suggestions section: every open and closed box."""

    child_model = SuggestionBoxPage
    list_prefetch_related = ()
    ordering = ("-opens_at", "-pk")

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["feedback.SuggestionBoxPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("suggestions section")


class Suggestion(Located):
    """A citizen's suggestion. The body is plain text, stored as typed, shown escaped."""

    box = models.ForeignKey(
        SuggestionBoxPage,
        on_delete=models.PROTECT,
        related_name="suggestions",
        verbose_name=_("suggestion box"),
    )
    case = models.OneToOneField(
        "feedback.ReviewCase",
        on_delete=models.CASCADE,
        related_name="suggestion",
        verbose_name=_("case"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("suggestion"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("author"),
    )
    contact_email = models.EmailField(
        _("email for updates"),
        blank=True,
        help_text=_("Never shown publicly; used only to tell you about the answer."),
    )
    show_author = models.BooleanField(_("show my name publicly"), default=False)
    fully_anonymous = models.BooleanField(_("fully anonymous"), default=False)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            Located.location_constraint("feedback_suggestion_location_pair"),
            models.CheckConstraint(
                condition=models.Q(fully_anonymous=False) | models.Q(author__isnull=True),
                name="feedback_suggestion_anonymous_has_no_author",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.box.url + self._subpage_path()

    def get_full_url(self):
        """The page's address with scheme and host, for links kept outside the site."""
        return self.box.get_full_url() + self._subpage_path()

    def _subpage_path(self):
        return self.box.reverse_subpage("suggestion_detail", kwargs={"suggestion_id": self.pk})

    @property
    def public_author_name(self):
        """The author's display name when they chose to show it; else empty.

        The name citizens chose at sign-up, as comments and forums show it: never their
        real name or their internal ``citizen-…`` username.
        """
        if not (self.show_author and self.author_id):
            return ""
        return public_name(self.author)


class SuggestionSupport(models.Model):
    """A verified citizen's support for a suggestion: once each, enforced by the database."""

    suggestion = models.ForeignKey(
        Suggestion, on_delete=models.CASCADE, related_name="supports", verbose_name=_("suggestion")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="suggestion_supports",
        verbose_name=_("citizen"),
    )
    created_at = models.DateTimeField(_("supported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "user"], name="feedback_support_once_each"
            )
        ]
