from django.urls import path

from search import feeds, views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("feed/", feeds.search_feed, name="feed"),
    path("feed/rss/", feeds.search_feed, {"kind": "rss"}, name="feed-rss"),
]
