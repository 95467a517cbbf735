from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "cms.catalogue"
    label = "catalogue"
    verbose_name = _("Services and tariffs")

    def ready(self):
        from cms.catalogue import exports
        from cms.exports.datasets import register

        for dataset in exports.DATASETS:
            register(dataset)
