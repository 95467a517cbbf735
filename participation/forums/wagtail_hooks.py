"""Admin wiring: editors manage forum categories, moderators pin and lock threads."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from participation.forums.models import ForumCategory, Thread


class ForumCategoryViewSet(SnippetViewSet):
    model = ForumCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["title", "sort_order", "pre_moderated"]
    ordering = ["sort_order", "title"]
    search_fields = ["title", "description"]


class ThreadViewSet(SnippetViewSet):
    model = Thread
    icon = "comment"
    menu_label = _("Threads")
    list_display = ["title", "category", "pinned", "locked", "created"]
    list_filter = ["category", "pinned", "locked"]
    search_fields = ["title"]
    ordering = ["-pinned", "-created"]
    panels = [
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("pinned"),
        FieldPanel("locked"),
    ]


class ForumsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Forums")
    menu_icon = "group"
    menu_order = 260
    items = (ForumCategoryViewSet, ThreadViewSet)


register_snippet(ForumsViewSetGroup)
