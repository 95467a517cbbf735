"""Citizens' text between how it is stored and how it is shown or edited.

Bodies are stored sanitized (``participation.sanitize.clean_html``) with the citizen's own
newlines in them. Showing turns those newlines into paragraphs and line breaks; editing gives
back the text without what the sanitizer added. Both work on the sanitizer's output, whose
tags are well formed and whose text and attribute values have ``<`` and ``>`` escaped, so a
tag is exactly ``<…>``.
"""

import html
import re

from django.utils.safestring import mark_safe

from participation.sanitize import LINK_REL, clean_html

TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"</?([a-z0-9]+)")
ATTRIBUTE_VALUE = re.compile(r'"([^"]*)"')
ADDED_REL = f' rel="{LINK_REL}"'
# Citizens may write these themselves; newlines next to them only lay out the markup.
BLOCK_TAGS = {"p", "ul", "ol", "li", "blockquote"}
VOID_TAGS = {"br"}
BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
LEADING_SPACE = re.compile(r"^\s*")
TRAILING_SPACE = re.compile(r"\s*$")


def _tag(token):
    """``(name, closing)`` of a tag token."""
    return TAG_NAME.match(token)[1], token.startswith("</")


def _is_block(token):
    return token is not None and _tag(token)[0] in BLOCK_TAGS


def with_line_breaks(body):
    """The sanitized ``body`` as HTML that shows the citizen's paragraphs and line breaks.

    Outside the citizen's own block markup a blank line starts a paragraph; any other newline
    is a line break. Newlines beside block tags are left alone, so a list typed one item a
    line gets no empty lines. The result goes through the sanitizer again: nothing it would
    refuse can come out, whatever the input.
    """
    tokens = TAG.split((body or "").replace("\r\n", "\n"))
    out = []
    depth = 0  # elements open around the current token
    in_paragraph = False

    def open_paragraph():
        nonlocal in_paragraph
        if not in_paragraph:
            out.append("<p>")
            in_paragraph = True

    def close_paragraph():
        nonlocal in_paragraph
        if in_paragraph:
            out.append("</p>")
            in_paragraph = False

    for index, token in enumerate(tokens):
        if index % 2:  # a tag
            name, closing = _tag(token)
            if depth == 0:
                if name in BLOCK_TAGS:
                    close_paragraph()
                else:
                    open_paragraph()
            out.append(token)
            if name not in VOID_TAGS:
                depth = max(0, depth - 1) if closing else depth + 1
            continue
        before = tokens[index - 1] if index else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        lead = LEADING_SPACE.match(token)[0] if before is None or _is_block(before) else ""
        trail = TRAILING_SPACE.search(token)[0] if after is None or _is_block(after) else ""
        if len(lead) == len(token):
            out.append(token)
            continue
        core = token[len(lead) : len(token) - len(trail)]
        out.append(lead)
        if depth:
            out.append(core.replace("\n", "<br>\n"))
        else:
            for number, paragraph in enumerate(BLANK_LINE.split(core)):
                if number:
                    close_paragraph()
                if paragraph:
                    open_paragraph()
                    out.append(paragraph.replace("\n", "<br>\n"))
        out.append(trail)
    close_paragraph()
    return mark_safe(clean_html("".join(out)))  # noqa: S308 (sanitized just now)


def as_typed(body):
    """The sanitized ``body`` as the citizen would have typed it, for the edit form.

    Takes away the ``rel`` the sanitizer adds to links and the entities it escapes text
    with (``&amp;``, ``&lt;``, ``&nbsp;`` …); quotes inside attribute values stay escaped so
    the markup still reads the same.
    """
    parts = []
    for index, token in enumerate(TAG.split(body or "")):
        if index % 2:
            token = token.replace(ADDED_REL, "")
            token = ATTRIBUTE_VALUE.sub(
                lambda value: '"' + html.unescape(value[1]).replace('"', "&quot;") + '"', token
            )
            parts.append(token)
        else:
            parts.append(html.unescape(token))
    return "".join(parts)
