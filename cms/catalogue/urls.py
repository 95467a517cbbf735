from django.urls import path

from cms.catalogue import views

app_name = "catalogue"
urlpatterns = [
    path("tariffs/<int:year>.json", views.tariffs_json, name="tariffs-json"),
    path("tariffs/<int:year>.csv", views.tariffs_csv, name="tariffs-csv"),
]
