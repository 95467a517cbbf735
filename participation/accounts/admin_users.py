"""Wagtail's user forms, refusing an address another citizen's account already has.

The database keeps one citizen per address (``CitizenProfile.normalized_email``); without this
check, staff changing an account's email to a taken one would meet that refusal as an error page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from participation.accounts.models import CitizenProfile
from participation.accounts.models.profiles import normalize_email


class UniqueEmailMixin:
    def clean_email(self):
        email = self.cleaned_data.get("email", "")
        taken = CitizenProfile.objects.filter(normalized_email=normalize_email(email))
        if email and taken.exclude(user_id=self.instance.pk).exists():
            raise ValidationError(_("Another account already has this email address."))
        return email


class StaffUserCreationForm(UniqueEmailMixin, UserCreationForm):
    pass


class StaffUserEditForm(UniqueEmailMixin, UserEditForm):
    pass


class CitizenAwareUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
