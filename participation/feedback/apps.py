from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "participation.feedback"
    label = "feedback"
    verbose_name = _("Suggestions and complaints")

    def ready(self):
        from cms.exports.datasets import register
        from participation.accounts import personal_data
        from participation.feedback import exports
        from participation.feedback import personal_data as feedback_data

        personal_data.register(
            "feedback", export=feedback_data.export_data, erase=feedback_data.erase_data
        )
        for dataset in exports.DATASETS:
            register(dataset)
