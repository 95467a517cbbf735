"""The public forums: categories, a category's threads, a thread with its replies, new threads.

Every write is a POST that redirects (PRG) once saved; invalid input is shown again with its
errors and the text the citizen typed, with status 400.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from participation import moderation
from participation.accounts.services import is_verified_citizen
from participation.forums import services
from participation.forums.forms import ReplyForm, ThreadForm
from participation.forums.models import ForumCategory, Post, PostFlag
from participation.moderation import Refused, Status, check_rate, login_url


def index(request):
    """Every category with its counts and last activity."""
    categories = services.categories_with_activity()
    return TemplateResponse(request, "forums/index.html", {"categories": categories})


def category(request, slug):
    """A category's threads, pinned first, paginated."""
    forum = get_object_or_404(ForumCategory, slug=slug)
    page_obj = services.paginate(
        services.visible_threads(forum, request.user), request.GET.get("page")
    )
    context = {
        "category": forum,
        "page_obj": page_obj,
        "can_write": is_verified_citizen(request.user),
        "login_url": login_url(request),
    }
    return TemplateResponse(request, "forums/category.html", context)


@require_http_methods(["GET", "POST"])
def new_thread(request, slug):
    forum = get_object_or_404(ForumCategory, slug=slug)
    form = ThreadForm(request.POST or None)
    if request.method == "POST":
        try:
            services.check_verified(request.user)
            if form.is_valid():
                data = form.cleaned_data
                with moderation.guarded_write(
                    request, "forum_post", "thread", data["title"], data["body"]
                ):
                    thread, post = services.start_thread(
                        forum, request.user, data["title"], data["body"]
                    )
                _say_saved(request, post)
                return HttpResponseRedirect(thread.get_absolute_url(), status=303)
        except Refused as refusal:
            form.add_error(None, str(refusal.message))
    context = {
        "category": forum,
        "form": form,
        "can_write": is_verified_citizen(request.user),
        "login_url": login_url(request),
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "forums/new_thread.html", context, status=status)


def _say_saved(request, post):
    if post.status == Status.PENDING:
        messages.success(
            request, _("Thank you. Your post will appear once a moderator approves it.")
        )
    else:
        messages.success(request, _("Thank you. Your post has been published."))


def _thread_or_404(request, thread_id):
    thread = services.get_thread(thread_id, request.user)
    if thread is None:
        raise Http404
    return thread


@require_http_methods(["GET", "POST"])
def thread(request, thread_id):
    """A thread's posts and the reply form; a POST replies."""
    topic = _thread_or_404(request, thread_id)
    form = ReplyForm(request.POST or None, auto_id="reply-%s")
    error_status = 400
    if request.method == "POST":
        try:
            services.check_may_reply(topic, request.user)
            if form.is_valid():
                body = form.cleaned_data["body"]
                # "thread" and "reply" keep the keys apart: a title may read as a thread's number.
                with moderation.guarded_write(request, "forum_post", "reply", topic.pk, body):
                    post = services.reply(topic, request.user, body)
                _say_saved(request, post)
                return HttpResponseRedirect(post.get_absolute_url(), status=303)
        except Refused as refusal:
            form.add_error(None, str(refusal.message))
            error_status = refusal.status
    page_obj = services.paginate(
        services.visible_posts(topic, request.user), request.GET.get("page")
    )
    user = request.user
    flagged_ids = set()
    if user.is_authenticated:
        flagged_ids = set(
            PostFlag.objects.filter(citizen=user, item__thread=topic).values_list(
                "item_id", flat=True
            )
        )
    context = {
        "thread": topic,
        "category": topic.category,
        "page_obj": page_obj,
        "form": form,
        "can_write": is_verified_citizen(user),
        "subscribed": services.is_subscribed(topic, user),
        "flagged_ids": flagged_ids,
        "login_url": login_url(request),
    }
    status = error_status if form.errors else 200
    return TemplateResponse(request, "forums/thread.html", context, status=status)


def post(request, post_id):
    """A link to one post: the page of its thread that shows it."""
    item = get_object_or_404(Post, pk=post_id)
    topic = _thread_or_404(request, item.thread_id)
    before = services.visible_posts(topic, request.user).filter(created__lte=item.created)
    number = max(1, -(-before.count() // services.page_size()))
    url = reverse("forums:thread", args=[topic.pk])
    query = f"?page={number}" if number > 1 else ""
    return HttpResponseRedirect(f"{url}{query}#post-{item.pk}")


@require_POST
def subscription(request, thread_id):
    """Follow (``action=subscribe``) or stop following a thread's replies."""
    topic = _thread_or_404(request, thread_id)
    try:
        check_rate(request, "subscription")
    except Refused as refusal:
        messages.error(request, str(refusal.message))
        return HttpResponseRedirect(topic.get_absolute_url(), status=303)
    if request.POST.get("action") == "unsubscribe":
        if request.user.is_authenticated:
            services.unsubscribe(topic, request.user)
        messages.success(request, _("You will no longer hear about replies in this thread."))
    else:
        try:
            services.subscribe(topic, request.user)
        except Refused as refusal:
            messages.error(request, str(refusal.message))
        else:
            messages.success(request, _("You will hear about new replies in this thread."))
    return HttpResponseRedirect(topic.get_absolute_url(), status=303)


@require_POST
def flag(request, post_id):
    """A citizen reports a post to the moderators, once."""
    item = get_object_or_404(Post.objects.select_related("thread"), pk=post_id)
    try:
        flag_or_refuse(request, item)
    except Refused as refusal:
        messages.error(request, str(refusal.message))
    else:
        messages.success(request, _("Thank you. The moderators will look at this post."))
    return HttpResponseRedirect(item.get_absolute_url(), status=303)


def flag_or_refuse(request, item):
    if not is_verified_citizen(request.user):
        raise Refused(
            _("Only signed-in citizens with a verified email address can report posts."),
            "not_verified",
        )
    if not item.is_published:
        raise Refused(_("This post cannot be reported."), "invalid", 400)
    moderation.check_rate(request, "flag")
    if not moderation.flag(item, PostFlag, request.user):
        raise Refused(_("You have already reported this post."), "already_flagged", 409)
