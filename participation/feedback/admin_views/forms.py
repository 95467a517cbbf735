"""Forms of the review dashboard. Every action form carries the case's ``version`` as the
reviewer saw it, so a change made meanwhile by someone else is refused, not overwritten."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea

from cms.council.models import MeetingPage, Organization
from cms.models import Department, District
from participation.feedback import response_documents
from participation.feedback.forms import MultipleFileField, MultipleFileInput
from participation.feedback.models import ReviewCase
from participation.sanitize import plain_text

#: What an official response may contain: no headings, images, embeds or internal links, so
#: what the editor produces survives the sanitizer (``participation.sanitize``) unchanged.
RESPONSE_FEATURES = ["bold", "italic", "ol", "ul"]


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


def committees():
    return Organization.objects.filter(classification=Organization.Classification.COMMITTEE)


def committee_field():
    return forms.ModelChoiceField(label=_("Committee"), queryset=committees(), required=False)


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
    committee = committee_field()
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
        for name in ("kind", "status", "department", "committee", "district", "assignee"):
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
    committee = committee_field()
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
    committee = committee_field()
    assignee = ReviewerChoiceField(label=_("Assignee"), queryset=reviewers(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = reviewers()

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("department", "committee", "assignee")):
            raise forms.ValidationError(_("Choose a department, a committee or an assignee."))
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


class ResponseEditor(DraftailRichTextArea):
    """Draftail with the response's few features; a body that is not the editor's JSON (a
    hand-made or broken post) reads as empty, so the form asks for the response again."""

    def __init__(self, *args, **kwargs):
        kwargs["features"] = RESPONSE_FEATURES
        super().__init__(*args, **kwargs)

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError):
            return ""


class AnswerForm(VersionedForm):
    body = forms.CharField(
        label=_("Official response"),
        widget=ResponseEditor,
        help_text=_("Published on the tracking page and sent to the citizen."),
        error_messages={"required": _("Write the official response.")},
    )
    decision = forms.ChoiceField(label=_("Decision"))
    documents = MultipleFileField(
        label=_("Documents"),
        required=False,
        widget=MultipleFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in response_documents.EXTENSIONS)}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = list(ReviewCase.Decision.choices)
        self.fields["documents"].help_text = _(
            "Published with the response: up to %(count)s %(formats)s files, %(size)s each."
        ) % {
            "count": response_documents.MAX_FILES,
            "formats": response_documents.formats(),
            "size": filesizeformat(response_documents.max_size()),
        }

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not plain_text(body).strip():  # an editor left empty still posts an empty paragraph
            raise forms.ValidationError(_("Write the official response."))
        return body

    def clean_documents(self):
        files = self.cleaned_data["documents"]
        response_documents.check(files)
        return files


def upcoming_meetings():
    """Meetings a suggestion can still be put on: published, scheduled, not yet begun."""
    return (
        MeetingPage.objects.live()
        .filter(status=MeetingPage.Status.SCHEDULED, start__gte=timezone.now())
        .select_related("organization")
        .order_by("start")
    )


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.title} ({meeting.organization})"


class AgendaForm(VersionedForm):
    meeting = MeetingChoiceField(
        label=_("Meeting"),
        queryset=MeetingPage.objects.none(),
        error_messages={"required": _("Choose the meeting whose agenda takes the suggestion.")},
    )
    title = forms.CharField(
        label=_("Agenda item title"),
        max_length=255,
        required=False,
        help_text=_("Left empty, the suggestion's title."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = upcoming_meetings()
