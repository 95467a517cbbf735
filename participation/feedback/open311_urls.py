"""Open311 GeoReport v2 at /open311/v2/ (JSON only; see participation.feedback.open311)."""

from django.urls import path

from participation.feedback.open311 import views

app_name = "open311"
urlpatterns = [
    path("services.json", views.services_json, name="services"),
    path("requests.json", views.requests_json, name="requests"),
    path("requests/<str:service_request_id>.json", views.request_detail_json, name="request"),
]
