"""The SQLite FTS5 variant: normalized index text, tokenized queries, title-weighted bm25()."""

from django.db.models import Case, FloatField, Func, TextField, Value, When
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite import sqlite as sqlite_backend
from modelsearch.backends.database.sqlite.query import (
    AndNot,
    LexemeCombinable,
    MatchExpression,
    SearchQueryExpression,
    SearchQueryField,
)
from modelsearch.backends.database.sqlite.query import normalize as normalize_query
from modelsearch.conf import get_app_config
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from search.normalization import query_terms, tokens

from .common import (
    NormalizingIndexerMixin,
    RankedMatchesMixin,
    add_items_with_indexer,
    is_prefix_term,
)

SQLiteFTSIndexEntry = get_app_config().get_model("SQLiteFTSIndexEntry", require_ready=False)

#: How much more a match in the title counts than one in the body.
TITLE_WEIGHT = 4.0


class SQLiteObjectIndexer(NormalizingIndexerMixin, sqlite_backend.ObjectIndexer):
    pass


class SQLiteIndex(sqlite_backend.SQLiteIndex):
    add_items = add_items_with_indexer(sqlite_backend.SQLiteIndex.add_items, SQLiteObjectIndexer)


class WeightedBM25(Func):
    """FTS5's ``bm25()`` with per-column weights; the table's columns are (autocomplete, body, title)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        table = get_app_config().get_model("SQLiteFTSIndexEntry")._meta.db_table
        return f"bm25({table}, 0.0, 1.0, {TITLE_WEIGHT})", []


class RawMatch(LexemeCombinable):
    """An FTS5 query we wrote ourselves from word tokens; MatchExpression binds it as a parameter."""

    _output_field = SearchQueryField()

    def __init__(self, query):
        super().__init__()
        self.query = query

    def as_sql(self, compiler, connection):
        return "%s", [self.query]


class SQLiteQueryMixin:
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            operator = " AND " if query.operator.upper() == "AND" else " OR "
            groups = []
            for word, parts in query_terms(query.query_string):
                group = self.fts_term(word)
                if parts:
                    group = f"({group} OR ({' AND '.join(self.fts_term(p) for p in parts)}))"
                groups.append(group)
            # No words (only punctuation): an empty phrase, which matches nothing.
            return SearchQueryExpression(RawMatch(operator.join(groups) or '""'))
        if isinstance(query, Phrase):
            return SearchQueryExpression(" ".join(tokens(query.query_string)))
        return super().build_search_query_content(query, config=config)

    def fts_term(self, term):
        # Tokens are letters and digits only, so quoting cannot be escaped from.
        return f'"{term}"*' if self.is_prefix(term) else f'"{term}"'

    def is_prefix(self, term):
        return is_prefix_term(term)


class RankedSliceMixin:
    """Rank in one pass over the FTS table instead of one bm25() subquery per matching row.

    Upstream annotates every matching page with a correlated subquery that re-runs the MATCH,
    so ordering by relevance grows with the square of the matches (2 s for 800 matches). We
    rank the matches once, take the requested slice of ids, and fetch those pages in order.
    """

    def ranked_ids(self, config):
        """Primary keys of all matches, best first (ties by index order), in one query."""
        ranked = self._ranked_object_ids(config)
        if ranked is None:
            results = super().search(config, None, None)
            return list(results.values_list("pk", flat=True))
        to_pk = self.queryset.model._meta.pk.to_python
        return [to_pk(object_id) for object_id in ranked]

    def search(self, config, start, stop, score_field=None):
        ranked = None
        if self.order_by_relevance and score_field is None and stop is not None:
            ranked = self._ranked_object_ids(config)
        if ranked is None:
            return super().search(config, start, stop, score_field=score_field)
        to_pk = self.queryset.model._meta.pk.to_python
        ids = [to_pk(object_id) for object_id in ranked[start:stop]]
        if not ids:
            return self.queryset.none()
        order = Case(*(When(pk=pk, then=Value(rank)) for rank, pk in enumerate(ids)))
        return self.queryset.filter(pk__in=ids).order_by(order)

    def _ranked_object_ids(self, config):
        """The matches' ``object_id`` values, best first, or None for queries we leave upstream."""
        query = normalize_query(self.query)
        if isinstance(query, MatchAll | Not | AndNot):
            return None
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        wanted = (
            self.queryset.order_by().annotate(_pk_text=Cast("pk", TextField())).values("_pk_text")
        )
        return (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(
                    self.queryset.model
                ),
                index_entry__object_id__in=wanted,
            )
            .annotate(score=self._build_rank_expression(None, config))
            .order_by("score", "index_entry_id")
            .values_list("index_entry__object_id", flat=True)
        )


class SQLiteSearchQueryCompiler(
    RankedSliceMixin, SQLiteQueryMixin, sqlite_backend.SQLiteSearchQueryCompiler
):
    def _build_rank_expression(self, vectors, config):
        # One bm25() over the whole MATCH; upstream sums the same unweighted bm25() per vector.
        return WeightedBM25()


class SQLiteAutocompleteQueryCompiler(
    SQLiteQueryMixin, sqlite_backend.SQLiteAutocompleteQueryCompiler
):
    def is_prefix(self, term):
        return True


class SQLiteSearchBackend(RankedMatchesMixin, sqlite_backend.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = SQLiteIndex
