"""The "Council review" menu and its admin URLs, loaded by feedback's ``wagtail_hooks``."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from participation.feedback.admin_views import case, queue, report
from participation.feedback.admin_views.permissions import can_review

app_name = "feedback_review"
urlpatterns = [
    path("", queue.QueueView.as_view(), name="queue"),
    path("cases/<int:pk>/", case.CaseView.as_view(), name="case"),
    path("cases/<int:pk>/transition/", case.TransitionView.as_view(), name="transition"),
    path("cases/<int:pk>/assign/", case.AssignView.as_view(), name="assign"),
    path("cases/<int:pk>/answer/", case.AnswerView.as_view(), name="answer"),
    path("cases/<int:pk>/agenda/", case.AgendaView.as_view(), name="agenda"),
    path("cases/<int:pk>/hide/", case.HideView.as_view(), name="hide"),
    path("cases/<int:pk>/show/", case.ShowView.as_view(), name="show"),
    path("report/", report.ReportView.as_view(), name="report"),
    path("report.csv", report.report_csv, name="report-csv"),
    path("report/print/", report.PrintableReportView.as_view(), name="report-print"),
]


@hooks.register("register_admin_urls")
def council_review_urls():
    return [path("council-review/", include((urlpatterns, app_name), namespace=app_name))]


class ReviewMenuItem(MenuItem):
    """Shown only to those who may review cases."""

    def is_shown(self, request):
        return can_review(request.user)


@hooks.register("register_admin_menu_item")
def council_review_menu():
    items = [
        ReviewMenuItem(
            _("Review queue"), reverse("feedback_review:queue"), icon_name="tasks", order=1
        ),
        ReviewMenuItem(
            _("Monthly report"), reverse("feedback_review:report"), icon_name="table", order=2
        ),
    ]
    return SubmenuMenuItem(_("Council review"), Menu(items=items), icon_name="tasks", order=350)
