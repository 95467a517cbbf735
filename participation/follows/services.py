"""Following pages: who may follow what, and the followers a changed page tells."""

from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.models.base import ContentPage
from participation.accounts.services import is_verified_citizen
from participation.follows.models import PageFollow
from participation.moderation import Refused


def is_followable(page):
    """Published items that anyone may read: a private or draft page tells nobody anything."""
    return isinstance(page, ContentPage) and page.live and not page.get_view_restrictions().exists()


def follow(page, user):
    """``user`` hears about updates of ``page``; following twice is one follow."""
    if not is_verified_citizen(user):
        raise Refused(
            _("Only signed-in citizens with a verified email address can follow pages."),
            "not_verified",
        )
    if not is_followable(page):
        raise Refused(_("This page cannot be followed."), "not_followable", status=404)
    try:
        with transaction.atomic():
            PageFollow.objects.get_or_create(page=page, user=user)
    except IntegrityError:  # the same request twice at once
        pass


def unfollow(page, user):
    PageFollow.objects.filter(page=page, user=user).delete()


def is_following(page, user):
    return (
        user is not None
        and user.is_authenticated
        and PageFollow.objects.filter(page=page, user=user).exists()
    )


def followed_pages(user):
    """The pages ``user`` follows, newest follow first, each page as its own type (one query
    per page type, however many pages)."""
    return (
        PageFollow.objects.filter(user=user)
        .prefetch_related(Prefetch("page", queryset=Page.objects.specific()))
        .order_by("-created", "-pk")
    )
