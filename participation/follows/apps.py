from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "participation.follows"
    label = "follows"
    verbose_name = _("Followed pages")

    def ready(self):
        from wagtail.signals import page_published

        from participation.accounts import personal_data
        from participation.follows import personal_data as follow_data
        from participation.follows.receivers import tell_followers

        page_published.connect(tell_followers, dispatch_uid="follows.tell_followers")
        personal_data.register("follows", export=follow_data.export, erase=follow_data.erase)
