from django.urls import include, path

from participation.feedback.views import submitting, tracking

app_name = "feedback"
urlpatterns = [
    path("track/", tracking.track, name="track"),
    path("submitted/", submitting.receipt, name="receipt"),
    # Public accountability figures and reports (council review side).
    path("accountability/", include("participation.feedback.accountability_urls")),
]
