"""The monthly feedback report and the public accountability figures, computed in a few queries.

Definitions (the same on the admin page, the CSV and the printable page):

- a case belongs to the Jalali month in which it was received (``received_at``, Tehran time);
- counts by kind, category, district and status are of the month's cases, status as it is now;
- response time is ``answered_at - received_at`` of the month's answered cases; the median is
  reported in days;
- a case is overdue when it was answered after ``due_at``, or is still open (neither answered
  nor closed) after it, as in the review queue (``models.cases.ran_late_q``); a case closed
  without an answer stops counting; the overdue share is overdue cases over the month's cases;
- top-supported suggestions are the month's public suggestions with the most supports.
"""

import datetime
import statistics
from dataclasses import dataclass

import jdatetime
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.feedback.models import Complaint, ReviewCase, Suggestion
from participation.feedback.models.cases import ran_late_q
from participation.sanitize import plain_text

TOP_SUGGESTIONS = 5


def month_bounds(year, month):
    """The aware datetimes [first moment, first moment of the next month) of a Jalali month."""
    first = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + month // 12, month % 12 + 1, 1)
    return _local_midnight(first.togregorian()), _local_midnight(following.togregorian())


def _local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def current_month():
    """(year, month) of today in the Jalali calendar, Tehran time."""
    today = jdatetime.date.fromgregorian(date=timezone.localdate())
    return today.year, today.month


def median_days(durations):
    """The median of ``durations`` (timedeltas) in days, rounded to one decimal; None if none."""
    if not durations:
        return None
    return round(statistics.median(d.total_seconds() for d in durations) / 86400, 1)


def share(part, whole):
    """``part`` as a percentage of ``whole`` with one decimal; None when there is no whole."""
    return round(part * 100 / whole, 1) if whole else None


@dataclass(frozen=True)
class Row:
    """One line of a breakdown: what it counts and how many."""

    label: str
    count: int


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    total: int
    answered: int
    overdue: int
    median_response_days: float | None
    by_kind: list
    by_category: list
    by_district: list
    by_status: list
    top_suggestions: list

    @property
    def sections(self):
        """(caption, rows) of each breakdown, in the order the report shows them."""
        return [
            (gettext_lazy("By kind"), self.by_kind),
            (gettext_lazy("Complaints by category"), self.by_category),
            (gettext_lazy("By district"), self.by_district),
            (gettext_lazy("By status"), self.by_status),
            (gettext_lazy("Most supported suggestions"), self.top_suggestions),
        ]

    @property
    def overdue_share(self):
        return share(self.overdue, self.total)

    def as_json(self):
        """The report for the API: the CSV's figures, each breakdown as ``[{label, count}]``."""
        return {
            "year": self.year,
            "month": self.month,
            "summary": self.summary(),
            **{
                section: [{"label": row.label, "count": row.count} for row in rows]
                for section, rows in self.breakdowns()
            },
        }

    def summary(self):
        """The headline figures by the names the CSV and the API give them."""
        return {
            "received": self.total,
            "answered": self.answered,
            "overdue": self.overdue,
            "overdue_share_percent": self.overdue_share,
            "median_response_days": self.median_response_days,
        }

    def breakdowns(self):
        """(name, rows) of each breakdown, as the CSV and the API name them."""
        return [
            ("by_kind", self.by_kind),
            ("by_category", self.by_category),
            ("by_district", self.by_district),
            ("by_status", self.by_status),
            ("top_suggestions", self.top_suggestions),
        ]

    def csv_rows(self):
        """The report as (section, label, value) rows, for the CSV download."""
        for name, value in self.summary().items():
            yield ("summary", name, value)
        for section, rows in self.breakdowns():
            for row in rows:
                yield (section, row.label, row.count)


def _rows(cases, field, labels):
    """Counts of ``cases`` per value of ``field``, labelled; in one query."""
    counts = cases.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n")
    rows = [
        Row(str(labels.get(value, value) if value is not None else _("None")), n)
        for value, n in counts
    ]
    return sorted(rows, key=lambda row: (-row.count, row.label))


def monthly_report(year, month, *, now=None):
    """The figures of Jalali ``year``/``month``; see the module's docstring for definitions."""
    now = now or timezone.now()
    start, end = month_bounds(year, month)
    cases = ReviewCase.objects.filter(received_at__gte=start, received_at__lt=end)
    answered = list(
        cases.filter(answered_at__isnull=False).values_list("received_at", "answered_at")
    )
    overdue = cases.filter(ran_late_q(now)).count()
    complaints = Complaint.objects.filter(case__in=cases)
    top = (
        Suggestion.objects.filter(case__in=cases, case__is_public=True)
        .annotate(n=Count("supports"))
        .order_by("-n", "pk")
        .values_list("title", "n")[:TOP_SUGGESTIONS]
    )
    return MonthlyReport(
        year=year,
        month=month,
        total=cases.count(),
        answered=len(answered),
        overdue=overdue,
        median_response_days=median_days([done - received for received, done in answered]),
        by_kind=_rows(cases, "kind", dict(ReviewCase.Kind.choices)),
        by_category=_rows(complaints, "category__name", {}),
        by_district=_rows(cases, "district__name", {}),
        by_status=_rows(cases, "status", dict(ReviewCase.Status.choices)),
        top_suggestions=[Row(plain_text(title), n) for title, n in top],
    )
