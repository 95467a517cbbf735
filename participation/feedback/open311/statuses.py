"""Our review statuses seen through Open311's two: ``open`` and ``closed``."""

from participation.feedback.models import ReviewCase

OPEN311_STATUSES = ("open", "closed")


def closed_statuses():
    """The statuses after which nothing more happens to a request (answered, closed, …)."""
    return set(ReviewCase.FINAL_STATUSES)


def open311_status(status):
    return "closed" if status in closed_statuses() else "open"


def statuses_for(open311_statuses):
    """Our statuses matching the requested Open311 ones."""
    closed = closed_statuses()
    ours = set()
    for name in open311_statuses:
        ours |= {s for s in ReviewCase.Status.values if (s in closed) == (name == "closed")}
    return ours
