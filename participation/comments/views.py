"""Writing comments without JavaScript: each POST redirects back to the page (PRG).

A refused or invalid comment is kept in the session with its errors and shown again in the
form under the page, so nothing the citizen typed is lost on the way back.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from cms.models.base import CommentsMode
from participation import moderation
from participation.accounts.services import is_verified_citizen
from participation.comments import services
from participation.comments.forms import CommentEditForm, CommentForm
from participation.comments.models import Comment, CommentFlag
from participation.comments.text import as_typed
from participation.moderation import Refused, Status

FORM_STATE_KEY = "comments:form:{page_id}"


def _page_url(page, request, anchor="comments"):
    return f"{page.get_url(request)}#{anchor}"


def keep_form_state(request, page, *, body, parent, errors):
    """Remember what the citizen typed and what was wrong, for the page's next rendering."""
    request.session[FORM_STATE_KEY.format(page_id=page.pk)] = {
        "body": body,
        "parent": parent,
        "errors": errors,
    }


def pop_form_state(request, page):
    return request.session.pop(FORM_STATE_KEY.format(page_id=page.pk), None)


@require_POST
def post_comment(request, page_id):
    """Post a comment or a reply to ``page_id``, then go back to the page."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    form = CommentForm(request.POST)
    body = request.POST.get("body", "")
    parent_id = request.POST.get("parent", "")
    if not form.is_valid():
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        keep_form_state(request, page, body=body, parent=parent_id, errors=errors)
        return HttpResponseRedirect(_page_url(page, request, "comment-form"), status=303)
    try:
        parent = _parent(page, form.cleaned_data["parent"])
        services.check_may_post(page, request.user)
        text = form.cleaned_data["body"]
        # "page" and "edit" keep new comments and edits apart: page and comment ids overlap.
        with moderation.guarded_write(request, "comment", "page", page.pk, text):
            comment = services.post_comment(page, request.user, text, parent)
    except Refused as refusal:
        keep_form_state(
            request, page, body=body, parent=parent_id, errors={"__all__": [str(refusal.message)]}
        )
        return HttpResponseRedirect(_page_url(page, request, "comment-form"), status=303)
    if comment.status == Status.PENDING:
        messages.success(
            request, _("Thank you. Your comment will appear once a moderator approves it.")
        )
    else:
        messages.success(request, _("Thank you. Your comment has been published."))
    return HttpResponseRedirect(_page_url(page, request, f"comment-{comment.pk}"), status=303)


def _parent(page, parent_id):
    if not parent_id:
        return None
    parent = Comment.objects.filter(pk=parent_id, page=page).first()
    if parent is None:
        raise Refused(_("The comment you replied to is not on this page."), "invalid", 400)
    return parent


@require_POST
def flag_comment(request, comment_id):
    """A citizen reports a comment to the moderators, once."""
    comment = get_object_or_404(services.comments_on_public_pages(), pk=comment_id)
    page = comment.page
    try:
        flag_or_refuse(request, comment)
    except Refused as refusal:
        messages.error(request, str(refusal.message))
    else:
        messages.success(request, _("Thank you. The moderators will look at this comment."))
    return HttpResponseRedirect(_page_url(page, request, f"comment-{comment.pk}"), status=303)


def flag_or_refuse(request, comment):
    """Record the flag of the signed-in, verified citizen; raise Refused otherwise."""
    if not is_verified_citizen(request.user):
        raise Refused(
            _("Only signed-in citizens with a verified email address can report comments."),
            "not_verified",
        )
    if not comment.is_published:
        raise Refused(_("This comment cannot be reported."), "invalid", 400)
    moderation.check_rate(request, "flag")
    if not moderation.flag(comment, CommentFlag, request.user):
        raise Refused(_("You have already reported this comment."), "already_flagged", 409)


@require_http_methods(["GET", "POST"])
def edit_comment(request, comment_id):
    """The author corrects their comment within the edit window."""
    comment = get_object_or_404(services.comments_on_public_pages(), pk=comment_id)
    page = comment.page
    if not services.can_edit(comment, request.user):
        messages.error(request, _("This comment can no longer be edited."))
        return HttpResponseRedirect(_page_url(page, request, f"comment-{comment.pk}"), status=303)
    form = CommentEditForm(request.POST or None, initial={"body": as_typed(comment.body)})
    if request.method == "POST" and form.is_valid():
        try:
            body = form.cleaned_data["body"]
            with moderation.guarded_write(request, "comment", "edit", comment.pk, body):
                services.edit_comment(comment, request.user, body)
        except Refused as refusal:
            form.add_error(None, str(refusal.message))
        else:
            if comment.status == Status.PENDING:
                messages.success(
                    request,
                    _(
                        "Your comment has been changed and will appear once a moderator approves it."
                    ),
                )
            else:
                messages.success(request, _("Your comment has been changed."))
            return HttpResponseRedirect(
                _page_url(page, request, f"comment-{comment.pk}"), status=303
            )
    status = 400 if form.errors else 200
    context = {
        "comment": comment,
        "commented_page": page,
        "form": form,
        "pre_moderated": services.comments_mode(page) == CommentsMode.PRE_MODERATED,
    }
    return TemplateResponse(request, "comments/edit_comment.html", context, status=status)
