"""JSON API of polls: ``POST polls/<id>/votes/`` casts a vote, ``GET polls/<id>/results/``.

Errors are ``{"error": "…", "code": "…"}``: 400 bad input, 403 not allowed (signed out,
poll closed, CSRF, results hidden), 404 no such poll, 409 already voted, 429 too many tries.
The site calls it with its session (and CSRF token), apps with ``Authorization: Token …``.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from participation import devices, ratelimit, services
from participation.models import PollPage
from participation.permissions import can_see_results
from participation.serializers import VoteInputSerializer


def error_response(message, code, http_status, **extra):
    return Response({"error": str(message), "code": code, **extra}, status=http_status)


def rate_limited(request, scope):
    """A 429 response when ``request`` is over ``scope``'s rate limit, else None."""
    try:
        ratelimit.check(request, scope)
    except ratelimit.RateLimited as refusal:
        response = error_response(
            refusal.message, "rate_limited", status.HTTP_429_TOO_MANY_REQUESTS
        )
        response["Retry-After"] = str(refusal.retry_after)
        return response
    return None


def json_errors(exc, context):
    """DRF's own refusals (authentication, CSRF, 404) in the API's ``error`` shape."""
    response = exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"error": str(detail), "code": getattr(detail, "code", "error")}
    return response


class PollAPIView(APIView):
    authentication_classes = [SessionAuthentication, TokenAuthentication]
    permission_classes = [AllowAny]

    def get_exception_handler(self):
        return json_errors

    def get_poll(self, poll_id):
        return get_object_or_404(PollPage.objects.live().public(), pk=poll_id)


class PollVotesView(PollAPIView):
    """Cast (or, where the poll allows it, change) the caller's vote."""

    def post(self, request, poll_id):
        by_token = isinstance(request.successful_authenticator, TokenAuthentication)
        if not by_token and not request.user.is_authenticated:
            # Anonymous votes ride on the device cookie, so they need CSRF protection too.
            SessionAuthentication().enforce_csrf(request)
        poll = self.get_poll(poll_id)
        refused = rate_limited(request, "vote")
        if refused:
            return refused
        serializer = VoteInputSerializer(data=request.data)
        if not serializer.is_valid():
            first = next(iter(serializer.errors.get("choices", [])), _("Invalid input."))
            if isinstance(first, dict | list):  # an error about one item of the list
                first = _("Choices must be given by their numbers.")
            return error_response(
                first, "invalid", status.HTTP_400_BAD_REQUEST, fields=serializer.errors
            )
        device_id = None if request.user.is_authenticated else devices.device_id_for(request)
        try:
            vote = services.cast_vote(
                poll,
                user=request.user,
                device_id=device_id,
                choices=serializer.validated_data["choices"],
            )
        except services.VoteRefused as refusal:
            return error_response(refusal.message, refusal.code, refusal.status)
        body = {
            "vote": {
                "poll": poll.pk,
                "choices": sorted(selection.choice_id for selection in vote.selections.all()),
                "by_device": vote.by_device,
                "changed": vote.changed_at is not None,
            }
        }
        if can_see_results(request.user, poll):
            body["results"] = services.poll_results(poll).as_json()
        response = Response(
            body, status=status.HTTP_200_OK if vote.changed_at else status.HTTP_201_CREATED
        )
        if device_id is not None:
            devices.remember(response, device_id)
        return response


class PollResultsView(PollAPIView):
    """Counts and percentages per choice, when the poll shows them to this caller."""

    def get(self, request, poll_id):
        poll = self.get_poll(poll_id)
        if not can_see_results(request.user, poll):
            if poll.results_visibility == PollPage.ResultsVisibility.AFTER_CLOSE:
                message = _("The results of this poll are shown after it closes.")
            else:
                message = _("The results of this poll are not public.")
            return error_response(message, "results_hidden", status.HTTP_403_FORBIDDEN)
        return Response(
            {
                "poll": poll.pk,
                "title": poll.title,
                "status": poll.status(),
                **services.poll_results(poll).as_json(),
            }
        )
