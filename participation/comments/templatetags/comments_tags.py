"""The comments section under a content page, loaded in a fixed number of queries."""

from django import template
from django.contrib.messages import get_messages
from django.urls import reverse

from participation.accounts.services import is_verified_citizen
from participation.comments import services
from participation.comments.forms import CommentForm
from participation.comments.views import pop_form_state
from participation.moderation import login_url

register = template.Library()

PAGE_PARAMETER = "comments_page"


def editable_ids(comments, user):
    """Ids of the shown comments and replies whose author may still edit them."""
    ids = set()
    for comment in comments:
        for item in (comment, *comment.replies.all()):
            if services.can_edit(item, user):
                ids.add(item.pk)
    return ids


@register.inclusion_tag("comments/includes/_section.html", takes_context=True)
def page_comments(context):
    """Comments of ``page``, the form (with what the citizen typed if it was refused) or the
    sign-in prompt, and the messages of the last write."""
    request = context["request"]
    page = context["page"]
    if page.pk is None:  # the admin's preview of a page not yet saved: nothing to show
        return {"hidden": True}
    user = request.user
    page_obj, flagged_ids = services.comment_list(page, user, request.GET.get(PAGE_PARAMETER))
    can_post = services.comments_open(page) and is_verified_citizen(user)
    state = pop_form_state(request, page) or {}
    reply_to = _reply_target(page, user, state.get("parent") or request.GET.get("reply_to"))
    form = None
    if can_post:
        form = CommentForm(
            auto_id="comment-%s",
            initial={"body": state.get("body", ""), "parent": reply_to.pk if reply_to else None},
        )
    errors = state.get("errors", {})
    body_attrs = {"aria-describedby": "comment-body-help"}
    if errors.get("body"):
        body_attrs = {
            "aria-invalid": "true",
            "aria-describedby": "comment-body-error comment-body-help",
        }
    return {
        "request": request,
        "page": page,
        "page_obj": page_obj,
        "page_parameter": PAGE_PARAMETER,
        "flagged_ids": flagged_ids,
        "editable_ids": editable_ids(page_obj, user),
        "user": user,
        "is_open": services.comments_open(page),
        "pre_moderated": services.comments_mode(page) == "pre_moderated",
        "can_post": can_post,
        "signed_in": user.is_authenticated,
        "login_url": login_url(request, "#comments"),
        "post_url": reverse("comments:post", args=[page.pk]),
        "form": form,
        "body_widget": form["body"].as_widget(attrs=body_attrs) if form else "",
        "errors": errors,
        "non_field_errors": errors.get("__all__", []) + errors.get("website", []),
        "reply_to": reply_to,
        "messages": get_messages(request),
    }


def _reply_target(page, user, comment_id):
    """The top-level comment a reply will join, if ``comment_id`` names one the user sees."""
    if not comment_id or not str(comment_id).isdigit():
        return None
    comment = (
        services.visible_comments(page, user)
        .select_related("author__citizen_profile", "parent__author__citizen_profile")
        .filter(pk=int(comment_id))
        .first()
    )
    if comment is None:
        return None
    return comment.parent or comment
