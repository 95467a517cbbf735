from django.contrib.auth import views as auth_views
from django.urls import path, re_path

from participation.accounts.views import activity, auth, feed, mobile, profile, signup

app_name = "accounts"
urlpatterns = [
    path("signup/", signup.signup, name="signup"),
    path("signup/done/", signup.signup_done, name="signup-done"),
    path("verify/<str:token>/", signup.verify_email, name="verify-email"),
    path("verify-again/", signup.resend_verification, name="resend-verification"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", auth.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/done/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password-reset-done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("password/change/", auth.PasswordChangeView.as_view(), name="password-change"),
    path("profile/", profile.profile, name="profile"),
    path("profile/mobile/send/", mobile.send_code, name="send-mobile-code"),
    path("profile/mobile/verify/", mobile.verify, name="verify-mobile"),
    path("profile/export/", profile.export, name="export"),
    path("profile/delete/", profile.delete, name="delete"),
    path("activity/", activity.my_activity, name="activity"),
    path("activity/feed/", feed.renew_feed, name="renew-feed"),
    re_path(
        r"^feed/(?P<token>[-\w]+)/(?P<kind>atom|rss)/$", feed.followed_feed, name="followed-feed"
    ),
]
