"""Admin: citizens' profiles, to find an account and correct a public name.

Profiles are made by signing up and go away with the account (``services.delete_account``),
so the admin neither adds nor deletes them; staff with the change permission may edit.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from participation.accounts.models import CitizenProfile


class ProfilePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, without adding or deleting."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(
    CitizenProfile, ProfilePermissionPolicy(CitizenProfile), exact_class=True
)


class CitizenProfileIndexView(IndexView):
    def get_base_queryset(self):
        # Each row shows the account's email address.
        return super().get_base_queryset().select_related("user")


class CitizenProfileViewSet(ModelViewSet):
    model = CitizenProfile
    index_view_class = CitizenProfileIndexView
    icon = "user"
    menu_label = _("Citizens")
    menu_order = 350
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["display_name", "mobile", "notification_frequency"]
    list_display = [
        "display_name",
        Column("email", label=_("Email address"), accessor="user.email"),
        DateColumn("email_verified_at", label=_("email verified at")),
        "notification_frequency",
        DateColumn("created", label=_("created")),
    ]
    list_filter = ["notification_frequency", "email_verified_at", "created"]
    search_fields = ["display_name", "user__email", "mobile"]
    search_backend_name = None  # the database, without a search index of personal data
    ordering = ["-created"]
    list_per_page = 50


@hooks.register("register_admin_viewset")
def register_citizen_profiles():
    return CitizenProfileViewSet("citizen_profiles")
