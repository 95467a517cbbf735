"""Atom and RSS feeds of the sections and tags; iCalendar lives in ``cms.ical``.

``section_feed(index_page, request, kind)`` serves a section's feed (routed by ``IndexPage``),
``cms.feeds.urls`` the feeds of a tag, and ``PageFeed`` any list of pages as a feed.
"""

from .pages import FEED_KINDS, FEED_SIZE, FeedSource, PageFeed, feed_response, section_feed

__all__ = ["FEED_KINDS", "FEED_SIZE", "FeedSource", "PageFeed", "feed_response", "section_feed"]
