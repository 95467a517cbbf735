"""JSON API of the forums (names ``forum-…`` under ``/api/participation/forums/``).

``GET categories/``, ``GET categories/<slug>/threads/`` and ``POST`` there to start a thread
(``{"title", "body"}``), ``GET threads/<id>/posts/`` and ``POST`` there to reply
(``{"body"}``), ``POST posts/<id>/flags/`` to report a post once, ``PUT`` and ``DELETE``
``threads/<id>/subscription/`` to follow a thread or stop. Lists are paginated with ``?page=``
and show published text only; writes have the site forms' validation, rate limit and
duplicate check.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from participation import moderation
from participation.api import error_response
from participation.forums import services
from participation.forums.forms import ReplyInputForm, ThreadInputForm
from participation.forums.models import ForumCategory, Post
from participation.forums.views import flag_or_refuse
from participation.moderation import (
    DiscussionAPIView,
    Refused,
    Status,
    check_rate,
    form_error_response,
    refusal_response,
)


def page_json(page_obj, results):
    return {
        "count": page_obj.paginator.count,
        "page": page_obj.number,
        "num_pages": page_obj.paginator.num_pages,
        "results": results,
    }


def thread_json(thread):
    return {
        "id": thread.pk,
        "category": thread.category.slug,
        "title": thread.title,
        "author": thread.author_name,
        "pinned": thread.pinned,
        "locked": thread.locked,
        "created": thread.created.isoformat(),
    }


def post_json(post):
    return {
        "id": post.pk,
        "thread": post.thread_id,
        "opening": post.is_opening,
        "author": post.author_name,
        "body": post.body,
        "status": post.status,
        "created": post.created.isoformat(),
    }


class CategoriesView(DiscussionAPIView):
    def get(self, request):
        return Response(
            {
                "results": [
                    {
                        "slug": category.slug,
                        "title": category.title,
                        "description": category.description,
                        "threads": category.thread_count,
                        "posts": category.post_count,
                        "last_activity": category.last_activity.isoformat()
                        if category.last_activity
                        else None,
                    }
                    for category in services.categories_with_activity()
                ]
            }
        )


class CategoryThreadsView(DiscussionAPIView):
    def get(self, request, slug):
        category = get_object_or_404(ForumCategory, slug=slug)
        # Public threads only, whoever asks: an API list is the same for everyone.
        threads = services.visible_threads(category, None).select_related("category")
        page_obj = services.paginate(threads, request.query_params.get("page"))
        results = [
            {
                **thread_json(thread),
                "replies": thread.reply_count,
                "last_activity": thread.last_activity.isoformat(),
            }
            for thread in page_obj
        ]
        return Response(page_json(page_obj, results))

    def post(self, request, slug):
        category = get_object_or_404(ForumCategory, slug=slug)
        form = ThreadInputForm(request.data)
        try:
            services.check_verified(request.user)
            if not form.is_valid():
                return form_error_response(form)
            data = form.cleaned_data
            with moderation.guarded_write(
                request, "forum_post", "thread", data["title"], data["body"]
            ):
                thread, post = services.start_thread(
                    category, request.user, data["title"], data["body"]
                )
        except Refused as refusal:
            return refusal_response(refusal)
        return Response(
            {"thread": thread_json(thread), "post": post_json(post)},
            status=status.HTTP_201_CREATED,
        )


class ThreadPostsView(DiscussionAPIView):
    def get_thread(self, thread_id):
        return services.get_thread(thread_id, None)

    def get(self, request, thread_id):
        thread = self.get_thread(thread_id)
        if thread is None:
            return error_response(_("No such thread."), "not_found", status.HTTP_404_NOT_FOUND)
        posts = services.visible_posts(thread, None).filter(status=Status.PUBLISHED)
        page_obj = services.paginate(posts, request.query_params.get("page"))
        return Response(
            {"thread": thread_json(thread), **page_json(page_obj, [post_json(p) for p in page_obj])}
        )

    def post(self, request, thread_id):
        thread = self.get_thread(thread_id)
        if thread is None:
            return error_response(_("No such thread."), "not_found", status.HTTP_404_NOT_FOUND)
        form = ReplyInputForm(request.data)
        try:
            services.check_may_reply(thread, request.user)
            if not form.is_valid():
                return form_error_response(form)
            body = form.cleaned_data["body"]
            with moderation.guarded_write(request, "forum_post", "reply", thread.pk, body):
                post = services.reply(thread, request.user, body)
        except Refused as refusal:
            return refusal_response(refusal)
        return Response({"post": post_json(post)}, status=status.HTTP_201_CREATED)


class PostFlagsView(DiscussionAPIView):
    """A verified citizen reports a post of a public thread to the moderators, once."""

    def post(self, request, post_id):
        # A pending post is not public yet: it is not found, rather than confirmed to exist.
        posts = Post.objects.filter(thread__in=services.visible_threads_anywhere(None)).exclude(
            status=Status.PENDING
        )
        item = get_object_or_404(posts.select_related("thread"), pk=post_id)
        try:
            flag_or_refuse(request, item)
        except Refused as refusal:
            return refusal_response(refusal)
        return Response({"flagged": item.pk}, status=status.HTTP_201_CREATED)


class ThreadSubscriptionView(DiscussionAPIView):
    """Follow a thread's replies (``PUT``) or stop following them (``DELETE``)."""

    def get_thread(self, request, thread_id):
        # As on the site: the author may follow their own thread while it awaits moderation.
        return services.get_thread(thread_id, request.user)

    def put(self, request, thread_id):
        thread = self.get_thread(request, thread_id)
        if thread is None:
            return error_response(_("No such thread."), "not_found", status.HTTP_404_NOT_FOUND)
        try:
            check_rate(request, "subscription")
            services.subscribe(thread, request.user)
        except Refused as refusal:
            return refusal_response(refusal)
        return Response({"subscribed": True})

    def delete(self, request, thread_id):
        thread = self.get_thread(request, thread_id)
        if thread is None:
            return error_response(_("No such thread."), "not_found", status.HTTP_404_NOT_FOUND)
        if not request.user.is_authenticated:
            raise NotAuthenticated
        try:
            check_rate(request, "subscription")
        except Refused as refusal:
            return refusal_response(refusal)
        services.unsubscribe(thread, request.user)
        return Response({"subscribed": False})
