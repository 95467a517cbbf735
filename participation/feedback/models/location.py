"""Fields shared by suggestions and complaints: an optional point on the map."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Located(models.Model):
    """Latitude and longitude, both or neither."""

    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        abstract = True

    @classmethod
    def location_constraint(cls, name):
        return models.CheckConstraint(
            condition=Q(latitude__isnull=True, longitude__isnull=True)
            | Q(latitude__isnull=False, longitude__isnull=False),
            name=name,
        )
