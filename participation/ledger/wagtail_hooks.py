"""Admin wiring: the moderation and council review actions in Wagtail's audit log, links from
the log to a case, and the participation log under Reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from participation.feedback.admin_views.permissions import can_review
from participation.feedback.models import ReviewCase
from participation.moderation import Status as ModerationStatus

from . import receivers
from .views import VIEW_PERMISSION, LedgerView


def _label(choices, value):
    """The translated label of ``value`` among ``choices``; the value itself if unknown."""
    try:
        return choices(value).label
    except ValueError:
        return value or "—"


class ModerationFormatter(LogFormatter):
    """A moderator's decision: "<what>: “<status before>” → “<status after>”"."""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return self.message % {
            "before": _label(ModerationStatus, (data.get("before") or {}).get("status")),
            "after": _label(ModerationStatus, (data.get("after") or {}).get("status")),
        }

    def format_comment(self, log_entry):
        return ((log_entry.data or {}).get("after") or {}).get("hidden_reason", "")


class ApproveFormatter(ModerationFormatter):
    label = _("Approve citizen text")
    message = _("Approved: “%(before)s” → “%(after)s”")


class HideFormatter(ModerationFormatter):
    label = _("Hide citizen text")
    message = _("Hidden: “%(before)s” → “%(after)s”")


class RestoreFormatter(ModerationFormatter):
    label = _("Restore citizen text")
    message = _("Restored: “%(before)s” → “%(after)s”")


class DismissFlagFormatter(LogFormatter):
    label = _("Dismiss flag")
    message = _("Dismissed a citizen's flag")


class TransitionFormatter(LogFormatter):
    label = _("Change case status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        after = data.get("after") or {}
        values = {
            "before": _label(ReviewCase.Status, (data.get("before") or {}).get("status")),
            "after": _label(ReviewCase.Status, after.get("status")),
        }
        if after.get("decision"):
            values["decision"] = _label(ReviewCase.Decision, after["decision"])
            return _("Status: “%(before)s” → “%(after)s”, decision “%(decision)s”") % values
        return _("Status: “%(before)s” → “%(after)s”") % values

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


def _name(value):
    return value["name"] if value else "—"


class AssignFormatter(LogFormatter):
    label = _("Assign case")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        before, after = data.get("before") or {}, data.get("after") or {}
        return _(
            "Department: “%(department_before)s” → “%(department_after)s”; "
            "assignee: “%(assignee_before)s” → “%(assignee_after)s”"
        ) % {
            "department_before": _name(before.get("department")),
            "department_after": _name(after.get("department")),
            "assignee_before": _name(before.get("assignee")),
            "assignee_after": _name(after.get("assignee")),
        }

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


class RespondFormatter(LogFormatter):
    label = _("Publish official response")
    message = _("Published an official response")


@hooks.register("register_log_actions")
def register_participation_log_actions(actions):
    for action, formatter in [
        (receivers.APPROVE, ApproveFormatter),
        (receivers.HIDE, HideFormatter),
        (receivers.RESTORE, RestoreFormatter),
        (receivers.DISMISS_FLAG, DismissFlagFormatter),
        (receivers.TRANSITION, TransitionFormatter),
        (receivers.ASSIGN, AssignFormatter),
        (receivers.RESPOND, RespondFormatter),
    ]:
        actions.register_action(action)(formatter)


class ReviewCaseURLFinder(ModelAdminURLFinder):
    """Site history links a case's entries to its page in the review dashboard."""

    edit_url_name = "feedback_review:case"

    def get_edit_url(self, instance):
        if self.user is not None and not can_review(self.user):
            return None
        return self.construct_edit_url(instance)


register_admin_url_finder(ReviewCase, ReviewCaseURLFinder)


@hooks.register("register_admin_urls")
def register_ledger_urls():
    urlpatterns = [
        path("", LedgerView.as_view(), name="index"),
        path("results/", LedgerView.as_view(results_only=True), name="index_results"),
    ]
    return [path("participation-log/", include((urlpatterns, "ledger")))]


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_ledger_menu_item():
    return LedgerMenuItem(
        _("Participation log"),
        reverse("ledger:index"),
        name="participation-log",
        icon_name="list-ol",
        order=1100,
    )
