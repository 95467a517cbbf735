"""Accounts' own personal data source: the account, the profile and stored notifications."""

from participation.accounts.models import CitizenProfile, Notification


def _iso(value):
    return value.isoformat() if value else None


def export_account(user):
    """The user's account, profile and notifications, as JSON-ready data."""
    profile = CitizenProfile.objects.filter(user=user).first()
    return {
        "email": user.email,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "profile": profile
        and {
            "display_name": profile.display_name,
            "mobile": profile.mobile,
            "email_verified_at": _iso(profile.email_verified_at),
            "mobile_verified_at": _iso(profile.mobile_verified_at),
            "notification_frequency": profile.notification_frequency,
            "created": _iso(profile.created),
        },
        "notifications": [
            {
                "subject": row.subject,
                "message": row.message,
                "url": row.url,
                "created": _iso(row.created),
                "sent_at": _iso(row.sent_at),
            }
            for row in Notification.objects.filter(user=user)
        ],
    }


def erase_account(user):
    """Remove the profile, the notifications and the API tokens of ``user``."""
    from rest_framework.authtoken.models import Token

    CitizenProfile.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    Token.objects.filter(user=user).delete()


def export_votes(user):
    """How the user voted: each poll with the chosen labels and the date."""
    from participation.models import Vote

    votes = (
        Vote.objects.filter(voter=user)
        .select_related("poll")
        .prefetch_related("selections__choice")
        .order_by("cast_at", "pk")
    )
    return [
        {
            "poll": vote.poll.title,
            "choices": [selection.choice.label for selection in vote.selections.all()],
            "voted_at": _iso(vote.cast_at),
        }
        for vote in votes
    ]


def erase_votes(user):
    """Delete the user's votes: as polls decided, a person's votes leave with them."""
    from participation.models import Vote

    Vote.objects.filter(voter=user).delete()
