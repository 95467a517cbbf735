"""The suggestions and complaints sections, the complaint categories snippet, and the
council's review menu (``admin_hooks``, owned by the council review side)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from participation.feedback import admin_hooks  # noqa: F401
from participation.feedback.models import ComplaintCategory, ComplaintsPage, SuggestionIndexPage


@hooks.register("register_site_section")
def feedback_sections():
    return [
        (SuggestionIndexPage, "suggestions", _("Suggestions")),
        (ComplaintsPage, "complaints", _("Complaints (137)")),
    ]


class ComplaintCategoryViewSet(SnippetViewSet):
    model = ComplaintCategory
    icon = "warning"
    menu_label = _("Complaint categories")
    list_display = ["name", "department", "response_days", "service_code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "keywords"]


register_snippet(ComplaintCategoryViewSet)
