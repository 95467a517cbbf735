"""The council's bulk exports: members, meetings and the motions voted on (resolutions)."""

from django.utils.translation import gettext_lazy as _

from cms.exports.datasets import (
    PAGE_RELATED,
    Dataset,
    date_columns,
    fields,
    live,
    page_columns,
    related_page_url,
)

from .models import CouncilMemberPage, MeetingPage, Motion


def _joined(values):
    return ";".join(values)


DATASETS = [
    Dataset(
        "councilmembers",
        _("City council members"),
        [*page_columns(), *fields("email", "phone", "website")],
        live(CouncilMemberPage),
        PAGE_RELATED,
        ("tags",),
    ),
    Dataset(
        "meetings",
        _("City council meetings"),
        [
            *page_columns(),
            *fields("number", "kind", "status", "location"),
            ("organization", lambda page: page.organization.name),
            ("term", lambda page: page.term.number),
            *date_columns("start", "end"),
            ("agenda", lambda page: _joined(item.title for item in page.agenda_items.all())),
            *fields("stream_url", "recording_url"),
        ],
        live(MeetingPage),
        (*PAGE_RELATED, "organization", "term"),
        ("tags", "agenda_items"),
    ),
    Dataset(
        "motions",
        _("Motions voted on by the city council, with their results"),
        [
            ("id", lambda motion: motion.pk),
            ("meeting", lambda motion: motion.meeting.title),
            ("meeting_url", related_page_url(lambda motion: motion.meeting)),
            *date_columns("start", of=lambda motion: motion.meeting, prefix="meeting_"),
            (
                "agenda_item",
                lambda motion: motion.agenda_item.title if motion.agenda_item else None,
            ),
            *fields("text", "result"),
            ("proposer", lambda motion: motion.proposer.title if motion.proposer else None),
            ("resolution_url", related_page_url(lambda motion: motion.resolution)),
        ],
        lambda: Motion.objects.filter(meeting__in=MeetingPage.objects.live().public()),
        ("meeting", "agenda_item", "proposer", "resolution"),
    ),
]
