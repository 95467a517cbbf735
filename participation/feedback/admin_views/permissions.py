"""Who may use the review dashboard: holders of ``feedback.review_case`` (council members)."""

from django.core.exceptions import PermissionDenied

REVIEW_PERMISSION = "feedback.review_case"


def can_review(user):
    return bool(user and user.is_active and user.has_perm(REVIEW_PERMISSION))


class ReviewerRequiredMixin:
    """Refuses (403) anyone without the review permission, on every method."""

    def dispatch(self, request, *args, **kwargs):
        if not can_review(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
