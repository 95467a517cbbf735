"""``/feeds/tags/<slug>/atom/`` and ``…/rss/`` (``/en/feeds/…`` in English)."""

from django.urls import re_path

from . import views

app_name = "feeds"
urlpatterns = [
    re_path(r"^tags/(?P<slug>[-\w]+)/(?P<kind>atom|rss)/$", views.tag_feed, name="tag"),
]
