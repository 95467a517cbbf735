"""A case page: the item, its attachments and history, and the reviewer's actions.

Each action posts to its own URL with the version of the case the reviewer saw; when someone
else changed the case meanwhile, the action is refused with a clear message and the page
shows the case as it is now.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from participation.feedback import agenda, workflow
from participation.feedback.admin_views import actions
from participation.feedback.admin_views.forms import (
    AgendaForm,
    AnswerForm,
    AssignForm,
    HideForm,
    ShowForm,
    TransitionForm,
)
from participation.feedback.admin_views.permissions import ReviewerRequiredMixin
from participation.feedback.models import ReviewCase

#: Reached through the answer form (a decision and the response), never by a bare button.
ANSWER_FORM_STATUSES = (ReviewCase.Status.ANSWERED,)


class CaseView(ReviewerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "doc-full"
    template_name = "feedback/admin/case.html"

    def get_page_title(self):
        return _("Case %(code)s") % {"code": self.case.tracking_code}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("feedback_review:queue"), "label": _("Council review")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, pk):
        self.case = actions.case_for_review(pk)
        return super().get(request, pk)

    def get_context_data(self, **kwargs):
        case = self.case
        initial = {"version": case.version}
        allowed = actions.allowed_statuses(case)
        labels = dict(ReviewCase.Status.choices)
        return super().get_context_data(
            case=case,
            item=actions.item_of(case),
            history=actions.history_of(case),
            assignments=actions.assignments_of(case),
            attachments=actions.attachments_of(case),
            responses=actions.responses_of(case),
            transitions=[
                (
                    status,
                    labels[status],
                    TransitionForm(initial={**initial, "to_status": status}, allowed=allowed),
                )
                for status in allowed
                if status not in ANSWER_FORM_STATUSES
            ],
            assign_form=AssignForm(
                initial={
                    **initial,
                    "department": case.department,
                    "committee": case.committee,
                    "assignee": case.assignee,
                }
            ),
            answer_form=AnswerForm(initial=initial),
            agenda_form=_agenda_form(case, initial),
            agenda=actions.agenda_of(case),
            visibility_form=_visibility_form(case, initial),
            poll_results=actions.poll_results_of(case),
            **kwargs,
        )


def _agenda_form(case, initial):
    """Put a public suggestion on a meeting's agenda, once; nothing for other cases."""
    if case.kind != ReviewCase.Kind.SUGGESTION or not case.is_public or case.agenda_item_id:
        return None
    return AgendaForm(initial=initial)


def _visibility_form(case, initial):
    """Hide a public suggestion or show a hidden one again; nothing for other cases."""
    if case.kind != ReviewCase.Kind.SUGGESTION:
        return None
    return (HideForm if case.is_public else ShowForm)(initial=initial)


class CaseActionView(ReviewerRequiredMixin, View):
    """POST only: one action on one case, then back to the case page."""

    form_class = None

    def post(self, request, pk):
        case = get_object_or_404(ReviewCase, pk=pk)
        form = self.build_form(case, request.POST)
        if not form.is_valid():
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                messages.error(request, f"{label}: {errors[0]}" if label else errors[0])
            return redirect("feedback_review:case", pk=case.pk)
        try:
            message = self.act(case, form.cleaned_data, request.user)
        except workflow.TransitionRefused as refusal:  # StaleCase too: "someone else changed…"
            messages.error(request, refusal.message)
        else:
            messages.success(request, message)
        return redirect("feedback_review:case", pk=case.pk)

    def build_form(self, case, data):
        return self.form_class(data, self.request.FILES or None)


class TransitionView(CaseActionView):
    def build_form(self, case, data):
        return TransitionForm(data, allowed=actions.allowed_statuses(case))

    def act(self, case, data, actor):
        workflow.transition(
            case,
            data["to_status"],
            actor=actor,
            reason=data["reason"],
            expected_version=data["version"],
        )
        return _("The case is now “%(status)s”.") % {"status": case.get_status_display()}


class AssignView(CaseActionView):
    form_class = AssignForm

    def act(self, case, data, actor):
        workflow.assign(
            case,
            actor=actor,
            department=data["department"],
            committee=data["committee"],
            assignee=data["assignee"],
            expected_version=data["version"],
        )
        return _("The case has been assigned.")


class AnswerView(CaseActionView):
    form_class = AnswerForm

    def act(self, case, data, actor):
        workflow.answer(
            case,
            actor=actor,
            body=data["body"],
            decision=data["decision"],
            files=data["documents"],
            expected_version=data["version"],
        )
        return _("The official response has been published and the citizen told.")


class AgendaView(CaseActionView):
    form_class = AgendaForm

    def act(self, case, data, actor):
        item = agenda.add_to_agenda(
            case,
            data["meeting"],
            actor=actor,
            title=data["title"],
            description=data["description"],
            expected_version=data["version"],
        )
        return _("The suggestion is on the agenda of “%(meeting)s”.") % {
            "meeting": item.meeting.title
        }


class HideView(CaseActionView):
    form_class = HideForm

    def act(self, case, data, actor):
        workflow.set_public(
            case, False, actor=actor, reason=data["reason"], expected_version=data["version"]
        )
        return _("The suggestion is hidden from the public.")


class ShowView(CaseActionView):
    form_class = ShowForm

    def act(self, case, data, actor):
        workflow.set_public(
            case, True, actor=actor, reason=data["reason"], expected_version=data["version"]
        )
        return _("The suggestion is public again.")
