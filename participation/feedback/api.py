"""JSON API of suggestions and complaints under /api/participation/ (names ``feedback-…``).

Reads are public and show only public cases, without any personal data. Writes (submit a
suggestion or complaint, support a suggestion) go through the same services as the site's
forms, with the session and its CSRF token or with ``Authorization: Token …``, and are
rate limited. Errors are ``{"error": "…", "code": "…", "fields": {…}}`` in the request's
language (Persian by default, English under /en/ or with ``Accept-Language: en``).
"""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from participation.api import PollAPIView, error_response, rate_limited
from participation.feedback import accountability, services
from participation.feedback.models import (
    ComplaintCategory,
    Suggestion,
    SuggestionBoxPage,
)
from participation.feedback.serializers import (
    ComplaintCategorySerializer,
    ComplaintInputSerializer,
    HistoryStepSerializer,
    ResponseSerializer,
    SuggestionDetailSerializer,
    SuggestionInputSerializer,
    SuggestionSerializer,
)
from participation.feedback.views.tracking import find_case


class Pages(PageNumberPagination):
    page_size = 20


class FeedbackAPIView(PollAPIView):
    """Session (with CSRF) or token authentication, errors in the participation API's shape."""


def invalid(serializer):
    """A 400 naming the first problem, with every field's errors."""
    first = next(iter(serializer.errors.values()))[0]
    return error_response(first, "invalid", status.HTTP_400_BAD_REQUEST, fields=serializer.errors)


def public_boxes():
    """The boxes the site shows: live and without a view restriction."""
    return SuggestionBoxPage.objects.live().public()


def public_suggestions(box=None):
    """Public suggestions of ``box`` (one already found public) or of every public box: what
    the site shows, never those of an unpublished or restricted box."""
    suggestions = Suggestion.objects.filter(case__is_public=True)
    suggestions = suggestions.filter(box=box) if box else suggestions.filter(box__in=public_boxes())
    return suggestions.select_related(
        "case", "case__department", "box", "author__citizen_profile"
    ).annotate(support_count=Count("supports"))


BOX_SCHEMA = inline_serializer(
    "SuggestionBox",
    {
        "id": serializers.IntegerField(),
        "title": serializers.CharField(),
        "url": serializers.URLField(),
    },
    many=True,
)


class BoxListView(FeedbackAPIView):
    @extend_schema(responses=BOX_SCHEMA)
    def get(self, request):
        boxes = public_boxes().order_by("title")
        return Response([{"id": box.pk, "title": box.title, "url": box.full_url} for box in boxes])


class BoxSuggestionsView(FeedbackAPIView):
    """A box's public suggestions, newest first, 20 a page, in a constant number of queries."""

    def get(self, request, box_id):
        box = get_object_or_404(public_boxes(), pk=box_id)
        paginator = Pages()
        page = paginator.paginate_queryset(
            public_suggestions(box).order_by("-case__received_at", "-pk"), request
        )
        return paginator.get_paginated_response(SuggestionSerializer(page, many=True).data)


class SuggestionDetailView(FeedbackAPIView):
    """A public suggestion with its history and official responses."""

    def get(self, request, suggestion_id):
        suggestion = get_object_or_404(
            public_suggestions().prefetch_related("case__transitions", "case__responses"),
            pk=suggestion_id,
        )
        return Response(SuggestionDetailSerializer(suggestion).data)


class CategoryListView(FeedbackAPIView):
    @extend_schema(responses=ComplaintCategorySerializer(many=True))
    def get(self, request):
        categories = ComplaintCategory.objects.filter(is_active=True).order_by("name")
        return Response(ComplaintCategorySerializer(categories, many=True).data)


class SubmitView(FeedbackAPIView):
    """POST: the shared path of submitting a suggestion or a complaint."""

    input_serializer = None
    scope = ""

    def post(self, request):
        if not isinstance(request.successful_authenticator, TokenAuthentication):
            # DRF checks CSRF for signed-in sessions only; anonymous posts need it as much.
            SessionAuthentication().enforce_csrf(request)
        refused = rate_limited(request, self.scope)
        if refused:
            return refused
        serializer = self.input_serializer(data=request.data)
        if not serializer.is_valid():
            return invalid(serializer)
        try:
            item = self.submit(request, serializer.validated_data)
        except services.SubmissionRefused as refusal:
            fields = {refusal.field: [refusal.message]} if refusal.field else {}
            return error_response(
                refusal.message, "invalid", status.HTTP_400_BAD_REQUEST, fields=fields
            )
        return Response(
            {"tracking_code": item.case.tracking_code, "status": item.case.status},
            status=status.HTTP_201_CREATED,
        )


class SubmitSuggestionView(SubmitView):
    input_serializer = SuggestionInputSerializer
    scope = "suggestion"

    def submit(self, request, data):
        box = public_boxes().filter(pk=data.pop("box")).first()
        if box is None:
            raise services.SubmissionRefused(_("There is no such suggestion box."), "box")
        return services.submit_suggestion(
            box=box, author=request.user, files=request.FILES.getlist("files"), **data
        )


class SubmitComplaintView(SubmitView):
    input_serializer = ComplaintInputSerializer
    scope = "complaint"

    def submit(self, request, data):
        category = ComplaintCategory.objects.filter(pk=data.pop("category"), is_active=True)
        return services.submit_complaint(
            category=category.select_related("department").first(),
            submitter=request.user,
            files=request.FILES.getlist("files"),
            **data,
        )


class SupportView(FeedbackAPIView):
    """POST: a verified citizen supports a public suggestion (once; again changes nothing)."""

    def post(self, request, suggestion_id):
        if not request.user.is_authenticated:
            return error_response(
                _("Sign in to support a suggestion."),
                "not_authenticated",
                status.HTTP_403_FORBIDDEN,
            )
        if not isinstance(request.successful_authenticator, TokenAuthentication):
            SessionAuthentication().enforce_csrf(request)
        suggestion = get_object_or_404(public_suggestions(), pk=suggestion_id)
        refused = rate_limited(request, "suggestion_support")
        if refused:
            return refused
        try:
            created = services.support_suggestion(suggestion, request.user)
        except services.SubmissionRefused as refusal:
            return error_response(refusal.message, "not_allowed", status.HTTP_403_FORBIDDEN)
        return Response(
            {"suggestion": suggestion.pk, "supports": suggestion.supports.count()},
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class TrackView(FeedbackAPIView):
    """GET: the public state of a case by its tracking code, as the tracking page shows it."""

    def get(self, request, code):
        refused = rate_limited(request, "track")
        if refused:
            return refused
        case = find_case(code)
        if case is None:
            return error_response(
                _("No suggestion or complaint has this tracking code."),
                "not_found",
                status.HTTP_404_NOT_FOUND,
            )
        return Response(
            {
                "tracking_code": case.tracking_code,
                "kind": case.kind,
                "status": case.status,
                "status_label": case.get_status_display(),
                "decision": case.decision,
                "department": case.department.name if case.department else None,
                "received_at": case.received_at,
                "due_at": case.due_at,
                "answered_at": case.answered_at,
                "history": HistoryStepSerializer(case.transitions.all(), many=True).data,
                "responses": ResponseSerializer(case.responses.all(), many=True).data,
            }
        )


class AccountabilityView(FeedbackAPIView):
    """GET: the accountability page's figures, overall and per department (counts only)."""

    def get(self, request):
        overall, rows = accountability.figures()
        return Response(
            {
                "as_of": timezone.localdate(),
                "overall": overall.as_json(),
                "departments": [row.as_json() for row in rows],
            }
        )
