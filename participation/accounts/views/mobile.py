"""Verifying the mobile number on the profile with a code sent by SMS."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.jalali import to_ascii_digits
from participation.accounts import mobile_codes
from participation.accounts.views.common import check_post_rate


class MobileCodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the SMS"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "dir": "ltr"}
        ),
    )

    def clean_code(self):
        return to_ascii_digits(self.cleaned_data["code"]).strip()


@login_required
@require_POST
def send_code(request):
    """Send a code to the number on the profile."""
    refused = check_post_rate(request, "mobile_code")
    if refused:
        return refused
    if not mobile_codes.send_code(request.user):
        messages.error(request, _("Add a mobile number to your profile first."))
        return redirect("accounts:profile")
    return redirect("accounts:verify-mobile")


@login_required
def verify(request):
    """The form for the code; a right one marks the number verified."""
    refused = check_post_rate(request, "mobile_code")
    if refused:
        return refused
    form = MobileCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mobile_codes.check_code(request.user, form.cleaned_data["code"]):
            messages.success(request, _("Your mobile number is verified."))
            return redirect("accounts:profile")
        form.add_error(
            "code", _("This code is wrong or has expired. Check it, or ask for a new one.")
        )
    return render(request, "accounts/verify_mobile.html", {"form": form})
