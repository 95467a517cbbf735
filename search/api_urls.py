from django.urls import path

from search import api

app_name = "search_api"
urlpatterns = [
    path("", api.search, name="search"),
    path("suggest/", api.suggest, name="suggest"),
]
