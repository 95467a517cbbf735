"""A citizen's comments and flags, for export and erasure.

Erasing keeps published comments but cuts the author link: a comment is part of a public
discussion others have answered, and removing it would leave replies that answer nothing.
Without the link nothing ties the text to the person (the page shows «Citizen»), which is
what erasure asks for. Unpublished comments (pending or hidden) are no public record, so they
are deleted; the citizen's flags go too.
"""

from participation.comments.models import Comment, CommentFlag
from participation.moderation import Status


def export_comments(user):
    comments = Comment.objects.filter(author=user).select_related("page").order_by("created")
    return {
        "comments": [
            {
                "page": comment.page.title,
                "url": comment.page.url,
                "body": comment.body,
                "status": comment.status,
                "hidden_reason": comment.hidden_reason,
                "created": comment.created.isoformat(),
                "edited": comment.edited.isoformat() if comment.edited else None,
            }
            for comment in comments
        ],
        "flags": [
            {"comment": flag.item_id, "created": flag.created.isoformat()}
            for flag in CommentFlag.objects.filter(citizen=user).order_by("created")
        ],
    }


def erase_comments(user):
    # Replies to an unpublished comment of the user would vanish with it (CASCADE): keep
    # those that have replies, unlinked, like published ones.
    unpublished = Comment.objects.filter(author=user).exclude(status=Status.PUBLISHED)
    unpublished.filter(replies__isnull=True).delete()
    Comment.objects.filter(author=user).update(author=None)
    CommentFlag.objects.filter(citizen=user).delete()
