"""The council's review API under /api/participation/council/ (names ``feedback-council-…``).

What the review dashboard does, for the council's own tools: the queue with the dashboard's
filters, a case with its whole history, and the actions (status change, assignment, official
answer) through the same workflow functions, so the same rules and optimistic locking hold.
Only holders of the dashboard's permission (``feedback.review_case``) get in; everyone else
gets a 403. Authentication is the participation API's: the session with its CSRF token, or
``Authorization: Token …``. Every action sends the ``expected_version`` of the case it read;
a refused action answers 409 and changes nothing.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from rest_framework import status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from participation.api import error_response, rate_limited
from participation.feedback import workflow
from participation.feedback.admin_views.actions import case_for_review
from participation.feedback.admin_views.forms import QueueFilterForm
from participation.feedback.admin_views.permissions import can_review
from participation.feedback.admin_views.queue import queue_cases
from participation.feedback.admin_views.report import MonthForm
from participation.feedback.api import FeedbackAPIView, Pages, invalid
from participation.feedback.council_serializers import (
    AnswerInputSerializer,
    AssignInputSerializer,
    CouncilCaseDetailSerializer,
    CouncilCaseSerializer,
    TransitionInputSerializer,
)
from participation.feedback.models import ReviewCase
from participation.feedback.reports import current_month, monthly_report


class IsCouncilMember(BasePermission):
    message = gettext_lazy("Only council members may use the review API.")

    def has_permission(self, request, view):
        return can_review(request.user)


class CouncilAPIView(FeedbackAPIView):
    permission_classes = [IsCouncilMember]


def form_invalid(form):
    """A 400 naming the first problem of a (query string) form, with every field's errors."""
    fields = {name: [str(error) for error in errors] for name, errors in form.errors.items()}
    first = next(iter(fields.values()))[0]
    return error_response(first, "invalid", status.HTTP_400_BAD_REQUEST, fields=fields)


class CaseQueueView(CouncilAPIView):
    """GET: the review queue, deadline first, with the dashboard's filters; 20 a page."""

    def get(self, request):
        filters = QueueFilterForm(request.query_params)
        if not filters.is_valid():
            return form_invalid(filters)
        paginator = Pages()
        page = paginator.paginate_queryset(filters.filter(queue_cases()), request)
        return paginator.get_paginated_response(CouncilCaseSerializer(page, many=True).data)


class CaseView(CouncilAPIView):
    """GET: one case, what it is about, its history, assignments and official responses."""

    def get(self, request, case_id):
        return Response(CouncilCaseDetailSerializer(case_for_review(case_id)).data)


class CaseActionView(CouncilAPIView):
    """POST: one workflow action on one case; the answer is the case as it now is."""

    input_serializer = None

    def post(self, request, case_id):
        case = get_object_or_404(ReviewCase, pk=case_id)
        refused = rate_limited(request, "council_action")
        if refused:
            return refused
        serializer = self.input_serializer(data=request.data, context={"user": request.user})
        if not serializer.is_valid():
            return invalid(serializer)
        try:
            self.act(case, serializer.validated_data, request.user)
        except workflow.StaleCase as refusal:
            return error_response(
                refusal.message,
                "stale",
                status.HTTP_409_CONFLICT,
                version=ReviewCase.objects.values_list("version", flat=True).get(pk=case.pk),
            )
        except workflow.TransitionRefused as refusal:
            return error_response(refusal.message, "refused", status.HTTP_409_CONFLICT)
        return Response(CouncilCaseDetailSerializer(case_for_review(case.pk)).data)

    def act(self, case, data, actor):
        raise NotImplementedError


class TransitionView(CaseActionView):
    input_serializer = TransitionInputSerializer

    def act(self, case, data, actor):
        workflow.transition(
            case,
            data["to_status"],
            actor=actor,
            reason=data["reason"],
            note_is_public=data["reason_is_public"],
            expected_version=data["expected_version"],
        )


class AssignView(CaseActionView):
    input_serializer = AssignInputSerializer

    def act(self, case, data, actor):
        workflow.assign(
            case,
            actor=actor,
            department=data.get("department", case.department),
            committee=data.get("committee", workflow.UNCHANGED),
            assignee=data.get("assignee", case.assignee),
            reason=data["reason"],
            expected_version=data["expected_version"],
        )


class AnswerView(CaseActionView):
    input_serializer = AnswerInputSerializer

    def act(self, case, data, actor):
        workflow.answer(
            case,
            actor=actor,
            body=data["body"],
            decision=data["decision"],
            documents=data["documents"],
            reason=data["reason"],
            expected_version=data["expected_version"],
        )


class MonthlyReportView(CouncilAPIView):
    """GET: the monthly report's figures (those of the admin page and its CSV) as JSON."""

    def get(self, request):
        if not {"year", "month"} & request.query_params.keys():
            year, month = current_month()
        else:
            form = MonthForm(request.query_params)
            if not form.is_valid():
                return form_invalid(form)
            year, month = form.cleaned_data["year"], form.cleaned_data["month"]
        return Response(monthly_report(year, month).as_json())
