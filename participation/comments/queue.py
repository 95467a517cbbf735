"""The moderation queue in the Wagtail admin: pending and flagged comments and forum posts.

It serves every model registered with ``participation.moderation.register``; it lives in the
comments app because ``participation.moderation`` is a module, not an app with templates.
Every action is a POST checked against the model's moderate permission on the server.
"""

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from participation import moderation
from participation.moderation import Status

QUEUE_LIMIT = 100
FILTERS = {
    "waiting": (
        gettext_lazy("Waiting: pending or flagged"),
        Q(status=Status.PENDING) | Q(status=Status.PUBLISHED, flag_count__gt=0),
    ),
    "hidden": (gettext_lazy("Hidden"), Q(status=Status.HIDDEN)),
}


def queue_items(user, show):
    """Up to QUEUE_LIMIT items of each model ``user`` may moderate, most flagged first.

    One query per registered model, whatever the number of items.
    """
    condition = FILTERS[show][1]
    sections = []
    for model, _flag_model in moderation.moderated_models():
        if not moderation.can_moderate(user, model):
            continue
        items = (
            model.objects.annotate(flag_count=Count("flags"))
            .filter(condition)
            .select_related("author__citizen_profile", *model.queue_related)
            .order_by("-flag_count", "created", "pk")[:QUEUE_LIMIT]
        )
        sections.append({"model": model, "meta": model._meta, "items": list(items)})
    return sections


def queue(request):
    if not moderation.can_moderate(request.user):
        raise PermissionDenied
    show = request.GET.get("show", "waiting")
    if show not in FILTERS:
        show = "waiting"
    context = {
        "sections": queue_items(request.user, show),
        "show": show,
        "filters": [(key, label) for key, (label, _q) in FILTERS.items()],
        "limit": QUEUE_LIMIT,
    }
    return TemplateResponse(request, "comments/admin/queue.html", context)


@require_POST
def decide(request, app_label, model_name, pk, action):
    """Approve, hide (with a reason) or restore one item, then go back to the queue."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if model not in [m for m, _flag in moderation.moderated_models()]:
        raise Http404
    if not moderation.can_moderate(request.user, model):
        raise PermissionDenied
    item = get_object_or_404(model, pk=pk)
    back = reverse("comments_moderation:queue") + "?" + request.GET.urlencode()
    if action == "approve":
        moderation.approve(item, request.user)
        messages.success(request, _("Approved and published."))
    elif action == "restore":
        moderation.restore(item, request.user)
        messages.success(request, _("Shown again."))
    elif action == "hide":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(request, _("Give a reason for hiding: the author will read it."))
            return HttpResponseRedirect(back)
        moderation.hide(item, request.user, reason[:1000])
        messages.success(request, _("Hidden. The author has been told why."))
    elif action == "dismiss":
        item.flags.all().delete()
        messages.success(request, _("Flags dismissed; the text stays published."))
    else:
        raise Http404
    return HttpResponseRedirect(back)
