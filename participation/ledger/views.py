"""The participation log in the Wagtail admin (Reports › Participation log): read only."""

import json

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import LedgerEntry

VIEW_PERMISSION = "ledger.view_ledgerentry"


class LedgerFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Event"), choices=LedgerEntry.Kind.choices)

    class Meta:
        model = LedgerEntry
        fields = ["kind"]


def _details(entry):
    return json.dumps(entry.payload, ensure_ascii=False, sort_keys=True)


class LedgerView(ReportView):
    """Newest entries first, 50 a page; check the chain with ``verify_participation_log``."""

    page_title = _("Participation log")
    header_icon = "list-ol"
    index_url_name = "ledger:index"
    index_results_url_name = "ledger:index_results"
    permission_policy = ModelPermissionPolicy(LedgerEntry)
    permission_required = "view"
    filterset_class = LedgerFilterSet
    columns = [
        Column("sequence", label=_("Number")),
        Column("kind", label=_("Event"), accessor="get_kind_display"),
        DateColumn("recorded_at", label=_("Recorded at")),
        Column("payload", label=_("Details"), accessor=_details),
        Column("entry_hash", label=_("Hash")),
    ]

    def get_queryset(self):
        return LedgerEntry.objects.order_by("-sequence")
