"""A signed-in citizen's own activity: what they wrote, how they voted, what they asked.

Everything here is for the citizen's own eyes (how they voted above all): callers pass
``request.user``, never another account. Each section is one page of PAGE_SIZE items,
newest first, fetched with the same few queries however many items the citizen has.
"""

from dataclasses import dataclass
from datetime import datetime
from html import unescape

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import Truncator

from participation.comments.models import Comment
from participation.feedback.models import Complaint, OfficialResponse, ReviewCase, Suggestion
from participation.follows.services import followed_pages
from participation.forums.models import Post, Subscription, Thread
from participation.models import Vote, VoteChoice
from participation.moderation import Status

PAGE_SIZE = 10
# Deeper than anyone scrolls, and an OFFSET every database takes.
MAX_PAGE = 1000
EXCERPT_LENGTH = 160


@dataclass(frozen=True)
class CommentItem:
    page_title: str
    url: str
    excerpt: str
    status: str
    status_label: str
    hidden_reason: str
    created: datetime


@dataclass(frozen=True)
class VoteItem:
    poll_title: str
    url: str
    choices: list
    cast_at: datetime
    changed_at: datetime | None


@dataclass(frozen=True)
class CaseItem:
    """A suggestion or a complaint, with where its review stands and its latest answer."""

    tracking_code: str
    title: str
    excerpt: str
    status: str
    status_label: str
    decision_label: str
    received_at: datetime
    latest_answer: str
    answered_at: datetime | None
    tracking_url: str


@dataclass(frozen=True)
class ThreadItem:
    title: str
    category: str
    url: str
    status: str
    status_label: str
    locked: bool
    created: datetime


@dataclass(frozen=True)
class PostItem:
    thread_title: str
    url: str
    excerpt: str
    status: str
    status_label: str
    hidden_reason: str
    created: datetime


@dataclass(frozen=True)
class SubscriptionItem:
    thread_id: int
    thread_title: str
    category: str
    url: str
    since: datetime


@dataclass(frozen=True)
class FollowItem:
    """A followed page, with its latest update's note (what the citizen hears about)."""

    page_id: int
    title: str
    url: str
    change_note: str
    updated_at: datetime | None
    since: datetime


@dataclass(frozen=True)
class Section:
    """One page of one kind of activity; ``has_next`` when older items follow."""

    name: str
    items: list
    page: int
    has_next: bool

    @property
    def previous_page(self):
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self):
        return self.page + 1 if self.has_next else None


def page_parameter(name):
    """The query parameter that picks the page of section ``name``: ``comments_page``."""
    return f"{name}_page"


def page_numbers(query):
    """The page of each section asked for in ``query`` (a QueryDict), and the parameters
    that were not a whole number from 1 to MAX_PAGE (those sections get page 1)."""
    pages, invalid = {}, []
    for name in SECTIONS:
        parameter = page_parameter(name)
        typed = query.get(parameter)
        if typed is None:
            continue
        if typed.isascii() and typed.isdigit() and 1 <= int(typed) <= MAX_PAGE:
            pages[name] = int(typed)
        else:
            invalid.append(parameter)
    return pages, invalid


def activity_for(user, request, pages=None):
    """``{section name: Section}`` of ``user``'s own activity; ``pages`` picks the pages."""
    pages = pages or {}
    return {name: _section(name, user, request, pages.get(name, 1)) for name in SECTIONS}


def _section(name, user, request, page):
    queryset, to_item = _SOURCES[name](user)
    start = (page - 1) * PAGE_SIZE
    # One more than a page: whether older items follow, without counting them all.
    rows = list(queryset[start : start + PAGE_SIZE + 1])
    items = [to_item(row, request) for row in rows[:PAGE_SIZE]]
    return Section(name, items, page, has_next=len(rows) > PAGE_SIZE)


def _excerpt(text, html=False):
    if html:
        text = unescape(strip_tags(text))
    return Truncator(" ".join(text.split())).chars(EXCERPT_LENGTH)


def _url(page, request):
    return page.get_url(request) or ""


def _comments(user):
    queryset = (
        Comment.objects.filter(author=user).select_related("page").order_by("-created", "-pk")
    )
    return queryset, _comment_item


def _comment_item(comment, request):
    page_url = _url(comment.page, request)
    return CommentItem(
        page_title=comment.page.title,
        url=f"{page_url}#comment-{comment.pk}" if page_url else "",
        excerpt=_excerpt(comment.body, html=True),
        status=comment.status,
        status_label=str(Status(comment.status).label),
        hidden_reason=comment.hidden_reason if comment.status == Status.HIDDEN else "",
        created=comment.created,
    )


