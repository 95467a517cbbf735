"""The citizen's private feed of followed pages, and asking for a new feed address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cms.feeds import FeedSource, feed_response
from participation.accounts import private_feed
from participation.accounts.views.common import check_post_rate


@require_safe
def followed_feed(request, token, kind):
    """Atom or RSS of the pages the citizen whose secret is ``token`` follows; else 404."""
    user = private_feed.citizen_for_token(token)
    if user is None:
        raise Http404
    source = FeedSource(
        title=_("Pages you follow"),
        link=request.build_absolute_uri(reverse("accounts:activity")) + "#activity-follows",
        feed_url=request.path,
        items=private_feed.followed_updates(user),
        description=_(
            "Updates of the pages you follow. This address is private: keep it to yourself."
        ),
    )
    response = feed_response(request, source, kind)
    # Personal: no shared cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_POST
@login_required
def renew_feed(request):
    """Create the citizen's private feed address, or replace it (the old one stops working)."""
    refused = check_post_rate(request, "profile")
    if refused:
        return refused
    had_one = bool(private_feed.feed_token(request.user))
    private_feed.renew_feed_token(request.user)
    if had_one:
        messages.success(request, _("Your feed has a new address; the old one no longer works."))
    else:
        messages.success(request, _("Your private feed address is ready."))
    return redirect(reverse("accounts:activity") + "#private-feed")
