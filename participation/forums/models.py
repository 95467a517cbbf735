"""Forums: categories editors manage, threads citizens open, posts that answer them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from participation.moderation import FlagBase, ModeratedContent, public_name


class ForumCategory(models.Model):
    """A forum, e.g. «Transport» or «Parks»; editors add and order them in the admin."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    pre_moderated = models.BooleanField(
        _("moderate before publishing"),
        default=False,
        help_text=_("New threads and replies appear only once a moderator approves them."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        FieldPanel("pre_moderated"),
    ]

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:category", args=[self.slug])


class Thread(models.Model):
    """A discussion: its title here, its first post among its posts (``is_opening``)."""

    category = models.ForeignKey(
        ForumCategory, on_delete=models.CASCADE, related_name="threads", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_threads",
        verbose_name=_("author"),
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A locked thread takes no more replies.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-pinned", "-created", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forums:thread", args=[self.pk])

    @property
    def author_name(self):
        return public_name(self.author)


class Post(ModeratedContent):
    """The opening post of a thread or a reply in it."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    is_opening = models.BooleanField(_("opening post"), default=False)

    moderate_permission = "forums.moderate_post"
    # What the moderation queue joins to say where the text was written.
    queue_related = ("thread",)

    class Meta:
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")
        ordering = ["created", "pk"]
        permissions = [("moderate_post", _("Can moderate forum posts"))]
        indexes = [models.Index(fields=["thread", "status", "created"])]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(is_opening=True),
                name="one_opening_post_per_thread",
            )
        ]

    def __str__(self):
        return gettext("Post %(number)s") % {"number": self.pk}

    @property
    def where(self):
        return self.thread.title

    def moderation_subject(self):
        return gettext("your post in “%(thread)s”") % {"thread": self.thread.title}

    def get_absolute_url(self):
        return reverse("forums:post", args=[self.pk])

    def on_first_published(self):
        """A moderator approved this post: now its thread's subscribers hear about it."""
        from participation.forums.services import notify_subscribers

        notify_subscribers(self)


class PostFlag(FlagBase):
    """A citizen's report that a post breaks the rules; one per citizen per post."""

    item = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="flags", verbose_name=_("post")
    )

    class Meta:
        verbose_name = _("forum post flag")
        verbose_name_plural = _("forum post flags")
        constraints = [
            models.UniqueConstraint(fields=["item", "citizen"], name="one_flag_per_post_citizen")
        ]


class Subscription(models.Model):
    """A citizen hears about new replies in a thread."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="subscriptions", verbose_name=_("thread")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
        verbose_name=_("citizen"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("thread subscription")
        verbose_name_plural = _("thread subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="one_subscription_per_thread")
        ]
