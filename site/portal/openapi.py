"""drf-spectacular hooks and schema class: one OpenAPI 3 schema for every API the portal serves.

DRF views under ``/api/`` and ``/open311/`` (participation, and what other apps add with
DRF) are described by drf-spectacular itself, tagged by the API they belong to. Wagtail's
API v2 and the plain Django views (search, OCDS, exports, council, tariffs, Open311, the
schema itself) are written out in :mod:`portal.openapi_paths`.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from rest_framework.generics import GenericAPIView

from portal.openapi_paths import COMPONENTS, documented_paths

#: Only the public APIs; Wagtail's admin has DRF endpoints of its own, for editors.
PUBLIC_PREFIXES = ("/api/", "/open311/")
#: Described by hand below rather than introspected.
HAND_DOCUMENTED_PREFIXES = ("/api/v2/",)


def skip_wagtail_endpoints(endpoints, **kwargs):
    """Preprocessing hook: keep the public DRF endpoints that can be introspected."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith(PUBLIC_PREFIXES)
        and not endpoint[0].startswith(HAND_DOCUMENTED_PREFIXES)
    ]


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema, tagged by API and lenient with views that have no serializer.

    ``/api/participation/…`` is tagged ``participation``, ``/api/ocds/…`` ``ocds``,
    ``/open311/v2/…`` ``open311``. A plain APIView that declares no serializer (the poll
    views) is described as taking and returning a JSON object rather than left without a body.
    """

    def get_tags(self):
        parts = [part for part in self.path.split("/") if part]
        if parts and parts[0] == "api" and len(parts) > 1:
            return [parts[1]]
        return parts[:1]

    def _declares_serializer(self):
        view = self.view
        return isinstance(view, GenericAPIView) or any(
            hasattr(view, name)
            for name in ("get_serializer", "get_serializer_class", "serializer_class")
        )

    def get_request_serializer(self):
        if self._declares_serializer():
            return super().get_request_serializer()
        return OpenApiTypes.OBJECT if self.method in ("POST", "PUT", "PATCH") else None

    def get_response_serializers(self):
        if self._declares_serializer():
            return super().get_response_serializers()
        return OpenApiTypes.OBJECT


def add_documented_endpoints(result, generator, request, public):
    """Postprocessing hook: the hand-written paths and their components join the schema."""
    result["paths"] = dict(sorted({**result.get("paths", {}), **documented_paths()}.items()))
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in COMPONENTS.items():
        schemas.setdefault(name, schema)
    return result
