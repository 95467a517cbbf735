"""Signing in and out and resetting passwords: Django's views with our forms and limits."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from participation.accounts.forms import EmailAuthenticationForm, QueuedPasswordResetForm
from participation.accounts.views.common import check_post_rate


class RateLimitedMixin:
    """Counts every POST against ``rate_scope`` before the view works."""

    rate_scope = None

    def dispatch(self, request, *args, **kwargs):
        refused = check_post_rate(request, self.rate_scope)
        return refused or super().dispatch(request, *args, **kwargs)


class LoginView(RateLimitedMixin, auth_views.LoginView):
    rate_scope = "login"
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(RateLimitedMixin, auth_views.PasswordResetView):
    """Ends on the same page whether or not the address has an account."""

    rate_scope = "password_reset"
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/mail/password_reset_body.txt"
    subject_template_name = "accounts/mail/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetConfirmView(RateLimitedMixin, auth_views.PasswordResetConfirmView):
    rate_scope = "password_reset"
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")


class PasswordChangeView(RateLimitedMixin, auth_views.PasswordChangeView):
    rate_scope = "password_change"
    template_name = "accounts/password_change_form.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): a translated page, HTTP 429.

    The API gets the participation API's error shape, ``{"error": "…", "code": "…"}``.
    """
    message = _(
        "Too many failed sign-in attempts. For your safety, signing in is paused for a "
        "while; try again later or reset your password."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message, "code": "locked_out"}, status=429)
    return render(request, "accounts/locked_out.html", {"message": message}, status=429)
