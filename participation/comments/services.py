"""Operations on comments: who may post, posting, editing within the window, listing."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.models.base import CommentsMode
from participation.accounts.services import is_verified_citizen
from participation.comments.models import Comment, CommentFlag
from participation.moderation import Refused, Status, initial_status

DEFAULT_EDIT_MINUTES = 15
COMMENTS_PER_PAGE = 20


def comments_mode(page):
    """The page's comments mode; pages without the field are closed."""
    return getattr(page.specific_deferred, "citizen_comments", CommentsMode.CLOSED)


def comments_open(page):
    return comments_mode(page) != CommentsMode.CLOSED and page.live


def edit_window():
    return datetime.timedelta(
        minutes=getattr(settings, "SHAFAF_COMMENT_EDIT_MINUTES", DEFAULT_EDIT_MINUTES)
    )


def can_edit(comment, user, now=None):
    """Only the author, and only within the edit window from when the comment was written."""
    now = now or timezone.now()
    return (
        user is not None
        and user.is_authenticated
        and comment.author_id == user.pk
        and comment.status != Status.HIDDEN
        and now < comment.created + edit_window()
    )


def check_may_post(page, user):
    """Raise Refused unless ``user`` may comment on ``page`` now."""
    if not comments_open(page):
        raise Refused(_("Comments are closed on this page."), "closed")
    if not is_verified_citizen(user):
        raise Refused(
            _("Only signed-in citizens with a verified email address can comment."),
            "not_verified",
        )


def post_comment(page, user, body, parent=None):
    """Save a comment (pending on pre-moderated pages); replies to a reply join its thread."""
    check_may_post(page, user)
    if parent is not None:
        if parent.page_id != page.pk or not parent.is_visible_to(user):
            raise Refused(_("The comment you replied to is not on this page."), "invalid", 400)
        if parent.parent_id is not None:
            parent = parent.parent  # one level deep: a reply to a reply joins its parent
    pre = comments_mode(page) == CommentsMode.PRE_MODERATED
    with transaction.atomic():
        return Comment.objects.create(
            page=page, author=user, body=body, parent=parent, status=initial_status(pre)
        )


def edit_comment(comment, user, body):
    """Change the author's comment within the edit window.

    On a pre-moderated page the new text waits for a moderator like a new comment would:
    the approval was given to the old text, not to whatever replaces it.
    """
    if not can_edit(comment, user):
        raise Refused(_("This comment can no longer be edited."), "edit_closed")
    comment.body = body
    comment.edited = timezone.now()
    if comments_mode(comment.page) == CommentsMode.PRE_MODERATED:
        comment.status = Status.PENDING
    comment.save(update_fields=["body", "edited", "status"])
    return comment


def comments_on_public_pages():
    """Comments whose page is live and public: the only ones anyone may act on."""
    return Comment.objects.filter(page__in=Page.objects.live().public()).select_related("page")


def visible_comments(page, user):
    """Comments of ``page`` that ``user`` may see: published and hidden ones, and their own
    pending ones.

    Others' hidden comments stay in the list (shown as hidden by a moderator, text withheld)
    so that replies keep their place.
    """
    queryset = Comment.objects.filter(page=page)
    if user is not None and user.is_authenticated:
        return queryset.filter(~Q(status=Status.PENDING) | Q(author=user))
    return queryset.exclude(status=Status.PENDING)


def comment_list(page, user, page_number=1, per_page=COMMENTS_PER_PAGE):
    """One page of top-level comments with their replies, in a fixed number of queries.

    Returns ``(page_obj, flagged_ids)``: the comments (replies prefetched, authors' profiles
    joined) and the ids of those ``user`` has flagged.
    """
    visible = visible_comments(page, user).select_related("author__citizen_profile")
    top_level = visible.filter(parent=None).prefetch_related(
        Prefetch("replies", queryset=visible.order_by("created", "pk"))
    )
    page_obj = Paginator(top_level.order_by("created", "pk"), per_page).get_page(page_number)
    flagged_ids = set()
    if user is not None and user.is_authenticated:
        flagged_ids = set(
            CommentFlag.objects.filter(citizen=user, item__page=page).values_list(
                "item_id", flat=True
            )
        )
    return page_obj, flagged_ids
