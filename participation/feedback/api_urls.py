"""Suggestions and complaints in the participation API (namespace ``participation_api``)."""

from django.urls import path

from participation.feedback import api

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
]
