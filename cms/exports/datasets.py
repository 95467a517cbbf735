"""What each bulk export contains: its rows and its columns, in a fixed order.

A dataset yields rows as dicts whose keys are its columns. Page datasets hold live, public
pages of every language (``language`` says which) read in chunks, each chunk with its related
rows prefetched, so the number of queries depends on the number of chunks, never on rows.
Every date is given twice: ISO 8601 for software and Jalali (Tehran time, ASCII digits) for
people; ``<name>`` and ``<name>_jalali``.

The datasets of other apps (the council, the catalogue, participation) are not imported
here: each app ``register()``s its own from its ``AppConfig.ready()``, with the column
helpers below, so that cms depends on none of them.
"""

import datetime
import re
from dataclasses import dataclass

import jdatetime
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import models
from cms.ocds.releases import ocid_for

CHUNK_SIZE = 500


def _iso(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _jalali(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return jdatetime.datetime.fromgregorian(datetime=local).strftime("%Y/%m/%d %H:%M")
    return jdatetime.date.fromgregorian(date=value).strftime("%Y/%m/%d")


def date_columns(*names, of=None, prefix=""):
    """Two columns per date field: ISO and Jalali; of ``of(obj)`` when given."""
    of = of or (lambda obj: obj)
    columns = []
    for name in names:
        columns.append((prefix + name, lambda obj, n=name: _iso(getattr(of(obj), n))))
        columns.append((f"{prefix}{name}_jalali", lambda obj, n=name: _jalali(getattr(of(obj), n))))
    return columns


def fields(*names):
    return [(name, lambda obj, n=name: getattr(obj, n)) for name in names]


@dataclass
class Dataset:
    """One export: a name (its URL), a title, the rows' query and the columns."""

    name: str
    title: object
    columns: list
    queryset: object = None
    select_related: tuple = ()
    prefetch_related: tuple = ()

    @property
    def column_names(self):
        return [name for name, _getter in self.columns]

    def rows(self, request):
        """Row dicts, chunk by chunk (a generator: nothing is read until iterated)."""
        columns = [(name, _with_request(getter)) for name, getter in self.columns]
        for chunk in self._chunks():
            for obj in chunk:
                yield {name: getter(obj, request) for name, getter in columns}

    def _chunks(self):
        queryset = self.queryset()
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        last_pk = None
        while True:
            chunk = queryset.order_by("pk")
            if last_pk is not None:
                chunk = chunk.filter(pk__gt=last_pk)
            chunk = list(chunk.prefetch_related(*self.prefetch_related)[:CHUNK_SIZE])
            if not chunk:
                return
            yield chunk
            last_pk = chunk[-1].pk


def _with_request(getter):
    """Columns take ``(obj)``; the URL column takes ``(obj, request)``."""
    if getattr(getter, "needs_request", False):
        return getter
    return lambda obj, _request: getter(obj)


def related_page_url(page_of):
    """A URL column of the page ``page_of(obj)``; empty when there is none or it is not live."""

    def url(obj, request):
        page = page_of(obj)
        return page.get_full_url(request=request) if page is not None and page.live else None

    url.needs_request = True
    return url


def page_columns(page_of=lambda obj: obj):
    def of(getter):
        return lambda obj: getter(page_of(obj))

    columns = [
        ("id", lambda page: page.pk),
        ("language", lambda page: page.locale.language_code),
        ("translation_key", lambda page: str(page.translation_key)),
        ("title", lambda page: page.title),
        ("summary", lambda page: page.summary),
        ("tags", lambda page: ";".join(sorted(tag.name for tag in page.tags.all()))),
        *date_columns("first_published_at", "last_published_at"),
    ]
    return [(name, of(getter)) for name, getter in columns] + [("url", related_page_url(page_of))]


def live(model):
    return lambda: model.objects.live().public()


PAGE_RELATED = ("locale",)

DATASETS = {
    dataset.name: dataset
    for dataset in [
        Dataset(
            "news",
            _("News and announcements"),
            [*page_columns(), *fields("kind"), *date_columns("date")],
            live(models.NewsPage),
            PAGE_RELATED,
            ("tags",),
        ),
        Dataset(
            "events",
            _("Events"),
            [*page_columns(), *date_columns("start", "end"), *fields("place", "address")],
            live(models.EventPage),
            PAGE_RELATED,
            ("tags",),
        ),
        Dataset(
            "laws",
            _("Laws, regulations and council resolutions"),
            [
                *page_columns(),
                *fields("number", "kind", "status", "approval_authority"),
                *date_columns("approval_date", "effective_date"),
            ],
            live(models.LawPage),
            PAGE_RELATED,
            ("tags",),
        ),
        Dataset(
            "tenders",
            _("Tenders and auctions"),
            [
                *page_columns(),
                ("ocid", ocid_for),
                *fields("kind", "reference_number", "status", "estimated_value", "currency"),
                *date_columns("publish_date", "submission_deadline", "opening_date"),
                *fields("award_winner", "award_amount"),
                *date_columns("award_date"),
                *fields("contract_number", "contract_value", "contract_status"),
                *date_columns("contract_signed_date", "contract_start", "contract_end"),
                (
                    "contract_amendments",
                    lambda page: len(page.contract_amendments.all()),
                ),
            ],
            live(models.TenderPage),
            PAGE_RELATED,
            ("tags", "contract_amendments"),
        ),
        Dataset(
            "projects",
            _("Projects"),
            [
                *page_columns(),
                ("status", lambda page: page.status),
                ("district", lambda page: page.district.name if page.district else None),
                *date_columns("start_date", "end_date"),
                *fields("budget", "spent", "currency", "progress", "contractor"),
                ("latitude", lambda page: _number(page.latitude)),
                ("longitude", lambda page: _number(page.longitude)),
            ],
            live(models.ProjectPage),
            (*PAGE_RELATED, "district"),
            ("tags",),
        ),
        Dataset(
            "budgets",
            _("Budgets, one row per line"),
            [
                *page_columns(lambda line: line.page),
                ("fiscal_year", lambda line: line.page.fiscal_year),
                ("currency", lambda line: line.page.currency),
                ("approved_on", lambda line: _iso(line.page.approved_on)),
                ("approved_on_jalali", lambda line: _jalali(line.page.approved_on)),
                *fields("code", "parent_code", "kind"),
                ("line_title", lambda line: line.title),
                *fields("approved", "revised", "actual"),
            ],
            lambda: models.BudgetLineItem.objects.filter(
                page__in=models.BudgetPage.objects.live().public()
            ),
            ("page", "page__locale"),
            ("page__tags",),
        ),
        Dataset(
            "media",
            _("Videos and audio, with their transcripts"),
            [
                *page_columns(),
                *fields("kind"),
                *date_columns("date"),
                ("duration", lambda page: str(page.duration) if page.duration else None),
                *fields("media_url", "captions_url", "transcript"),
            ],
            live(models.MediaItemPage),
            (*PAGE_RELATED, "media_file", "captions"),
            ("tags",),
        ),
        Dataset(
            "departments",
            _("Departments: the organisation chart"),
            [
                *fields("name", "description"),
                ("parent", lambda department: department.parent and department.parent.name),
                ("head", lambda department: department.head and department.head.full_name),
                ("head_position", lambda department: department.head and department.head.position),
                *fields("phone", "email", "address"),
            ],
            lambda: models.Department.objects.all(),
            ("parent", "head"),
        ),
        Dataset(
            "staff",
            _("Staff directory"),
            [
                ("department", lambda member: member.department.name),
                ("department_phone", lambda member: member.department.phone),
                ("department_email", lambda member: member.department.email),
                *fields("full_name", "position", "phone", "extension", "email"),
            ],
            lambda: models.StaffMember.objects.all(),
            ("department",),
        ),
    ]
}


def register(dataset):
    """Offer ``dataset`` for download too; its name must be new (lower-case letters)."""
    if dataset.name in DATASETS or not re.fullmatch("[a-z]+", dataset.name):
        raise ImproperlyConfigured(f"Export name {dataset.name!r} is taken or not a-z only.")
    DATASETS[dataset.name] = dataset


def _number(value):
    return float(value) if value is not None else None
