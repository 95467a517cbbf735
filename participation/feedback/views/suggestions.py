"""A box's suggestions, the suggestion form, a suggestion's page and supporting it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.council.models import Motion
from participation import ratelimit
from participation.accounts.services import is_verified_citizen
from participation.feedback import services
from participation.feedback.forms import SuggestionForm
from participation.feedback.models import (
    Attachment,
    OfficialResponse,
    Suggestion,
    SuggestionSupport,
)
from participation.feedback.views import submitting

PAGE_SIZE = 20
SORTS = {"newest": ("-case__received_at", "-pk"), "supported": ("-support_count", "-pk")}


def public_suggestions(box):
    """The box's public suggestions with what a list row shows, in one query."""
    return (
        Suggestion.objects.filter(box=box, case__is_public=True)
        .select_related("case", "author__citizen_profile")
        .annotate(support_count=Count("supports"))
    )


def _page_context(box, request, **extra):
    context = box.get_context(request)
    context.update(extra)
    return context


def box_listing(request, box):
    sort = request.GET.get("sort")
    sort = sort if sort in SORTS else "newest"
    page = Paginator(public_suggestions(box).order_by(*SORTS[sort]), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = _page_context(
        box,
        request,
        page_obj=page,
        suggestions=page.object_list,
        sort=sort,
        filter_query=f"sort={sort}",
        is_open=box.is_open(),
        may_submit=request.user.is_authenticated or box.allows_fully_anonymous,
    )
    return TemplateResponse(request, "feedback/suggestion_box_page.html", context)


def submit(request, box):
    if not box.is_open():
        raise Http404
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])

    def render(form, status=200, error=None):
        context = _page_context(box, request, form=form, error=error)
        return TemplateResponse(request, "feedback/suggestion_form.html", context, status=status)

    if request.method == "GET":
        return render(SuggestionForm(box=box, user=request.user))
    form = SuggestionForm(request.POST, request.FILES, box=box, user=request.user)
    if not (request.user.is_authenticated or box.allows_fully_anonymous):
        return render(form, 403, _("Sign in to send a suggestion to this box."))

    def submit_it(data):
        return services.submit_suggestion(
            box=box,
            title=data["title"],
            body=data["body"],
            author=request.user,
            contact_email=data.get("contact_email", ""),
            show_author=data.get("show_author", False),
            fully_anonymous=data.get("fully_anonymous", False),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            district=data.get("district"),
            files=data.get("files", []),
        )

    return submitting.handle(
        request,
        form,
        scope="suggestion",
        duplicate_parts=lambda data: (box.pk, data["title"], data["body"]),
        submit=submit_it,
        render=render,
    )


def _public_suggestion(box, suggestion_id, user):
    supported = SuggestionSupport.objects.filter(suggestion=OuterRef("pk"), user_id=user.pk or 0)
    queryset = (
        public_suggestions(box)
        .annotate(supported_by_me=Exists(supported))
        .select_related("case__committee", "case__agenda_item__meeting")
        .prefetch_related(
            "case__transitions",
            Prefetch(
                "case__agenda_item__motions",
                queryset=Motion.objects.select_related("resolution"),
            ),
            Prefetch(
                "case__responses",
                queryset=OfficialResponse.objects.prefetch_related("documents__document"),
            ),
            Prefetch(
                "case__attachments",
                queryset=Attachment.objects.filter(is_public=True),
                to_attr="public_attachments",
            ),
        )
    )
    try:
        return queryset.get(pk=suggestion_id)
    except Suggestion.DoesNotExist:
        raise Http404 from None


def detail(request, box, suggestion_id):
    suggestion = _public_suggestion(box, suggestion_id, request.user)
    context = _page_context(
        box,
        request,
        suggestion=suggestion,
        case=suggestion.case,
        may_support=is_verified_citizen(request.user)
        and suggestion.author_id != request.user.pk
        and not suggestion.supported_by_me,
    )
    return TemplateResponse(request, "feedback/suggestion_detail.html", context)


def support(request, box, suggestion_id):
    """POST only: a verified citizen supports a suggestion once; back to its page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    suggestion = _public_suggestion(box, suggestion_id, request.user)
    back = HttpResponseRedirect(suggestion.get_absolute_url() + "#support", status=303)
    try:
        ratelimit.check(request, "suggestion_support")
        created = services.support_suggestion(suggestion, request.user)
    except ratelimit.RateLimited as refusal:
        messages.error(request, refusal.message)
        return back
    except services.SubmissionRefused as refusal:
        messages.error(request, refusal.message)
        return back
    if created:
        messages.success(request, _("Thank you, your support has been recorded."))
    else:
        messages.info(request, _("You have already supported this suggestion."))
    return back
