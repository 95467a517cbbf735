from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "participation.forums"
    label = "forums"
    verbose_name = _("Forums")

    def ready(self):
        from participation import moderation
        from participation.accounts import personal_data
        from participation.forums import personal_data as forum_data
        from participation.forums.models import Post, PostFlag

        moderation.register(Post, PostFlag)
        personal_data.register(
            "forums", export=forum_data.export_forums, erase=forum_data.erase_forums
        )
