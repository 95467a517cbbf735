"""Pieces shared by the SQLite and PostgreSQL variants: the indexer hook and term policy."""

import types

from django.utils.encoding import force_str

from search.content import extra_search_fields
from search.normalization import index_text

#: Terms at least this long match every word they begin; shorter ones match whole words only.
PREFIX_MIN_LENGTH = 3


def is_prefix_term(term):
    """Whether ``term`` should also match longer words (numbers never do: 140 ≠ 1403)."""
    return len(term) >= PREFIX_MIN_LENGTH and not term.isdigit()


def _flatten(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_flatten(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_flatten(item) for item in value.values())
    return force_str(value)


class NormalizingIndexerMixin:
    """Index every field value as normalized words (see :mod:`search.normalization`), and the
    fields search adds to a model's own (its attached documents' text)."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.search_fields = [*self.search_fields, *extra_search_fields(type(obj))]

    def prepare_value(self, value):
        return index_text(_flatten(value))


def add_items_with_indexer(add_items, indexer_class):
    """The vendor's ``add_items`` unchanged, except that ``ObjectIndexer`` means ``indexer_class``."""
    namespace = {**add_items.__globals__, "ObjectIndexer": indexer_class}
    return types.FunctionType(
        add_items.__code__,
        namespace,
        add_items.__name__,
        add_items.__defaults__,
        add_items.__closure__,
    )


class RankedMatchesMixin:
    def ranked_ids(self, query, queryset):
        """Primary keys of every object of ``queryset`` matching ``query``, best first.

        One query, whatever the number of matches: the search service counts them and computes
        facets from this list instead of running the match again for each.
        """
        results = self.search(query, queryset)
        compiler = getattr(results, "query_compiler", None)
        if compiler is None:  # modelsearch gave up early (empty query): nothing matches
            return []
        return compiler.ranked_ids(compiler.get_config(self))
