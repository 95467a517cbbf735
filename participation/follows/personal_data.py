"""A citizen's followed pages in their data export, and gone when they erase their account."""

from participation.follows.models import PageFollow


def export(user):
    return [
        {"page": follow.page.title, "url": follow.page.url, "since": follow.created.isoformat()}
        for follow in PageFollow.objects.filter(user=user).select_related("page")
    ]


def erase(user):
    PageFollow.objects.filter(user=user).delete()
