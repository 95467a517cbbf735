"""Headless API (Wagtail API v2): pages of every type, images, documents, districts, departments.

Wagtail's endpoints serialize related objects one query per item (tags, inline documents,
budget lines, districts, locales). The endpoints below prefetch what the requested fields
need on each page of results, so a list costs the same number of queries at any length.
"""

from types import SimpleNamespace

from django.core.exceptions import FieldDoesNotExist
from django.db.models import prefetch_related_objects
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import TagsField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.models import BudgetPage, Department, District, MediaItemPage

# Serialized properties that read related objects: (model, field) -> lookups to prefetch.
PROPERTY_PREFETCHES = {
    (BudgetPage, "totals"): ("line_items",),
    (MediaItemPage, "media_url"): ("media_file",),
    (MediaItemPage, "captions_url"): ("captions",),
}


class PrefetchedTagsField(TagsField):
    """Tag names sorted by name, read from the prefetched tags instead of a query per item."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


def _tag_field(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, TaggableManager) else None


class SharedTagFieldsFilter(FieldsFilter):
    """Wagtail's field filters, with ``?tags=a,b`` (pages having all) that works on page types.

    PageTag's key points at wagtailcore.Page, so taggit's ``tags__name`` join on a page
    subclass looks for a column the subclass table lacks; the tag relation itself works.
    """

    def filter_queryset(self, request, queryset, view):
        available = set(view.get_available_fields(queryset.model, db_fields_only=True))
        tag_fields = {
            name: field
            for name in request.GET
            if name in available and (field := _tag_field(queryset.model, name))
        }
        if not tag_fields:
            return super().filter_queryset(request, queryset, view)
        other_params = request.GET.copy()
        for name in tag_fields:
            del other_params[name]
        queryset = super().filter_queryset(SimpleNamespace(GET=other_params), queryset, view)
        for name, field in tag_fields.items():
            value = request.GET[name]
            if "\x00" in value:
                raise BadRequestError(
                    f"field filter error. null characters are not allowed for {name}"
                )
            relation = field.through._meta.get_field("content_object").related_query_name()
            for tag in value.split(","):
                queryset = queryset.filter(**{f"{relation}__tag__name": tag})
            # Read by Wagtail's SearchFilter, which refuses tag filter and search together.
            queryset._filtered_by_tag = True
        return queryset


def prefetch_lookups(model, serializer_class, prefix=""):
    """The prefetch_related lookups that serializing ``model`` with ``serializer_class`` needs.

    Follows nested serializers, so inline documents also bring their document.
    """
    lookups = []
    for name in serializer_class.Meta.fields:
        lookups.extend(
            prefix + lookup
            for (owner, prop), needed in PROPERTY_PREFETCHES.items()
            if prop == name and issubclass(model, owner)
            for lookup in needed
        )
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.is_relation:
            continue
        lookups.append(prefix + name)
        child_serializer_class = serializer_class.child_serializer_classes.get(name)
        if child_serializer_class is not None and not isinstance(field, TaggableManager):
            lookups.extend(
                prefetch_lookups(field.related_model, child_serializer_class, f"{prefix}{name}__")
            )
    return list(dict.fromkeys(lookups))


class PrefetchingMixin:
    """Prefetches, on each page of a listing, the relations its serializer will read."""

    @classmethod
    def get_field_serializer_overrides(cls, model):
        overrides = super().get_field_serializer_overrides(model)
        for name in cls.get_available_fields(model):
            if _tag_field(model, name):
                overrides.setdefault(name, PrefetchedTagsField(read_only=True))
        return overrides

    def get_serializer_class(self):
        # Built from the request alone; the listing asks for it twice (prefetch, serialize).
        if not hasattr(self, "_serializer_class"):
            self._serializer_class = super().get_serializer_class()
        return self._serializer_class

    def paginate_queryset(self, queryset):
        # After filtering and search, so prefetching survives both: they hand back new querysets.
        items = list(super().paginate_queryset(queryset))
        if items:
            serializer_class = self.get_serializer_class()
            prefetch_related_objects(
                items, *prefetch_lookups(serializer_class.Meta.model, serializer_class)
            )
        return items


class ShafafPagesAPIViewSet(PrefetchingMixin, PagesAPIViewSet):
    filter_backends = [
        SharedTagFieldsFilter if backend is FieldsFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    def get_base_queryset(self):
        # Wagtail asks for it several times a request, each time re-reading the view
        # restrictions and the site; once is enough.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset


class ShafafImagesAPIViewSet(PrefetchingMixin, ImagesAPIViewSet):
    pass


class ShafafDocumentsAPIViewSet(PrefetchingMixin, DocumentsAPIViewSet):
    pass


class DistrictsAPIViewSet(PrefetchingMixin, BaseAPIViewSet):
    """The municipal districts, for filtering projects (``?type=cms.ProjectPage&district=<id>``).

    Being an endpoint, a district nested in a project shows its number and name too.
    """

    filter_backends = [FieldsFilter, OrderingFilter]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "number", "name"]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "number", "name"]
    name = "districts"
    model = District

    def get_queryset(self):
        return District.objects.order_by("number")


class DepartmentsAPIViewSet(PrefetchingMixin, BaseAPIViewSet):
    """The municipality's departments, with their contacts.

    Being an endpoint, the department responsible for a page shows its name and contacts there.
    """

    filter_backends = [FieldsFilter, OrderingFilter]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "phone", "email"]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "name", "phone", "email"]
    name = "departments"
    model = Department

    def get_queryset(self):
        return Department.objects.select_related("head").order_by("name")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", ShafafPagesAPIViewSet)
api_router.register_endpoint("images", ShafafImagesAPIViewSet)
api_router.register_endpoint("documents", ShafafDocumentsAPIViewSet)
api_router.register_endpoint("districts", DistrictsAPIViewSet)
api_router.register_endpoint("departments", DepartmentsAPIViewSet)
