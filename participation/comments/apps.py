from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "participation.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self):
        from participation import moderation
        from participation.accounts import personal_data
        from participation.comments import personal_data as comment_data
        from participation.comments.models import Comment, CommentFlag

        moderation.register(Comment, CommentFlag)
        personal_data.register(
            "comments", export=comment_data.export_comments, erase=comment_data.erase_comments
        )
