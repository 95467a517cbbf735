"""Shapes of the council's review API: cases as reviewers see them (staff names included,
citizens' contact details never), and what the review actions read."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cms.models import Department
from participation.feedback import workflow
from participation.feedback.admin_views import actions
from participation.feedback.admin_views.forms import committees, reviewers
from participation.feedback.models import ReviewCase
from participation.feedback.serializers import ResponseSerializer, optional_text


def _named(instance):
    """``{"id", "name"}`` of a department, district or committee; None when there is none."""
    return {"id": instance.pk, "name": instance.name} if instance else None


def _person(user):
    """``{"id", "name"}`` of a staff account (a reviewer, an author of a step); None if gone."""
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()} if user else None


class CouncilCaseSerializer(serializers.Serializer):
    """A row of the review queue."""

    id = serializers.IntegerField()
    tracking_code = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    decision = serializers.CharField()
    version = serializers.IntegerField()
    is_public = serializers.BooleanField()
    is_overdue = serializers.BooleanField()
    department = serializers.SerializerMethodField()
    committee = serializers.SerializerMethodField()
    district = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField()
    allowed_transitions = serializers.SerializerMethodField()

    def get_department(self, case):
        return _named(case.department)

    def get_committee(self, case):
        return _named(case.committee)

    def get_district(self, case):
        return _named(case.district)

    def get_assignee(self, case):
        return _person(case.assignee)

    def get_allowed_transitions(self, case):
        return list(workflow.allowed_transitions(case))


class CouncilStepSerializer(serializers.Serializer):
    """A status change as the council sees it: who made it and why, public or not."""

    at = serializers.DateTimeField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    to_status_label = serializers.CharField(source="get_to_status_display")
    decision = serializers.CharField()
    reason = serializers.CharField()
    reason_is_public = serializers.BooleanField(source="note_is_public")
    actor = serializers.SerializerMethodField()

    def get_actor(self, step):
        return _person(step.actor)


class CouncilAssignmentSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    reason = serializers.CharField()
    from_department = serializers.SerializerMethodField()
    to_department = serializers.SerializerMethodField()
    from_committee = serializers.SerializerMethodField()
    to_committee = serializers.SerializerMethodField()
    from_assignee = serializers.SerializerMethodField()
    to_assignee = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField()

    def get_from_department(self, step):
        return _named(step.from_department)

    def get_to_department(self, step):
        return _named(step.to_department)

    def get_from_committee(self, step):
        return _named(step.from_committee)

    def get_to_committee(self, step):
        return _named(step.to_committee)

    def get_from_assignee(self, step):
        return _person(step.from_assignee)

    def get_to_assignee(self, step):
        return _person(step.to_assignee)

    def get_actor(self, step):
        return _person(step.actor)


class CouncilResponseSerializer(ResponseSerializer):
    documents = serializers.SerializerMethodField()

    def get_documents(self, response):
        return [
            {"id": link.document.pk, "title": link.document.title, "url": link.document.url}
            for link in response.documents.all()
        ]


class CouncilCaseDetailSerializer(CouncilCaseSerializer):
    """A case with what it is about, its whole history, its assignments and its responses,
    read as the dashboard's case page reads them."""

    item = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    assignments = serializers.SerializerMethodField()
    responses = serializers.SerializerMethodField()

    def get_history(self, case):
        return CouncilStepSerializer(actions.history_of(case), many=True).data

    def get_assignments(self, case):
        return CouncilAssignmentSerializer(actions.assignments_of(case), many=True).data

    def get_responses(self, case):
        return CouncilResponseSerializer(actions.responses_of(case), many=True).data

    def get_item(self, case):
        """What the case page shows of the item: the citizen's text, never their contact."""
        item = case.item
        if item is None:
            return None
        if case.kind == case.Kind.SUGGESTION:
            return {
                "id": item.pk,
                "title": item.title,
                "body": item.body,
                "box": {"id": item.box_id, "title": item.box.title},
            }
        if case.kind == case.Kind.COMPLAINT:
            return {
                "id": item.pk,
                "category": {"id": item.category_id, "name": item.category.name},
                "description": item.description,
                "address": item.address,
            }
        return {"poll": {"id": item.poll_id, "title": item.poll.title}}


def version_field():
    return serializers.IntegerField(
        min_value=0,
        error_messages={
            "required": _("Give expected_version: the version of the case you last read.")
        },
    )


class TransitionInputSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(
        choices=ReviewCase.Status.choices,
        error_messages={"invalid_choice": _("There is no such status.")},
    )
    reason = optional_text(max_length=2000)
    reason_is_public = serializers.BooleanField(required=False, default=False)
    expected_version = version_field()


class AssignInputSerializer(serializers.Serializer):
    """Department, committee and assignee; one left out keeps the case's own, null clears it."""

    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.all(),
        allow_null=True,
        required=False,
        error_messages={"does_not_exist": _("There is no such department.")},
    )
    committee = serializers.PrimaryKeyRelatedField(
        queryset=committees(),
        allow_null=True,
        required=False,
        error_messages={"does_not_exist": _("There is no such committee of the council.")},
    )
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=reviewers(),
        allow_null=True,
        required=False,
        error_messages={"does_not_exist": _("Cases can be assigned only to council members.")},
    )
    reason = optional_text(max_length=2000)
    expected_version = version_field()


class ChoosableDocumentField(serializers.PrimaryKeyRelatedField):
    """A document the reviewer could pick in the admin's chooser (Wagtail's "choose")."""

    default_error_messages = {
        "does_not_exist": _("There is no document %(pk_value)s that you may attach."),
        "incorrect_type": _("Documents are given by their ids."),
    }

    def get_queryset(self):
        from wagtail.documents import get_document_model
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(get_document_model())
        return policy.instances_user_has_any_permission_for(self.context["user"], ["choose"])


class AnswerInputSerializer(serializers.Serializer):
    body = serializers.CharField(
        error_messages={
            "required": _("Write the official response."),
            "blank": _("Write the official response."),
        }
    )
    decision = serializers.ChoiceField(
        choices=ReviewCase.Decision.choices,
        error_messages={
            "required": _("Choose a decision to answer the case."),
            "invalid_choice": _("There is no such decision."),
        },
    )
    documents = ChoosableDocumentField(many=True, required=False, default=list)
    reason = optional_text(max_length=2000)
    expected_version = version_field()
