"""Admin wiring: the municipality's directory (districts, departments, staff) in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Department, District, StaffMember


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["number", "name"]
    ordering = ["number"]
    list_per_page = 50


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    list_display = ["name", "phone", "email"]
    ordering = ["name"]
    list_per_page = 50


class StaffMemberViewSet(SnippetViewSet):
    model = StaffMember
    icon = "user"
    list_display = ["full_name", "position", "department", "phone", "extension"]
    list_filter = ["department"]
    ordering = ["department__name", "sort_order", "full_name"]
    list_per_page = 50

    def get_queryset(self, request):
        # The listing shows each member's department.
        return StaffMember.objects.select_related("department")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (DistrictViewSet, DepartmentViewSet, StaffMemberViewSet)
    menu_label = _("Directory")
    menu_icon = "list-ul"
    menu_order = 300


register_snippet(DirectoryViewSetGroup)
