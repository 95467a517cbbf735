"""The public tracking page: a code in, the case's status history and official answers out.

Nothing personal is shown: no name, contact, text of a complaint or attachment; a
suggestion's title only when the suggestion itself is public. Lookups are rate limited
(scope ``track``) so codes cannot be guessed by trying many.
"""

from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.council.models import Motion
from participation import ratelimit
from participation.feedback.forms import TrackingForm
from participation.feedback.models import OfficialResponse, ReviewCase
from participation.feedback.tracking import normalize


def find_case(code):
    """The case with ``code`` (as typed), with its public history and responses; or None."""
    return (
        ReviewCase.objects.select_related(
            "department",
            "committee",
            "agenda_item__meeting",
            "suggestion__box",
            "complaint__category",
            "poll_review__poll",
        )
        .prefetch_related(
            "transitions",
            Prefetch("agenda_item__motions", queryset=Motion.objects.select_related("resolution")),
            Prefetch(
                "responses",
                queryset=OfficialResponse.objects.prefetch_related("documents__document"),
            ),
        )
        .filter(tracking_code=normalize(code))
        .first()
    )


@require_GET
def track(request):
    form = TrackingForm(request.GET or None)
    context = {"form": form, "case": None, "error": None}
    status = 200
    if form.is_bound:
        try:
            ratelimit.check(request, "track")
        except ratelimit.RateLimited as refusal:
            context["error"] = refusal.message
            response = TemplateResponse(request, "feedback/track.html", context, status=429)
            response["Retry-After"] = str(refusal.retry_after)
            return response
        if form.is_valid():
            context["case"] = find_case(form.cleaned_data["code"])
            if context["case"] is None:
                form.add_error(
                    "code",
                    _("No submission has this tracking code. Check it and try again."),
                )
                status = 404
    response = TemplateResponse(request, "feedback/track.html", context, status=status)
    response["Cache-Control"] = "no-store"
    return response
