"""The council as Popolo JSON (https://www.popoloproject.com/specs/): builders for each class.

Ids are strings prefixed by the class (``person/12``), so they never collide across classes
and stay stable while the objects exist. Only live, public pages are exported; a vote by a
member whose page is not public keeps ``voter_id`` null, so counts still match the votes.
"""

from django.db.models import Prefetch

from .models import (
    CouncilMemberPage,
    MeetingPage,
    Membership,
    Motion,
    Organization,
    Vote,
    VoteEvent,
)


def popolo_id(kind, pk):
    return f"{kind}/{pk}" if pk is not None else None


def _date(value):
    return value.isoformat() if value else None


# Querysets: each list costs a fixed number of queries whatever its length.


def persons_queryset():
    return CouncilMemberPage.objects.live().public().select_related("photo").order_by("title")


def organizations_queryset():
    return Organization.objects.order_by("sort_order", "name")


def memberships_queryset(person_ids):
    return Membership.objects.filter(person_id__in=person_ids).order_by("pk")


def meetings_queryset():
    return MeetingPage.objects.live().public().order_by("start", "pk")


def motions_queryset():
    return (
        Motion.objects.filter(meeting__in=meetings_queryset())
        .select_related("meeting", "resolution")
        .order_by("meeting__start", "pk")
    )


def vote_events_queryset():
    return (
        VoteEvent.objects.filter(motion__meeting__in=meetings_queryset())
        .select_related("motion__meeting")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.order_by("voter_id")))
        .order_by("start", "pk")
    )


# Serializers: plain dicts with Popolo's field names.


def person(member, request=None):
    contact_details = [
        {"type": kind, "value": value}
        for kind, value in (("email", member.email), ("voice", member.phone))
        if value
    ]
    links = [{"url": member.website, "note": "website"}] if member.website else []
    return {
        "id": popolo_id("person", member.pk),
        "name": member.title,
        "summary": member.summary,
        "image": member.photo.file.url if member.photo else None,
        "email": member.email or None,
        "contact_details": contact_details,
        "links": links,
        "sources": [{"url": member.get_full_url(request)}],
    }


def organization(body):
    return {
        "id": popolo_id("organization", body.pk),
        "name": body.name,
        "classification": body.classification,
        "parent_id": popolo_id("organization", body.parent_id),
    }


def post_id(membership):
    """Members hold no post; chairs, deputies, secretaries and spokespeople do."""
    if membership.role == Membership.Role.MEMBER:
        return None
    return f"post/{membership.organization_id}-{membership.role}"


def membership(row):
    return {
        "id": popolo_id("membership", row.pk),
        "person_id": popolo_id("person", row.person_id),
        "organization_id": popolo_id("organization", row.organization_id),
        "post_id": post_id(row),
        "role": row.role,
        "start_date": _date(row.start_date),
        "end_date": _date(row.end_date),
    }


def posts(memberships, organizations):
    """One Popolo post per (body, role) that some membership holds, e.g. the council's chair."""
    names = {body.pk: body.name for body in organizations}
    found = {}
    for row in memberships:
        identifier = post_id(row)
        if identifier and identifier not in found:
            found[identifier] = {
                "id": identifier,
                "label": f"{row.get_role_display()}, {names.get(row.organization_id, '')}",
                "role": row.role,
                "organization_id": popolo_id("organization", row.organization_id),
            }
    return list(found.values())


def event(meeting, request=None):
    """A meeting as a Popolo event."""
    return {
        "id": popolo_id("event", meeting.pk),
        "name": meeting.title,
        "classification": f"{meeting.kind}-meeting",
        "status": meeting.status,
        "start_date": meeting.start.isoformat(),
        "end_date": meeting.end.isoformat() if meeting.end else None,
        "location": meeting.location or None,
        "organization_id": popolo_id("organization", meeting.organization_id),
        "sources": [{"url": meeting.get_full_url(request)}],
    }


def motion(row, public_person_ids):
    return {
        "id": popolo_id("motion", row.pk),
        "organization_id": popolo_id("organization", row.meeting.organization_id),
        "legislative_session_id": popolo_id("event", row.meeting_id),
        "creator_id": popolo_id("person", row.proposer_id)
        if row.proposer_id in public_person_ids
        else None,
        "text": row.text,
        "date": _date(row.meeting.local_date),
        "result": row.result,
        "resolution": (
            {"number": row.resolution.number, "title": row.resolution.title}
            if row.resolution and row.resolution.live
            else None
        ),
    }


def vote_event(row, public_person_ids):
    return {
        "id": popolo_id("vote_event", row.pk),
        "motion_id": popolo_id("motion", row.motion_id),
        "organization_id": popolo_id("organization", row.motion.meeting.organization_id),
        "legislative_session_id": popolo_id("event", row.motion.meeting_id),
        "start_date": row.start.isoformat(),
        "result": row.result,
        "counts": [{"option": option, "value": value} for option, _label, value in row.counts()],
        "votes": [
            {
                "voter_id": popolo_id("person", vote.voter_id)
                if vote.voter_id in public_person_ids
                else None,
                "option": vote.option,
            }
            for vote in row.votes.all()
        ],
    }


def public_person_ids():
    return set(persons_queryset().values_list("pk", flat=True))


def export(request=None):
    """The whole council in one Popolo document."""
    people = list(persons_queryset())
    person_ids = {member.pk for member in people}
    bodies = list(organizations_queryset())
    rows = list(memberships_queryset(person_ids))
    return {
        "persons": [person(member, request) for member in people],
        "organizations": [organization(body) for body in bodies],
        "memberships": [membership(row) for row in rows],
        "posts": posts(rows, bodies),
        "events": [event(meeting, request) for meeting in meetings_queryset()],
        "motions": [motion(row, person_ids) for row in motions_queryset()],
        "vote_events": [vote_event(row, person_ids) for row in vote_events_queryset()],
    }
