"""Suggestions and complaints in the participation API (namespace ``participation_api``)."""

from django.urls import path

from participation.feedback import api, council_api

urlpatterns = [
    path("suggestion-boxes/", api.BoxListView.as_view(), name="feedback-boxes"),
    path(
        "suggestion-boxes/<int:box_id>/suggestions/",
        api.BoxSuggestionsView.as_view(),
        name="feedback-box-suggestions",
    ),
    path("suggestions/", api.SubmitSuggestionView.as_view(), name="feedback-suggestion-submit"),
    path(
        "suggestions/<int:suggestion_id>/",
        api.SuggestionDetailView.as_view(),
        name="feedback-suggestion-detail",
    ),
    path(
        "suggestions/<int:suggestion_id>/supports/",
        api.SupportView.as_view(),
        name="feedback-suggestion-support",
    ),
    path("complaints/", api.SubmitComplaintView.as_view(), name="feedback-complaint-submit"),
    path(
        "complaint-categories/",
        api.CategoryListView.as_view(),
        name="feedback-complaint-categories",
    ),
    path("track/<str:code>/", api.TrackView.as_view(), name="feedback-track"),
    path("accountability/", api.AccountabilityView.as_view(), name="feedback-accountability"),
    # The council's review API (council members only).
    path("council/cases/", council_api.CaseQueueView.as_view(), name="feedback-council-cases"),
    path(
        "council/cases/<int:case_id>/",
        council_api.CaseView.as_view(),
        name="feedback-council-case",
    ),
    path(
        "council/cases/<int:case_id>/transitions/",
        council_api.TransitionView.as_view(),
        name="feedback-council-transition",
    ),
    path(
        "council/cases/<int:case_id>/assignment/",
        council_api.AssignView.as_view(),
        name="feedback-council-assign",
    ),
    path(
        "council/cases/<int:case_id>/answer/",
        council_api.AnswerView.as_view(),
        name="feedback-council-answer",
    ),
    path(
        "council/reports/monthly/",
        council_api.MonthlyReportView.as_view(),
        name="feedback-council-report",
    ),
]
