"""Admin wiring: the «Moderation» menu item and its queue, shown only to moderators."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from participation import moderation
from participation.comments import queue

urlpatterns = [
    path("", queue.queue, name="queue"),
    path(
        "<str:app_label>/<str:model_name>/<int:pk>/<str:action>/",
        queue.decide,
        name="decide",
    ),
]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request):
        return moderation.can_moderate(request.user)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [path("moderation/", include((urlpatterns, "comments_moderation")))]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Moderation"), reverse("comments_moderation:queue"), icon_name="warning", order=250
    )
