"""What every public submission form does: rate limit, spam and duplicate checks, the service
call, and Post/Redirect/Get to a receipt that shows the tracking code once."""

from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from participation import ratelimit
from participation.abuse import DuplicateSubmission, unique_submission
from participation.feedback.services import SubmissionRefused

RECEIPT_KEY = "feedback_receipt"


def handle(request, form, *, scope, duplicate_parts, submit, render):
    """Process a bound ``form``; ``submit(cleaned_data)`` returns the item, ``render(form,
    status, error)`` the page again. Returns the response."""
    try:
        ratelimit.check(request, scope)
    except ratelimit.RateLimited as refusal:
        response = render(form, 429, str(refusal.message))
        response["Retry-After"] = str(refusal.retry_after)
        return response
    if not form.is_valid():
        return render(form, 400, None)
    # The text counts as received only once the submission is saved: one refused for a bad
    # file or position may be corrected and sent again at once.
    try:
        with unique_submission(request, scope, *duplicate_parts(form.cleaned_data)):
            item = submit(form.cleaned_data)
    except DuplicateSubmission as duplicate:
        form.add_error(None, duplicate.message)
        return render(form, 400, None)
    except SubmissionRefused as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return render(form, 400, None)
    # The code is shown once, from the session: never in a URL that ends up in logs or history.
    request.session[RECEIPT_KEY] = {
        "code": item.case.tracking_code,
        "kind": item.case.kind,
        "back": request.path,
    }
    return HttpResponseRedirect(reverse("feedback:receipt"), status=303)


@require_GET
def receipt(request):
    """The confirmation page with the tracking code; a reload finds nothing and goes home."""
    data = request.session.pop(RECEIPT_KEY, None)
    if not data:
        return redirect("/")
    response = TemplateResponse(request, "feedback/receipt.html", {"receipt": data})
    response["Cache-Control"] = "no-store"
    return response
