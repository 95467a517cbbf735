"""Forms for signing up, signing in, the profile and deleting an account."""

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from participation.abuse import SpamProtectedForm
from participation.accounts.emails import mail_after_commit
from participation.accounts.mobile import normalize_mobile
from participation.accounts.models import CitizenProfile
from participation.sanitize import plain_text

# Arabic yeh and kaf typed on Arabic keyboards, stored as the Persian letters.
_PERSIAN_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})


def clean_display_name(value):
    """Plain text, Arabic ي/ك as Persian, no markup; refused when nothing is left."""
    name = " ".join(plain_text(value).translate(_PERSIAN_LETTERS).split())
    if not name:
        raise forms.ValidationError(_("Enter the name to show next to what you write."))
    return name


class MobileField(forms.CharField):
    """An Iranian mobile number in any digits, cleaned to ``09XXXXXXXXX``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"})

    def clean(self, value):
        return normalize_mobile(super().clean(value))


class SignUpForm(SpamProtectedForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        help_text=_("You sign in with it; we send a link to it to confirm it is yours."),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown publicly next to what you write, instead of your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    mobile = MobileField(
        label=_("Mobile number (optional)"),
        help_text=_("An Iranian mobile number, such as 09121234567."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = ["email", "display_name", "mobile", "password1", "password2"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def clean(self):
        cleaned_data = super().clean()
        password1 = cleaned_data.get("password1")
        password2 = cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            # Checked against an unsaved user, so "similar to your email" works.
            candidate = User(email=cleaned_data.get("email", ""), username="")
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned_data


class EmailAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, asking for the email address (staff may use a username)."""

    username = forms.CharField(
        label=_("Email address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "email", "dir": "ltr"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The email address or the password is wrong."),
    }


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, mailing through the task queue after the commit."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        mail_after_commit(to_email, subject, body)


class ProfileForm(forms.ModelForm):
    mobile = MobileField(
        label=_("Mobile number"),
        help_text=_("Optional. An Iranian mobile number, such as 09121234567."),
    )

    class Meta:
        model = CitizenProfile
        fields = ["display_name", "mobile", "notification_frequency"]
        widgets = {"notification_frequency": forms.RadioSelect}

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def save(self, commit=True):
        profile = super().save(commit=False)
        if "mobile" in self.changed_data:
            profile.mobile_verified_at = None  # a new number is not verified yet
        if commit:
            profile.save()
        return profile


class DeleteAccountForm(forms.Form):
    """Confirms deleting an account with its password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # Through authenticate(), so axes counts wrong passwords here too.
        login = user.email or user.get_username()
        checked = authenticate(self.request, username=login, password=password)
        if checked is None or checked.pk != user.pk:
            raise forms.ValidationError(_("The password is wrong."), code="wrong_password")
        return password
