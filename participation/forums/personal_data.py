"""A citizen's forum threads, posts, flags and subscriptions, for export and erasure.

Erasing keeps published posts and the threads they opened, without the author link: a thread
is a public conversation others have joined, and deleting its posts would leave answers to
nothing. Without the link the text is «Citizen»'s and no longer the person's. Unpublished
posts (pending or hidden) are not public record and are deleted (a thread whose opening post
goes with it is deleted too); flags and subscriptions go.
"""

from participation.forums.models import Post, PostFlag, Subscription, Thread
from participation.moderation import Status


def export_forums(user):
    posts = Post.objects.filter(author=user).select_related("thread").order_by("created")
    return {
        "threads": [
            {
                "title": thread.title,
                "url": thread.get_absolute_url(),
                "created": thread.created.isoformat(),
            }
            for thread in Thread.objects.filter(author=user).order_by("created")
        ],
        "posts": [
            {
                "thread": post.thread.title,
                "body": post.body,
                "status": post.status,
                "hidden_reason": post.hidden_reason,
                "created": post.created.isoformat(),
            }
            for post in posts
        ],
        "flags": [
            {"post": flag.item_id, "created": flag.created.isoformat()}
            for flag in PostFlag.objects.filter(citizen=user).order_by("created")
        ],
        "subscriptions": list(
            Subscription.objects.filter(user=user).values_list("thread__title", flat=True)
        ),
    }


def erase_forums(user):
    unpublished = Post.objects.filter(author=user).exclude(status=Status.PUBLISHED)
    Thread.objects.filter(posts__in=unpublished.filter(is_opening=True)).delete()
    unpublished.delete()
    Post.objects.filter(author=user).update(author=None)
    Thread.objects.filter(author=user).update(author=None)
    PostFlag.objects.filter(citizen=user).delete()
    Subscription.objects.filter(user=user).delete()
