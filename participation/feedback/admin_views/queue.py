"""The review queue: every suggestion and complaint case, filtered, paginated, bulk-assigned."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from participation.feedback import workflow
from participation.feedback.admin_views.forms import BulkAssignForm, QueueFilterForm
from participation.feedback.admin_views.permissions import ReviewerRequiredMixin
from participation.feedback.models import ReviewCase

PAGE_SIZE = 25


def queue_cases():
    """Every case with what a queue row shows, in two queries whatever the page size."""
    return ReviewCase.objects.select_related(
        "department", "committee", "district", "assignee"
    ).order_by("due_at", "received_at")


class QueueView(ReviewerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = gettext_lazy("Council review")
    header_icon = "tasks"
    template_name = "feedback/admin/queue.html"

    def get_context_data(self, **kwargs):
        filters = QueueFilterForm(self.request.GET or None)
        page = Paginator(filters.filter(queue_cases()), PAGE_SIZE).get_page(
            self.request.GET.get("p")
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        return super().get_context_data(
            filters=filters,
            page_obj=page,
            cases=page.object_list,
            query=query.urlencode(),
            bulk_form=kwargs.pop("bulk_form", None) or BulkAssignForm(),
            **kwargs,
        )

    def post(self, request):
        """Bulk assign: the same department, committee and/or assignee for every selected case."""
        form = BulkAssignForm(request.POST)
        if not form.is_valid():
            for error in form.errors.values():
                messages.error(request, error[0])
            return redirect(_back(request))
        assigned, refused = assign_many(form.cleaned_data, actor=request.user)
        if assigned:
            messages.success(
                request,
                ngettext("%(count)s case assigned.", "%(count)s cases assigned.", len(assigned))
                % {"count": len(assigned)},
            )
        if refused:
            messages.warning(
                request,
                _("Answered or closed, so left as they were: %(codes)s")
                % {"codes": ", ".join(case.tracking_code for case in refused)},
            )
        return redirect(_back(request))


def assign_many(data, *, actor):
    """Assign each chosen case; what is left empty in the form keeps the case's own value.

    Returns the cases assigned and those the workflow refused (answered or closed ones).
    Bulk assignment does not check versions: the reviewer chose these cases, whatever
    happened to them since the queue was shown.
    """
    assigned, refused = [], []
    for case in data["cases"]:
        try:
            workflow.assign(
                case,
                actor=actor,
                department=data["department"] or case.department,
                committee=data["committee"] or workflow.UNCHANGED,
                assignee=data["assignee"] or case.assignee,
                expected_version=None,
            )
        except workflow.TransitionRefused:
            refused.append(case)
        else:
            assigned.append(case)
    return assigned, refused


def _back(request):
    """The queue page the form was posted from; never another site, whatever ``next`` says."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("feedback_review:queue")
