"""The SQLite FTS5 variant: normalized index text, tokenized queries, title-weighted bm25()."""

from django.db.models import FloatField, Func
from modelsearch.backends.database.sqlite import sqlite as sqlite_backend
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.conf import get_app_config
from modelsearch.query import Phrase, PlainText

from search.normalization import tokens

from .common import MatchingMixin, NormalizingIndexerMixin, add_items_with_indexer, is_prefix_term

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


class SQLiteQueryMixin:
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            terms = tokens(query.query_string)
            if not terms:
                # An empty phrase matches nothing, which is what a query of punctuation means.
                return SearchQueryExpression("")
            lexemes = None
            for term in terms:
                lexeme = Lexeme(term, prefix=self.is_prefix(term))
                if lexemes is None:
                    lexemes = lexeme
                elif query.operator.upper() == "AND":
                    lexemes &= lexeme
                else:
                    lexemes |= lexeme
            return SearchQueryExpression(lexemes, config=config)
        if isinstance(query, Phrase):
            return SearchQueryExpression(" ".join(tokens(query.query_string)))
        return super().build_search_query_content(query, config=config)

    def is_prefix(self, term):
        return is_prefix_term(term)


class SQLiteSearchQueryCompiler(SQLiteQueryMixin, sqlite_backend.SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        # One bm25() over the whole MATCH; upstream sums the same unweighted bm25() per vector.
        return WeightedBM25()


class SQLiteAutocompleteQueryCompiler(
    SQLiteQueryMixin, sqlite_backend.SQLiteAutocompleteQueryCompiler
):
    def is_prefix(self, term):
        return True


class SQLiteSearchBackend(MatchingMixin, sqlite_backend.SQLiteSearchBackend):
    query_compiler_class = SQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = SQLiteAutocompleteQueryCompiler
    index_class = SQLiteIndex
