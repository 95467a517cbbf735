"""Signing up and proving the email address, without telling anyone which addresses exist."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participation.accounts import services
from participation.accounts.emails import mail_template_after_commit
from participation.accounts.forms import SignUpForm
from participation.accounts.tokens import (
    InvalidLink,
    make_verification_token,
    max_age_seconds,
    user_for_verification_token,
)
from participation.accounts.views.common import check_post_rate


def send_verification_mail(request, user):
    """Queue the mail with the link that verifies ``user``'s address."""
    link = request.build_absolute_uri(
        reverse("accounts:verify-email", args=[make_verification_token(user)])
    )
    mail_template_after_commit(
        user.email,
        "verify_email",
        {"link": link, "days": max_age_seconds() // 86400, "profile": services.profile_for(user)},
    )


def tell_owner_of_address(request, email):
    """Queue the notice that someone tried to sign up with ``email``, which has an account."""
    mail_template_after_commit(
        email,
        "signup_existing",
        {
            "login": request.build_absolute_uri(reverse("accounts:login")),
            "reset": request.build_absolute_uri(reverse("accounts:password-reset")),
        },
    )


def signup(request):
    """The sign-up form; a valid one always ends on the same "check your mail" page.

    A new address gets an account and a verification link; an address already in use gets
    a notice to its owner instead, so the page never reveals whether an address is known.
    Two sign-ups with one address at once are told apart by the database: the second is
    answered as an address in use.
    """
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    refused = check_post_rate(request, "signup")
    if refused:
        return refused
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if services.email_in_use(data["email"]):
            make_password(data["password1"])  # the same work as a sign-up: no timing oracle
            tell_owner_of_address(request, data["email"])
            return redirect("accounts:signup-done")
        try:
            user = services.create_citizen(
                email=data["email"],
                password=data["password1"],
                display_name=data["display_name"],
                mobile=data["mobile"],
            )
        except services.EmailInUse:
            tell_owner_of_address(request, data["email"])
        else:
            send_verification_mail(request, user)
        return redirect("accounts:signup-done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    return render(request, "accounts/signup_done.html")


def verify_email(request, token):
    """GET shows a button (mail scanners follow links); POST verifies the address.

    POSTs are counted before the link is read, so guessing links is limited too.
    """
    refused = check_post_rate(request, "verify_email")
    if refused:
        return refused
    try:
        user = user_for_verification_token(token)
    except InvalidLink as error:
        return render(
            request, "accounts/verify_email_invalid.html", {"expired": error.expired}, status=400
        )
    if request.method == "POST":
        services.mark_email_verified(user)
        messages.success(request, _("Your email address is verified. Thank you."))
        if request.user.is_authenticated:
            return redirect("accounts:profile")
        return redirect("accounts:login")
    return render(request, "accounts/verify_email.html", {"verified_user": user})


@login_required
@require_POST
def resend_verification(request):
    """Send a new link to the signed-in citizen's address."""
    refused = check_post_rate(request, "verification_mail")
    if refused:
        return refused
    if not services.is_verified_citizen(request.user) and request.user.email:
        send_verification_mail(request, request.user)
        messages.success(request, _("We have sent a new link to your email address."))
    return redirect("accounts:profile")
