"""A citizen's forum threads, posts, flags and subscriptions, for export and erasure.

Erasing keeps published posts and the threads they opened, without the author link: a thread
is a public conversation others have joined, and deleting its posts would leave answers to
nothing. Without the link the text is «Citizen»'s and no longer the person's. Unpublished
posts (pending or hidden) are not public record and are deleted, and so is a thread they
opened, unless others have replied in it: then it stays, unlinked, so that their replies do
not go with it. Flags and subscriptions go.
"""

from django.db.models import Exists, OuterRef

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
    """Delete ``user``'s unpublished posts and the threads only they wrote in; unlink the rest."""
    unpublished = Post.objects.filter(author=user).exclude(status=Status.PUBLISHED)
    # Deleting a thread deletes its replies (CASCADE), so a thread others have answered
    # stays, its opening post unlinked like the published ones.
    others_posts = Post.objects.filter(thread=OuterRef("pk")).exclude(author=user)
    Thread.objects.filter(posts__in=unpublished.filter(is_opening=True)).exclude(
        Exists(others_posts)
    ).delete()
    unpublished.filter(is_opening=False).delete()
    Post.objects.filter(author=user).update(author=None)
    Thread.objects.filter(author=user).update(author=None)
    PostFlag.objects.filter(citizen=user).delete()
    Subscription.objects.filter(user=user).delete()
