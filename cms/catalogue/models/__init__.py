from .services import LifeEvent, ServiceFee, ServiceIndexPage, ServiceLegalBasis, ServicePage
from .tariffs import TariffItem, TariffTable

__all__ = [
    "LifeEvent",
    "ServiceFee",
    "ServiceIndexPage",
    "ServiceLegalBasis",
    "ServicePage",
    "TariffItem",
    "TariffTable",
]
