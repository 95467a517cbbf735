"""The public suggestion, complaint and tracking forms (they work without JavaScript)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.models import District
from participation.abuse import SpamProtectedForm
from participation.feedback.models import ComplaintCategory
from participation.feedback.tracking import EXAMPLE_CODE
from participation.uploads import MAX_FILES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; the content checks are in participation.uploads."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


def _files_field():
    return MultipleFileField(
        label=_("Photos or documents"),
        required=False,
        help_text=_("Up to %(count)s JPEG, PNG or WebP images or PDF files, 5 MB each.")
        % {"count": MAX_FILES},
    )


class LocationFields(forms.Form):
    """An optional point and district; the service checks latitude and longitude together."""

    district = forms.ModelChoiceField(
        queryset=District.objects.all(), required=False, label=_("District")
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
    )


class SuggestionForm(LocationFields, SpamProtectedForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Your suggestion"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    show_author = forms.BooleanField(label=_("Show my name with the suggestion"), required=False)
    fully_anonymous = forms.BooleanField(
        label=_("Send fully anonymously"),
        required=False,
        help_text=_("Your account is not linked to the suggestion at all."),
    )
    contact_email = forms.EmailField(
        label=_("Email for updates (optional)"),
        required=False,
        help_text=_("Never shown publicly; used only to send your tracking code and the answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    files = _files_field()

    def __init__(self, *args, box, user, **kwargs):
        super().__init__(*args, **kwargs)
        signed_in = user.is_authenticated
        if not signed_in or box.anonymity != box.Anonymity.NAMED:
            del self.fields["show_author"]
        if not (signed_in and box.allows_fully_anonymous):
            del self.fields["fully_anonymous"]
        if signed_in:
            del self.fields["contact_email"]


class ComplaintForm(LocationFields, SpamProtectedForm):
    category = forms.ModelChoiceField(
        queryset=ComplaintCategory.objects.filter(is_active=True),
        label=_("Category"),
        empty_label=_("Choose a category"),
        error_messages={"required": _("Choose a category.")},
    )
    description = forms.CharField(
        label=_("What is the problem?"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    address = forms.CharField(
        label=_("Address or landmark"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    contact_email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("Never shown publicly; used to send your tracking code and the answer."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    files = _files_field()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_authenticated:
            del self.fields["contact_email"]


class TrackingForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filled in here, in the request's language, so the example is always a valid code.
        self.fields["code"].help_text = _(
            "For example %(code)s. Upper or lower case, with or without the dash."
        ) % {"code": EXAMPLE_CODE}
