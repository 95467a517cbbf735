"""What the case page reads and does beyond the workflow's transitions and answers."""

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language_bidi

from participation import services as poll_services
from participation.chart import bar_chart
from participation.feedback import workflow
from participation.feedback.models import ReviewCase


def case_for_review(pk):
    return get_object_or_404(
        ReviewCase.objects.select_related(
            "department",
            "committee",
            "district",
            "assignee",
            "agenda_item__meeting",
            "suggestion__box",
            "complaint__category",
            "poll_review__poll",
        ),
        pk=pk,
    )


def item_of(case):
    """The suggestion or complaint the case is about."""
    return case.item


def history_of(case):
    return list(case.transitions.select_related("actor").order_by("at", "pk"))


def assignments_of(case):
    return list(
        case.assignments.select_related(
            "from_department",
            "to_department",
            "from_committee",
            "to_committee",
            "from_assignee",
            "to_assignee",
            "actor",
        )
    )


def responses_of(case):
    return list(case.responses.prefetch_related("documents__document"))


def agenda_of(case):
    """(agenda item, its motions with their resolutions) once the case is on an agenda."""
    if case.agenda_item is None:
        return None
    return case.agenda_item, list(case.agenda_item.motions.select_related("resolution"))


def attachments_of(case):
    return list(case.attachments.all())


def allowed_statuses(case):
    return list(workflow.allowed_transitions(case))


def poll_results_of(case):
    """(poll, results, chart) of the closed poll the case is about; None for other cases."""
    poll = getattr(case.item, "poll", None)
    if poll is None or poll.is_open():
        return None
    results = poll_services.poll_results(poll)
    return poll, results, bar_chart(results, rtl=get_language_bidi())
