"""JSON API of comments: ``GET/POST comments/pages/<page id>/``, ``PATCH comments/<id>/``,
``POST comments/<id>/flags/``.

Lists show published comments only (oldest first, ``?page=``); a POST takes
``{"body": "…", "parent": id}`` with the page form's validation, rate limit and duplicate
check; a PATCH takes ``{"body": "…"}`` from the author within the edit window. Errors are
``{"error": "…", "code": "…"}`` (see ``participation.api``).
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.response import Response
from wagtail.models import Page

from participation import moderation
from participation.api import error_response
from participation.comments import services
from participation.comments.forms import CommentEditForm, CommentInputForm
from participation.comments.models import Comment
from participation.comments.views import _parent, flag_or_refuse
from participation.moderation import (
    DiscussionAPIView,
    Refused,
    Status,
    form_error_response,
    refusal_response,
)


def comment_json(comment):
    return {
        "id": comment.pk,
        "parent": comment.parent_id,
        "author": comment.author_name,
        "body": comment.body,
        "status": comment.status,
        "created": comment.created.isoformat(),
        "edited": comment.edited.isoformat() if comment.edited else None,
    }


class PageCommentsView(DiscussionAPIView):
    """A page's published comments; a verified citizen posts one."""

    def get_page(self, page_id):
        return get_object_or_404(Page.objects.live().public(), pk=page_id)

    def get(self, request, page_id):
        page = self.get_page(page_id)
        if not services.comments_open(page):
            return error_response(
                _("Comments are closed on this page."), "closed", status.HTTP_404_NOT_FOUND
            )
        comments = (
            Comment.objects.filter(page=page, status=Status.PUBLISHED)
            .select_related("author__citizen_profile")
            .order_by("created", "pk")
        )
        page_obj = Paginator(comments, settings.SHAFAF_PAGE_SIZE).get_page(
            request.query_params.get("page")
        )
        return Response(
            {
                "count": page_obj.paginator.count,
                "page": page_obj.number,
                "num_pages": page_obj.paginator.num_pages,
                "results": [comment_json(comment) for comment in page_obj],
            }
        )

    def post(self, request, page_id):
        page = self.get_page(page_id)
        form = CommentInputForm(request.data)
        try:
            services.check_may_post(page, request.user)
            if not form.is_valid():
                return form_error_response(form)
            parent = _parent(page, form.cleaned_data["parent"])
            body = form.cleaned_data["body"]
            # Keyed as the page's form keys it: the same text sent by both is one duplicate.
            with moderation.guarded_write(request, "comment", "page", page.pk, body):
                comment = services.post_comment(page, request.user, body, parent)
        except Refused as refusal:
            return refusal_response(refusal)
        return Response({"comment": comment_json(comment)}, status=status.HTTP_201_CREATED)


class CommentView(DiscussionAPIView):
    """The author corrects their comment within the edit window, as on the site."""

    def patch(self, request, comment_id):
        comment = get_object_or_404(services.comments_on_public_pages(), pk=comment_id)
        form = CommentEditForm(request.data)
        try:
            # Checked before the input, as the site's edit view does: a refused author
            # learns that first, whatever they sent.
            if not services.can_edit(comment, request.user):
                raise Refused(_("This comment can no longer be edited."), "edit_closed")
            if not form.is_valid():
                return form_error_response(form)
            body = form.cleaned_data["body"]
            with moderation.guarded_write(request, "comment", "edit", comment.pk, body):
                services.edit_comment(comment, request.user, body)
        except Refused as refusal:
            return refusal_response(refusal)
        return Response({"comment": comment_json(comment)})


class CommentFlagsView(DiscussionAPIView):
    """A verified citizen reports a published comment, once."""

    def post(self, request, comment_id):
        comment = get_object_or_404(services.comments_on_public_pages(), pk=comment_id)
        try:
            flag_or_refuse(request, comment)
        except Refused as refusal:
            return refusal_response(refusal)
        return Response({"flagged": comment.pk}, status=status.HTTP_201_CREATED)
