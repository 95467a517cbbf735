"""Operations on forums: starting threads, replying, subscriptions, and the lists people read.

Every list here is one query (plus the paginator's count) whatever its length: counts and
last activity are annotations, authors' public names come with a join.
"""

import math

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation.accounts.notifications import notify
from participation.accounts.services import is_verified_citizen
from participation.forums.models import ForumCategory, Post, Subscription, Thread
from participation.moderation import Refused, Status, absolute_url, initial_status

PUBLISHED = Q(posts__status=Status.PUBLISHED)


def page_size():
    return settings.SHAFAF_PAGE_SIZE


def check_verified(user):
    if not is_verified_citizen(user):
        raise Refused(
            _("Only signed-in citizens with a verified email address can write in the forums."),
            "not_verified",
        )


def categories_with_activity():
    """Every category with its number of public threads and posts and its last activity."""
    published = Q(threads__posts__status=Status.PUBLISHED)
    return ForumCategory.objects.annotate(
        thread_count=Count(
            "threads", filter=published & Q(threads__posts__is_opening=True), distinct=True
        ),
        post_count=Count("threads__posts", filter=published),
        last_activity=Max("threads__posts__created", filter=published),
    ).order_by("sort_order", "title")


def visible_threads(category, user):
    """Threads of ``category`` whose opening post is public, or written by ``user``;
    pinned first, then the most recently active."""
    opening = Post.objects.filter(thread=OuterRef("pk"), is_opening=True)
    shown = Q(Exists(opening.filter(status=Status.PUBLISHED)))
    if user is not None and user.is_authenticated:
        shown |= Q(author=user)
    return (
        Thread.objects.filter(category=category)
        .filter(shown)
        .select_related("author__citizen_profile")
        .annotate(
            reply_count=Count("posts", filter=PUBLISHED & Q(posts__is_opening=False)),
            last_activity=Max("posts__created", filter=PUBLISHED),
        )
        .order_by("-pinned", "-last_activity", "-pk")
    )


def get_thread(thread_id, user):
    """The thread if ``user`` may read it (its opening post is public or theirs), else None."""
    return visible_threads_anywhere(user).filter(pk=thread_id).first()


def visible_threads_anywhere(user):
    opening = Post.objects.filter(thread=OuterRef("pk"), is_opening=True)
    shown = Q(Exists(opening.filter(status=Status.PUBLISHED)))
    if user is not None and user.is_authenticated:
        shown |= Q(author=user)
    return Thread.objects.filter(shown).select_related("category")


def visible_posts(thread, user):
    """Posts of ``thread`` that ``user`` sees: published and hidden ones (hidden text is
    withheld from others when shown), and their own pending ones."""
    posts = Post.objects.filter(thread=thread).select_related("author__citizen_profile")
    if user is not None and user.is_authenticated:
        return posts.filter(~Q(status=Status.PENDING) | Q(author=user))
    return posts.exclude(status=Status.PENDING)


def paginate(queryset, page_number):
    return Paginator(queryset, page_size()).get_page(page_number)


def last_page_number(thread, user):
    """The page of ``thread`` that shows ``user``'s newest post."""
    return max(1, math.ceil(visible_posts(thread, user).count() / page_size()))


def start_thread(category, user, title, body):
    """Open a thread with its first post; the author is subscribed to replies."""
    check_verified(user)
    with transaction.atomic():
        thread = Thread.objects.create(category=category, title=title, author=user)
        post = Post.objects.create(
            thread=thread,
            author=user,
            body=body,
            is_opening=True,
            status=initial_status(category.pre_moderated),
        )
        Subscription.objects.get_or_create(thread=thread, user=user)
    return thread, post


def check_may_reply(thread, user):
    check_verified(user)
    if thread.locked:
        raise Refused(_("This thread is locked: it takes no more replies."), "locked")


def reply(thread, user, body):
    """Add a reply; subscribers hear about it once it is published."""
    check_may_reply(thread, user)
    with transaction.atomic():
        # Lock the thread row so a reply cannot slip in while a moderator locks it.
        thread = Thread.objects.select_for_update().select_related("category").get(pk=thread.pk)
        check_may_reply(thread, user)
        post = Post.objects.create(
            thread=thread,
            author=user,
            body=body,
            status=initial_status(thread.category.pre_moderated),
        )
        Subscription.objects.get_or_create(thread=thread, user=user)
    if post.is_published:
        notify_subscribers(post)
    return post


def notify_subscribers(post):
    """Tell the thread's subscribers, but not the reply's author, about a published reply."""
    if post.is_opening:
        return
    thread = post.thread
    subscribers = (
        Subscription.objects.filter(thread=thread)
        .exclude(user_id=post.author_id)
        .select_related("user")
    )
    subject = gettext("New reply in “%(thread)s”") % {"thread": thread.title}
    message = gettext("%(name)s replied in a thread you follow.") % {"name": post.author_name}
    url = absolute_url(post.get_absolute_url())
    for subscription in subscribers:
        notify(subscription.user, subject=subject, message=message, url=url)


def subscribe(thread, user):
    check_verified(user)
    try:
        with transaction.atomic():
            Subscription.objects.get_or_create(thread=thread, user=user)
    except IntegrityError:  # the same request twice at once
        pass


def unsubscribe(thread, user):
    Subscription.objects.filter(thread=thread, user=user).delete()


def is_subscribed(thread, user):
    return (
        user is not None
        and user.is_authenticated
        and Subscription.objects.filter(thread=thread, user=user).exists()
    )
