"""Public accountability: how many suggestions and complaints each department received,
answered and let run late, and how fast it answers. Counts only, never a citizen's data.

The figures take four queries whatever the number of cases, and are kept in the cache until
the end of the day (the key carries the date), so the page costs one cache read most days.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from cms.models import Department
from participation.feedback.models import ReviewCase, Suggestion
from participation.feedback.models.cases import ran_late_q
from participation.feedback.reports import median_days

CACHE_SECONDS = 24 * 60 * 60
PAGE_SIZE = 20


@dataclass(frozen=True)
class Figures:
    """One row of the accountability table (department None: the whole municipality)."""

    department_id: int | None
    department_name: str
    received: int
    answered: int
    overdue: int
    median_days: float | None

    def as_json(self):
        """The row for the public API (the department's name and id only when it has one)."""
        row = {
            "received": self.received,
            "answered": self.answered,
            "overdue": self.overdue,
            "median_days_to_answer": self.median_days,
        }
        if self.department_id is None:
            return row
        return {"id": self.department_id, "name": self.department_name, **row}


def compute_figures(now=None):
    """(overall, [per department]) computed now, in four queries."""
    now = now or timezone.now()
    counts = {
        row["department"]: row
        for row in ReviewCase.objects.order_by()
        .values("department")
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            overdue=Count("pk", filter=ran_late_q(now)),
        )
    }
    durations = {}
    for department, received, answered in ReviewCase.objects.filter(
        answered_at__isnull=False
    ).values_list("department", "received_at", "answered_at"):
        durations.setdefault(department, []).append(answered - received)
    names = dict(
        Department.objects.filter(pk__in=[d for d in counts if d]).values_list("pk", "name")
    )
    rows = [
        Figures(
            department_id=department,
            department_name=names[department],
            received=row["received"],
            answered=row["answered"],
            overdue=row["overdue"],
            median_days=median_days(durations.get(department, [])),
        )
        for department, row in counts.items()
        if department
    ]
    rows.sort(key=lambda figures: figures.department_name)
    overall = Figures(
        department_id=None,
        department_name="",
        received=sum(row["received"] for row in counts.values()),
        answered=sum(row["answered"] for row in counts.values()),
        overdue=sum(row["overdue"] for row in counts.values()),
        median_days=median_days([d for group in durations.values() for d in group]),
    )
    return overall, rows


def figures():
    """Today's figures, from the cache when someone already asked for them today."""
    key = f"feedback:accountability:{timezone.localdate().isoformat()}"
    return cache.get_or_set(key, compute_figures, CACHE_SECONDS)


class AccountabilityView(TemplateView):
    template_name = "feedback/accountability.html"

    def get_context_data(self, **kwargs):
        overall, rows = figures()
        return super().get_context_data(
            overall=overall, rows=rows, as_of=timezone.localdate(), **kwargs
        )


class DepartmentAnswersView(TemplateView):
    """A department's answered public suggestions, newest answer first."""

    template_name = "feedback/accountability_department.html"

    def get_context_data(self, **kwargs):
        department = get_object_or_404(Department, pk=self.kwargs["department_id"])
        suggestions = (
            Suggestion.objects.filter(
                case__department=department, case__is_public=True, case__answered_at__isnull=False
            )
            .select_related("case")
            .order_by("-case__answered_at", "-pk")
        )
        page = Paginator(suggestions, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            department=department, page_obj=page, suggestions=page.object_list, **kwargs
        )
