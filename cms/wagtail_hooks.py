"""Admin wiring: the municipality's directory (districts, departments, staff) in one menu,
and the budget import (upload, preview, confirm)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.fiscal import admin_views
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
    list_display = ["name", "parent", "head", "phone", "email"]
    ordering = ["name"]
    list_per_page = 50

    def get_queryset(self, request):
        # The listing shows each department's parent and head.
        return Department.objects.select_related("parent", "head")


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


class BudgetImportMenuItem(MenuItem):
    def is_shown(self, request):
        # Shown to those who may edit at least one budget; the views check again.
        return admin_views.may_edit_some_budget(request.user)


@hooks.register("register_admin_urls")
def register_budget_import_urls():
    return [
        path("budget-import/", admin_views.import_view, name="fiscal_budget_import"),
        path(
            "budget-import/confirm/",
            admin_views.confirm_view,
            name="fiscal_budget_import_confirm",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_budget_import_menu_item():
    return BudgetImportMenuItem(
        _("Import budget"), reverse("fiscal_budget_import"), icon_name="table", order=320
    )
