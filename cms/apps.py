from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from cms.admin_dates import (
            JalaliDateField,
            JalaliDateInput,
            JalaliDateTimeField,
            JalaliDateTimeInput,
        )

        # Editors read and type Jalali dates in every admin form (see cms/admin_dates.py).
        register_form_field_override(
            models.DateField, override={"form_class": JalaliDateField, "widget": JalaliDateInput}
        )
        register_form_field_override(
            models.DateTimeField,
            override={"form_class": JalaliDateTimeField, "widget": JalaliDateTimeInput},
        )
