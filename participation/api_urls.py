from django.urls import include, path

from participation import api, views

app_name = "participation_api"
urlpatterns = [
    path("polls/<int:poll_id>/votes/", api.PollVotesView.as_view(), name="poll-votes"),
    path("polls/<int:poll_id>/results/", api.PollResultsView.as_view(), name="poll-results"),
    path("polls/<int:poll_id>/results.csv", views.results_csv, name="poll-results-csv"),
    path("", include("participation.accounts.api_urls")),
    path("", include("participation.comments.api_urls")),
    path("", include("participation.forums.api_urls")),
    path("", include("participation.feedback.api_urls")),
]
