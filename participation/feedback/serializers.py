"""Shapes of the suggestions-and-complaints API: what it shows (never personal data) and reads."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from participation.feedback.models import ComplaintCategory


class CaseStateSerializer(serializers.Serializer):
    """The public state of a case: code, status, dates, department."""

    tracking_code = serializers.CharField(source="case.tracking_code")
    status = serializers.CharField(source="case.status")
    status_label = serializers.CharField(source="case.get_status_display")
    received_at = serializers.DateTimeField(source="case.received_at")
    due_at = serializers.DateTimeField(source="case.due_at")
    answered_at = serializers.DateTimeField(source="case.answered_at")
    department = serializers.CharField(source="case.department.name", default=None)


class SuggestionSerializer(CaseStateSerializer):
    """A public suggestion; its body is plain text as the citizen typed it."""

    id = serializers.IntegerField()
    box = serializers.IntegerField(source="box_id")
    title = serializers.CharField()
    body = serializers.CharField()
    author = serializers.CharField(source="public_author_name")
    supports = serializers.IntegerField(source="support_count")
    url = serializers.CharField(source="get_absolute_url")


class HistoryStepSerializer(serializers.Serializer):
    """A step of a case's history: when, to which status, and the reason if public (no names)."""

    at = serializers.DateTimeField()
    status = serializers.CharField(source="to_status")
    status_label = serializers.CharField(source="get_to_status_display")
    note = serializers.CharField(source="public_reason")


class ResponseSerializer(serializers.Serializer):
    """An official response: its rich text as HTML, written by staff."""

    at = serializers.DateTimeField(source="published_at")
    body = serializers.SerializerMethodField()

    def get_body(self, response):
        return expand_db_html(response.body)


class SuggestionDetailSerializer(SuggestionSerializer):
    decision = serializers.CharField(source="case.decision")
    history = HistoryStepSerializer(source="case.transitions.all", many=True)
    responses = ResponseSerializer(source="case.responses.all", many=True)


class ComplaintCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ComplaintCategory
        fields = ["id", "service_code", "name", "description", "response_days"]


def optional_text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, default="", **kwargs)


class LocatedInputSerializer(serializers.Serializer):
    """Shared optional fields; text rules (required, length) are the services' own, so the
    API, the site's forms and Open311 refuse the same things with the same messages."""

    latitude = optional_text(max_length=30)
    longitude = optional_text(max_length=30)
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")


class SuggestionInputSerializer(LocatedInputSerializer):
    box = serializers.IntegerField(error_messages={"required": _("Choose a suggestion box.")})
    title = optional_text()
    body = optional_text()
    show_author = serializers.BooleanField(required=False, default=False)
    fully_anonymous = serializers.BooleanField(required=False, default=False)


class ComplaintInputSerializer(LocatedInputSerializer):
    category = serializers.IntegerField(error_messages={"required": _("Choose a category.")})
    description = optional_text()
    address = optional_text(max_length=300)
    contact_phone = optional_text(max_length=30)
