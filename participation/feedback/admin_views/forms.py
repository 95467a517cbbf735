"""Forms of the review dashboard. Every action form carries the case's ``version`` as the
reviewer saw it, so a change made meanwhile by someone else is refused, not overwritten."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cms.models import Department, District
from participation.feedback.models import ReviewCase


def reviewers():
    """The accounts a case may be assigned to: active holders of the review permission."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="review_case")
            | Q(user_permissions__codename="review_case")
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class QueueFilterForm(forms.Form):
    """The queue's filters (GET); every one optional."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.all(), required=False
    )
    assignee = ReviewerChoiceField(label=_("Assignee"), queryset=reviewers(), required=False)
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["kind"].choices = every + list(ReviewCase.Kind.choices)
        self.fields["status"].choices = every + list(ReviewCase.Status.choices)
        self.fields["assignee"].queryset = reviewers()

    def filter(self, cases):
        """``cases`` narrowed by the valid filters."""
        if not self.is_valid():
            return cases
        data = self.cleaned_data
        for name in ("kind", "status", "department", "district", "assignee"):
            if data.get(name):
                cases = cases.filter(**{name: data[name]})
        if data.get("overdue"):
            cases = cases.overdue()
        return cases


class VersionedForm(forms.Form):
    """Carries the version of the case the reviewer saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TransitionForm(VersionedForm):
    to_status = forms.ChoiceField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Shown in the case's history."),
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(status, status) for status in allowed]


class AssignForm(VersionedForm):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    assignee = ReviewerChoiceField(label=_("Assignee"), queryset=reviewers(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()


class BulkAssignForm(forms.Form):
    """Assign several cases of the queue at once."""

    cases = forms.ModelMultipleChoiceField(
        queryset=ReviewCase.objects.all(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Select at least one case.")},
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    assignee = ReviewerChoiceField(label=_("Assignee"), queryset=reviewers(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()

    def clean(self):
        data = super().clean()
        if not data.get("department") and not data.get("assignee"):
            raise forms.ValidationError(_("Choose a department, an assignee or both."))
        return data


class HideForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_("Kept in the case's history; not shown to the public."),
        error_messages={"required": _("Say why the suggestion is hidden from the public.")},
    )


class ShowForm(VersionedForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class AnswerForm(VersionedForm):
    body = forms.CharField(
        label=_("Official response"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published on the tracking page and sent to the citizen."),
    )
    decision = forms.ChoiceField(label=_("Decision"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = list(ReviewCase.Decision.choices)
