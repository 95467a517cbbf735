"""Feeds that are not a page's own: the pages of a tag, across sections."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag

from .pages import FeedSource, feed_response, tagged_pages


def tag_feed(request, slug, kind):
    """The newest pages tagged ``slug`` in the site's current language, as ``kind``."""
    tag = get_object_or_404(Tag, slug=slug)
    source = FeedSource(
        title=_("Tagged “%(tag)s”") % {"tag": tag.name},
        # No page lists a tag; the search for it, filtered by it, is the closest.
        link=f"{reverse('search:search')}?{urlencode({'q': tag.name, 'tag': tag.name})}",
        feed_url=request.path,
        items=tagged_pages(tag, get_language()),
    )
    return feed_response(request, source, kind)
