"""Admin wiring for the council: its section in the site tree and a "Council" menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CouncilIndexPage, CouncilTerm, Motion, Organization, VoteEvent


@hooks.register("register_site_section")
def council_section():
    return [(CouncilIndexPage, "council", _("City council"))]


class CouncilTermViewSet(SnippetViewSet):
    model = CouncilTerm
    icon = "date"
    list_display = ["__str__", "start_date", "end_date"]


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    list_display = ["name", "classification", "parent"]
    list_filter = ["classification"]

    def get_queryset(self, request):
        return Organization.objects.select_related("parent")


class MotionViewSet(SnippetViewSet):
    model = Motion
    icon = "doc-full"
    list_display = ["__str__", "meeting", "result"]
    list_filter = ["result"]
    search_fields = ["text"]

    def get_queryset(self, request):
        return Motion.objects.select_related("meeting").order_by("-meeting__start", "-pk")


class VoteEventViewSet(SnippetViewSet):
    model = VoteEvent
    icon = "tasks"
    list_display = ["__str__", "start", "result"]
    list_filter = ["result"]

    def get_queryset(self, request):
        return VoteEvent.objects.select_related("motion").order_by("-start", "-pk")


class CouncilViewSetGroup(SnippetViewSetGroup):
    items = (CouncilTermViewSet, OrganizationViewSet, MotionViewSet, VoteEventViewSet)
    menu_label = _("Council")
    menu_icon = "group"
    menu_order = 310


register_snippet(CouncilViewSetGroup)
