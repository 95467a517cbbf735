from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from cms.exports.datasets import register
        from participation import exports

        for dataset in exports.DATASETS:
            register(dataset)
