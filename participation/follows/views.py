"""Follow or stop following a page: one POST from the page's own button, then back to it."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from participation.follows import services
from participation.moderation import Refused, check_rate


@require_POST
def follow(request, page_id):
    """``action=follow`` (the default) or ``action=unfollow`` page ``page_id``."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not services.is_followable(page):
        raise Http404
    back = HttpResponseRedirect(f"{page.url}#follow", status=303)
    try:
        check_rate(request, "follow")
        if request.POST.get("action") == "unfollow":
            if request.user.is_authenticated:
                services.unfollow(page, request.user)
            messages.success(request, _("You no longer follow this page."))
        else:
            services.follow(page, request.user)
            messages.success(request, _("You follow this page: you will hear when it changes."))
    except Refused as refusal:
        messages.error(request, str(refusal.message))
    return back
