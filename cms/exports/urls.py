"""Bulk downloads of every content type as CSV and JSON, with the licence stated."""

from django.urls import path, re_path

from . import views

app_name = "exports"
urlpatterns = [
    path("", views.export_index, name="index"),
    re_path(r"^(?P<name>[a-z]+)\.(?P<fmt>csv|json)$", views.export_download, name="download"),
]
