from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "cms.council"
    label = "council"
    verbose_name = _("City council")

    def ready(self):
        from cms.council import exports
        from cms.exports.datasets import register

        for dataset in exports.DATASETS:
            register(dataset)
