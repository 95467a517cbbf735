from django.urls import path

from participation.accounts import api

urlpatterns = [
    path("me/", api.MeView.as_view(), name="account-me"),
    path("me/activity/", api.MyActivityView.as_view(), name="account-activity"),
    path("auth/token/", api.TokenView.as_view(), name="account-token"),
]
