"""How citizens' stored text is shown: ``{{ item.body|discussion_body }}``."""

from django import template

from participation.comments.text import with_line_breaks

register = template.Library()


@register.filter
def discussion_body(body):
    """The sanitized body of a comment or post with its paragraphs and line breaks."""
    return with_line_breaks(body)
