from django.urls import path

from participation.accounts import api

urlpatterns = [
    path("me/", api.MeView.as_view(), name="account-me"),
    path("auth/token/", api.TokenView.as_view(), name="account-token"),
]
