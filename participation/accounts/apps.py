from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # the module also holds UsersConfig, for wagtail.users
    name = "participation.accounts"
    label = "accounts"
    verbose_name = _("Citizen accounts")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from participation.accounts import data, personal_data, signals

        pre_save.connect(
            signals.move_email_claim, sender=get_user_model(), dispatch_uid="move_email_claim"
        )

        personal_data.register("account", export=data.export_account, erase=data.erase_account)
        # Polls have no AppConfig hook of their own for this; accounts registers their votes.
        personal_data.register("poll_votes", export=data.export_votes, erase=data.erase_votes)


class UsersConfig(WagtailUsersAppConfig):
    """``wagtail.users`` with forms that refuse a taken address (Wagtail's documented way)."""

    user_viewset = "participation.accounts.admin_users.CitizenAwareUserViewSet"
