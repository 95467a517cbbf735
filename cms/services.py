"""Read operations on published content that views, the API and feeds share."""

from cms.models.base import IndexPage


def latest_by_section(home, count):
    """[(section index page, [its latest live items])] for the sections under ``home``.

    One query for the sections and one per section type, whatever the amount of content.
    """
    sections = []
    for section in home.get_children().live().public().specific():
        if isinstance(section, IndexPage):
            sections.append((section, list(section.get_listing()[:count])))
    return sections
