"""Admin: import a budget's lines from CSV/XLSX — upload, preview every row, then confirm.

The checked lines wait in the editor's session between preview and confirmation, so the
confirmation writes exactly what was previewed. Confirming replaces the lines of the
budget's latest draft and saves it as a new revision (one transaction); publishing stays
Wagtail's normal flow.
"""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.models import BudgetLineItem, BudgetPage

from .importing import MAX_BYTES, BudgetImportError, read_lines

SESSION_KEY = "fiscal_budget_import"


def editable_budgets(user):
    """Budgets the user may edit, newest year first."""
    return [
        page
        for page in BudgetPage.objects.order_by("-fiscal_year", "locale_id")
        if page.permissions_for_user(user).can_edit()
    ]


def may_edit_some_budget(user):
    """Whether ``user`` may edit at least one budget, in one query (the admin menu asks often).

    Page permissions as Wagtail grants them: edit, or add for the pages one owns. A reviewer
    who may edit a budget only while its workflow task waits for them is not counted; the
    import page itself (``editable_budgets``) lists their budgets too.
    """
    policy = PagePermissionPolicy(BudgetPage)
    return policy.instances_user_has_any_permission_for(user, {"change"}).exists()


class BudgetImportForm(forms.Form):
    budget = forms.TypedChoiceField(label=gettext_lazy("Budget"), coerce=int)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8) or XLSX with the columns code, parent_code, title, kind, approved, "
            "revised and actual (Persian column names work too). Headings leave the amounts "
            "empty; their totals are computed."
        ),
    )

    def __init__(self, *args, budgets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].choices = [
            (page.pk, f"{page.fiscal_year} — {page.title} ({page.locale.language_code})")
            for page in budgets
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // 2**20}
            )
        return upload


def import_view(request):
    """Upload (GET/POST): on a good file, the preview with a confirm button; else every problem."""
    budgets = editable_budgets(request.user)
    form = BudgetImportForm(request.POST or None, request.FILES or None, budgets=budgets)
    context = {"form": form, "problems": None, "lines": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        page = BudgetPage.objects.get(pk=form.cleaned_data["budget"])
        try:
            lines = read_lines(upload.read(), upload.name)
        except BudgetImportError as error:
            context["problems"] = error.problems
        else:
            token = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {"token": token, "page": page.pk, "lines": lines}
            context.update({"lines": lines, "page": page, "token": token})
    return TemplateResponse(request, "cms/budget_import.html", context)


@require_POST
def confirm_view(request):
    """Write the previewed lines into the budget's draft, all or nothing."""
    pending = request.session.get(SESSION_KEY)
    if not pending or pending["token"] != request.POST.get("token"):
        messages.error(request, _("This import has expired or was already done; upload again."))
        return redirect("fiscal_budget_import")
    page = get_object_or_404(BudgetPage, pk=pending["page"])
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    write_draft(page, pending["lines"], request.user)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        _("%(count)d lines were imported into a new draft of “%(title)s”. Review and publish it.")
        % {"count": len(pending["lines"]), "title": page.title},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))


@transaction.atomic
def write_draft(page, lines, user):
    """Replace the lines of ``page``'s latest draft with ``lines``; save a new revision."""
    draft = page.get_latest_revision_as_object()
    draft.line_items = [
        BudgetLineItem(sort_order=position, **line) for position, line in enumerate(lines)
    ]
    return draft.save_revision(user=user, log_action=True)
