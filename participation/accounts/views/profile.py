"""The citizen's own page: profile, data export and deleting the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.accounts import services
from participation.accounts.forms import DeleteAccountForm, ProfileForm
from participation.accounts.views.common import check_post_rate


@login_required
def profile(request):
    """Edit the public name, the mobile number and how notifications arrive."""
    refused = check_post_rate(request, "profile")
    if refused:
        return refused
    citizen_profile = services.profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=citizen_profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "citizen_profile": citizen_profile,
            "verified": services.is_verified_citizen(request.user),
        },
    )


@login_required
def export(request):
    """Everything the portal holds about the signed-in citizen, as a JSON download."""
    data = services.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"shafaf-my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete(request):
    """Delete the account after the password is confirmed; everything or nothing."""
    refused = check_post_rate(request, "delete_account")
    if refused:
        return refused
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        services.delete_account(request.user)
        logout(request)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("/")
    return render(request, "accounts/delete.html", {"form": form})