def _votes(user):
    selections = VoteChoice.objects.select_related("choice").order_by("choice__sort_order", "pk")
    queryset = (
        Vote.objects.filter(voter=user)
        .select_related("poll")
        .prefetch_related(Prefetch("selections", queryset=selections))
        .order_by("-cast_at", "-pk")
    )
    return queryset, _vote_item


def _vote_item(vote, request):
    return VoteItem(
        poll_title=vote.poll.title,
        url=_url(vote.poll, request),
        choices=[selection.choice.label for selection in vote.selections.all()],
        cast_at=vote.cast_at,
        changed_at=vote.changed_at,
    )


def _with_latest_answer(queryset):
    answers = OfficialResponse.objects.order_by("-published_at", "-pk")
    return queryset.prefetch_related(
        Prefetch("case__responses", queryset=answers, to_attr="answers_newest_first")
    )


def _case_item(case, *, title, excerpt):
    latest = case.answers_newest_first[0] if case.answers_newest_first else None
    tracking_url = f"{reverse('feedback:track')}?{urlencode({'code': case.tracking_code})}"
    return CaseItem(
        tracking_code=case.tracking_code,
        title=title,
        excerpt=excerpt,
        status=case.status,
        status_label=str(ReviewCase.Status(case.status).label),
        decision_label=str(ReviewCase.Decision(case.decision).label) if case.decision else "",
        received_at=case.received_at,
        latest_answer=_excerpt(latest.body, html=True) if latest else "",
        answered_at=latest.published_at if latest else None,
        tracking_url=tracking_url,
    )


def _suggestions(user):
    queryset = Suggestion.objects.filter(author=user).select_related("case").order_by("-pk")
    return _with_latest_answer(queryset), _suggestion_item


def _suggestion_item(suggestion, request):
    return _case_item(suggestion.case, title=suggestion.title, excerpt=_excerpt(suggestion.body))


def _complaints(user):
    queryset = (
        Complaint.objects.filter(author=user).select_related("case", "category").order_by("-pk")
    )
    return _with_latest_answer(queryset), _complaint_item


def _complaint_item(complaint, request):
    return _case_item(
        complaint.case, title=complaint.category.name, excerpt=_excerpt(complaint.description)
    )


def _threads(user):
    opening = Post.objects.filter(is_opening=True)
    queryset = (
        Thread.objects.filter(author=user)
        .select_related("category")
        .prefetch_related(Prefetch("posts", queryset=opening, to_attr="opening_posts"))
        .order_by("-created", "-pk")
    )
    return queryset, _thread_item


def _thread_item(thread, request):
    # A thread's moderation status is its opening post's (pending in moderated forums).
    status = thread.opening_posts[0].status if thread.opening_posts else Status.PUBLISHED
    return ThreadItem(
        title=thread.title,
        category=thread.category.title,
        url=thread.get_absolute_url(),
        status=status,
        status_label=str(Status(status).label),
        locked=thread.locked,
        created=thread.created,
    )


def _posts(user):
    queryset = (
        Post.objects.filter(author=user, is_opening=False)
        .select_related("thread")
        .order_by("-created", "-pk")
    )
    return queryset, _post_item


def _post_item(post, request):
    return PostItem(
        thread_title=post.thread.title,
        url=post.get_absolute_url(),
        excerpt=_excerpt(post.body, html=True),
        status=post.status,
        status_label=str(Status(post.status).label),
        hidden_reason=post.hidden_reason if post.status == Status.HIDDEN else "",
        created=post.created,
    )


def _subscriptions(user):
    queryset = (
        Subscription.objects.filter(user=user)
        .select_related("thread__category")
        .order_by("-created", "-pk")
    )
    return queryset, _subscription_item


def _subscription_item(subscription, request):
    thread = subscription.thread
    return SubscriptionItem(
        thread_id=thread.pk,
        thread_title=thread.title,
        category=thread.category.title,
        url=thread.get_absolute_url(),
        since=subscription.created,
    )


def _follows(user):
    return followed_pages(user), _follow_item


def _follow_item(follow, request):
    page = follow.page
    return FollowItem(
        page_id=page.pk,
        title=page.title,
        url=_url(page, request),
        change_note=getattr(page, "change_note", ""),
        updated_at=page.last_published_at,
        since=follow.created,
    )


_SOURCES = {
    "comments": _comments,
    "votes": _votes,
    "suggestions": _suggestions,
    "complaints": _complaints,
    "threads": _threads,
    "posts": _posts,
    "subscriptions": _subscriptions,
    "follows": _follows,
}
SECTIONS = tuple(_SOURCES)
