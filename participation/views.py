"""The public poll page (GET shows, POST votes) and the council's CSV export of results."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from participation import devices, ratelimit, services
from participation.chart import bar_chart
from participation.forms import VoteForm
from participation.models import PollPage
from participation.permissions import can_see_all_results, can_see_results


def serve_poll(poll, request, *args, **kwargs):
    """The poll page; a POST casts a vote and redirects back (works without JavaScript)."""
    choices = list(poll.choices.all())
    if request.method == "POST":
        return _vote(poll, request, choices)
    return _render(poll, request, choices)


def _vote(poll, request, choices):
    try:
        ratelimit.check(request, "vote")
    except ratelimit.RateLimited as refusal:
        response = _render(poll, request, choices, error=str(refusal.message), status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    form = VoteForm(poll, choices, request.POST)
    if not form.is_valid():
        return _render(poll, request, choices, form=form, status=400)
    device_id = None if request.user.is_authenticated else devices.device_id_for(request)
    try:
        vote = services.cast_vote(
            poll, user=request.user, device_id=device_id, choices=form.cleaned_data["choices"]
        )
    except services.VoteRefused as refusal:
        return _render(
            poll, request, choices, form=form, error=str(refusal.message), status=refusal.status
        )
    if vote.changed_at:
        messages.success(request, _("Your vote has been changed."))
    else:
        messages.success(request, _("Thank you, your vote has been recorded."))
    response = HttpResponseRedirect(poll.get_url(request) + "#poll-messages", status=303)
    if device_id is not None:
        devices.remember(response, device_id)
    return response


def _render(poll, request, choices, *, form=None, error=None, status=200):
    context = poll.get_context(request)
    context.update(poll_page_context(poll, request, choices, form=form))
    context["error"] = error
    return TemplateResponse(request, poll.get_template(request), context, status=status)


def poll_page_context(poll, request, choices, *, form=None):
    """What the poll page shows: status, the voter's vote, the form if they may vote, results."""
    now = timezone.now()
    user = request.user
    device_id = None if user.is_authenticated else devices.device_id_of(request)
    my_vote = services.find_vote(poll, user=user, device_id=device_id)
    my_choice_ids = (
        {selection.choice_id for selection in my_vote.selections.all()} if my_vote else set()
    )
    may_vote = poll.is_open(now) and (user.is_authenticated or poll.open_to_anyone)
    if my_vote and not poll.allow_vote_change:
        may_vote = False
    if may_vote and form is None:
        initial = sorted(my_choice_ids) if poll.multiple_choice else next(iter(my_choice_ids), None)
        form = VoteForm(poll, choices, initial={"choices": initial})
    context = {
        "choices": choices,
        "status": poll.status(now),
        "my_vote": my_vote,
        "my_choice_ids": my_choice_ids,
        "form": form if may_vote else None,
        "selection_limit": poll.selection_limit(len(choices)),
        "needs_sign_in": poll.is_open(now)
        and not user.is_authenticated
        and not poll.open_to_anyone,
        "can_export": can_see_all_results(user),
        "results": None,
    }
    if can_see_results(user, poll):
        results = services.poll_results(poll)
        context["results"] = results
        context["chart"] = bar_chart(results, rtl=get_language_bidi())
    if context["can_export"]:
        context["export_url"] = reverse("participation_api:poll-results-csv", args=[poll.pk])
    return context


# Spreadsheet programs run cells that start with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(text):
    text = str(text)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


@require_GET
def results_csv(request, poll_id):
    """A poll's results as CSV for council members and staff, whatever the public may see.

    UTF-8 with a byte order mark, so that Excel opens the Persian text correctly.
    """
    if not can_see_all_results(request.user):
        raise PermissionDenied
    poll = get_object_or_404(PollPage, pk=poll_id)
    results = services.poll_results(poll)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="poll-{poll.pk}-results.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Choice"), _("Votes"), _("Percent of voters")])
    for row in results.choices:
        writer.writerow([_cell(row.label), row.votes, f"{row.percent:.1f}"])
    writer.writerow([])
    writer.writerow([_("Poll"), _cell(poll.title)])
    writer.writerow([_("All votes"), results.total_votes])
    writer.writerow([_("Votes by signed-in citizens"), results.citizen_votes])
    writer.writerow([_("Votes by devices (not verified)"), results.device_votes])
    writer.writerow([_("Exported at"), timezone.localtime().isoformat(timespec="minutes")])
    return response
