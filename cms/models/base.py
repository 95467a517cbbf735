"""What every content page shares: summary, body, tags, attached documents, index listing."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BodyBlock


class PageTag(TaggedItemBase):
    """One tag table for all pages, so a tag groups news, laws and tenders alike."""

    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("page tag")
        verbose_name_plural = _("page tags")


class CommentsMode(models.TextChoices):
    """Whether citizens may comment on a page, and whether comments wait for a moderator."""

    CLOSED = "closed", _("Closed")
    POST_MODERATED = "post_moderated", _("Open; moderators may hide comments afterwards")
    PRE_MODERATED = "pre_moderated", _("Open; comments appear once a moderator approves them")


class ContentPage(Page):
    """Abstract base of every published item: a summary, a body, tags and its provenance."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences shown in lists, search results and feeds."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=PageTag, blank=True, verbose_name=_("tags"))
    source_id = models.CharField(
        _("source identifier"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Identifier in the portal this item was imported from; re-imports update it."),
    )
    # Provenance: who answers for the item, where it comes from, what the last update changed.
    responsible_department = models.ForeignKey(
        "cms.Department",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible department"),
    )
    source_authority = models.CharField(
        _("source or issuing authority"),
        max_length=255,
        blank=True,
        help_text=_("Who issued or supplied this information, e.g. the city council secretariat."),
    )
    source_document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source document"),
    )
    change_note = models.TextField(
        _("change note"),
        blank=True,
        max_length=1000,
        help_text=_("What the latest update changed; shown on the page next to its date."),
    )
    # Not "comments": Wagtail's page editor has its own (editors') comments under that name.
    citizen_comments = models.CharField(
        _("citizen comments"),
        max_length=20,
        choices=CommentsMode.choices,
        default=CommentsMode.CLOSED,
    )

    provenance_panel = MultiFieldPanel(
        [
            FieldPanel("responsible_department"),
            FieldPanel("source_authority"),
            FieldPanel("source_document"),
            FieldPanel("change_note"),
        ],
        heading=_("Source and responsibility"),
    )
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        provenance_panel,
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("citizen_comments"),
        FieldPanel("source_id"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("body"),
        APIField("tags"),
        APIField("responsible_department"),
        APIField("source_authority"),
        APIField("source_document"),
        APIField("change_note"),
        APIField("citizen_comments"),
    ]

    class Meta:
        abstract = True

    def others_in_language(self, queryset):
        """``queryset`` limited to this page's language, without this page and its translations.

        For uniqueness rules (a tender's number, a budget's year) that are not database
        constraints because every translation of one item shares the value.
        """
        if self.locale_id:
            queryset = queryset.filter(locale_id=self.locale_id)
        return queryset.exclude(translation_key=self.translation_key).exclude(pk=self.pk)

    def get_admin_display_title(self):
        return self.draft_title or self.title

    @property
    def republished(self):
        """True when the page was published again after its first publication."""
        first, last = self.first_published_at, self.last_published_at
        # A publish writes both within the same request; only a later one counts as an update.
        return bool(first and last and (last - first).total_seconds() > 60)


class RelatedDocument(Orderable):
    """A downloadable file attached to a page (regulation text, tender dossier...)."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]
    api_fields = [APIField("document"), APIField("caption")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def label(self):
        return self.caption or self.document.title


def documents_panel(label=None):
    return InlinePanel("documents", label=label or _("Documents"))


class GalleryImage(Orderable):
    """A picture in a page's gallery (projects, news).

    Subclasses add ``page = ParentalKey(<page model>, related_name="gallery_images")``;
    ``cms/includes/_gallery.html`` shows them.
    """

    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [APIField("image"), APIField("caption")]

    class Meta(Orderable.Meta):
        abstract = True


def gallery_panel():
    return InlinePanel("gallery_images", label=_("Gallery"))


class IndexPage(RoutablePageMixin, Page):
    """Abstract section page that lists its live children, filtered and paginated.

    Subclasses set ``child_model`` and optionally ``filterset_class`` (a django-filter
    FilterSet over ``child_model``), ``list_select_related`` and ``list_prefetch_related``
    for the columns they show (children that are not content pages have no tags).
    Every section also serves its newest items as Atom (``feed/atom/``) and RSS (``feed/rss/``).
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]

    child_model = None
    #: Feed formats every section serves: URL name suffix -> (label, generator).
    feed_types = {"atom": ("Atom", Atom1Feed), "rss": ("RSS", Rss201rev2Feed)}
    filterset_class = None
    list_select_related = ()
    list_prefetch_related = ("tags",)
    ordering = ("-first_published_at",)

    class Meta:
        abstract = True

    def get_listing(self):
        """Live public children of this index, with what a list row shows preloaded."""
        return (
            self.child_model.objects.child_of(self)
            .live()
            .public()
            .select_related(*self.list_select_related)
            .prefetch_related(*self.list_prefetch_related)
            .order_by(*self.ordering)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = self.get_listing()
        if self.filterset_class:
            filterset = self.filterset_class(request.GET, queryset=listing, request=request)
            listing = filterset.qs if filterset.is_valid() else listing.none()
            context["filterset"] = filterset
        paginator = Paginator(listing, settings.SHAFAF_PAGE_SIZE)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context["filter_query"] = query.urlencode()
        return context

    def feed_links(self):
        """``[{"type", "title", "url"}]`` of this section's feeds, for ``<link rel="alternate">``."""
        url = self.get_url()
        if url is None:
            return []
        return [
            {
                "type": generator.content_type.split(";")[0],
                "title": f"{self.title} ({label})",
                "url": url + self.reverse_subpage(f"feed_{kind}"),
            }
            for kind, (label, generator) in self.feed_types.items()
        ]

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return self.serve_feed(request, "atom")

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return self.serve_feed(request, "rss")

    def serve_feed(self, request, kind):
        # Imported here: cms.feeds reads the page models, which import this module.
        from cms.feeds import section_feed

        return section_feed(self, request, kind)
