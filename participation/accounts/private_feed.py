"""A citizen's private feed of the pages they follow, at an address only they know.

Feed readers cannot sign in, so the address carries a random secret stored on the
citizen's profile. Asking for a new address replaces the secret: the old one then finds
nothing (404), which is how a leaked address is revoked.
"""

import secrets

from django.db import transaction
from wagtail.models import Page

from cms.feeds import FEED_SIZE
from participation.accounts.models import CitizenProfile
from participation.accounts.services import profile_for
from participation.follows.services import followed_pages

TOKEN_BYTES = 32


def feed_token(user):
    """``user``'s feed secret, or "" when they have not asked for a feed address yet."""
    return profile_for(user).feed_token


@transaction.atomic
def renew_feed_token(user):
    """Give ``user`` a new feed secret (the first, or one that revokes the old); returns it."""
    profile = CitizenProfile.objects.select_for_update().get(pk=profile_for(user).pk)
    profile.feed_token = secrets.token_urlsafe(TOKEN_BYTES)
    profile.save(update_fields=["feed_token"])
    return profile.feed_token


def citizen_for_token(token):
    """The active user whose feed secret is ``token``, or None."""
    if not token:
        return None
    profile = (
        CitizenProfile.objects.filter(feed_token=token, user__is_active=True)
        .select_related("user")
        .first()
    )
    return profile.user if profile else None


def followed_updates(user):
    """The live public pages ``user`` follows, most recently updated first."""
    followed = followed_pages(user).values("page_id")
    return list(
        Page.objects.live()
        .public()
        .filter(pk__in=followed)
        .order_by("-last_published_at", "-pk")
        .specific()[:FEED_SIZE]
    )
