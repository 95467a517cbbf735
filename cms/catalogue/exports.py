"""The catalogue's bulk exports: the services and the published tariffs, one row per fee."""

from django.utils.translation import gettext_lazy as _

from cms.exports.datasets import (
    PAGE_RELATED,
    Dataset,
    date_columns,
    fields,
    live,
    page_columns,
    related_page_url,
)

from .models import ServicePage, TariffItem


def _department(page):
    return page.responsible_department.name if page.responsible_department else None


DATASETS = [
    Dataset(
        "services",
        _("Municipal services"),
        [
            *page_columns(),
            ("department", _department),
            *fields("life_event", "eligibility", "processing_days", "online_url"),
            *fields("in_person", "phone_137", "sms_number", "feedback_url"),
            ("fee_codes", lambda page: ";".join(fee.tariff_code for fee in page.fees.all())),
        ],
        live(ServicePage),
        (*PAGE_RELATED, "responsible_department"),
        ("tags", "fees"),
    ),
    Dataset(
        "tariffs",
        _("Fees and tariffs, one row per item"),
        [
            ("fiscal_year", lambda item: item.table.fiscal_year),
            ("table", lambda item: item.table.title),
            ("approving_resolution", related_page_url(lambda item: item.table.legal_basis)),
            *fields("code", "title", "unit", "amount"),
            ("currency", lambda item: "IRR"),
            *fields("legal_basis"),
            *date_columns("effective_date"),
        ],
        lambda: TariffItem.objects.filter(table__published=True),
        ("table", "table__legal_basis"),
    ),
]
