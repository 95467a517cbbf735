"""The one sanitizer for HTML that citizens write (comments, forum posts, suggestions).

Citizens get a little markup: paragraphs, emphasis, lists, quotes, code and links. Links
open no window of ours to the target and tell search engines the content is user-made.
Everything else is removed, its text kept; scripts and styles are removed with their text.
"""

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener noreferrer"


def clean_html(text):
    """``text`` with only the citizen markup kept, safe to mark safe in a template."""
    return nh3.clean(
        text or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def plain_text(text):
    """``text`` with every tag removed: for titles, notifications and search."""
    return nh3.clean(text or "", tags=set(), attributes={})
