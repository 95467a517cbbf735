"""Background work of followed pages, through Django's tasks framework."""

from django.utils import translation
from django.utils.translation import gettext
from django_tasks import task


@task()
def tell_followers_task(page_id, change_note):
    """Tell every follower of page ``page_id`` what its latest update changed."""
    from wagtail.models import Page

    from participation.accounts.notifications import notify
    from participation.follows.models import PageFollow
    from participation.moderation import absolute_url

    page = Page.objects.filter(pk=page_id, live=True).select_related("locale").first()
    if page is None:
        return 0
    follows = PageFollow.objects.filter(page=page).select_related("user")
    with translation.override(page.locale.language_code):
        subject = gettext("Updated: “%(title)s”") % {"title": page.title}
        url = absolute_url(page.url)
        for follow in follows:
            notify(follow.user, subject=subject, message=change_note, url=url)
    return len(follows)
