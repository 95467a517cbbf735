"""Public accountability pages, at /accountability/ (and /en/accountability/)."""

from django.urls import path

from participation.feedback import accountability

urlpatterns = [
    path("", accountability.AccountabilityView.as_view(), name="accountability"),
    path(
        "departments/<int:department_id>/",
        accountability.DepartmentAnswersView.as_view(),
        name="accountability-department",
    ),
]
