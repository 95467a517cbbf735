"""Tenders and auctions as Open Contracting Data Standard releases and records."""

from django.urls import path

from . import views

app_name = "ocds"
urlpatterns = [
    path("releases/", views.release_list, name="release-list"),
    path("releases.json", views.release_bulk, name="release-bulk"),
    path("releases/<str:ocid>/", views.release_detail, name="release-detail"),
    path("records/", views.record_list, name="record-list"),
    path("records/<str:ocid>/", views.record_detail, name="record-detail"),
]
