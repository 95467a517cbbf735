"""The catalogue's section in the site tree, and its tariff tables in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ServiceIndexPage, TariffTable


@hooks.register("register_site_section")
def services_section():
    return [(ServiceIndexPage, "services", _("Services"))]


class TariffTableViewSet(SnippetViewSet):
    model = TariffTable
    icon = "table"
    menu_label = _("Tariffs")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["title", "fiscal_year", "published", "updated_at"]
    list_filter = ["published"]


register_snippet(TariffTableViewSet)
