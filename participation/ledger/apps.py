from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "participation.ledger"
    label = "ledger"
    verbose_name = _("Participation log")

    def ready(self):
        from participation.ledger import receivers

        receivers.connect()
