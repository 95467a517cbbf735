"""The PostgreSQL variant: normalized index text and tokenized tsqueries, "simple" config."""

from modelsearch.backends.database.postgres import postgres as postgres_backend
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Phrase, PlainText

from search.normalization import tokens

from .common import MatchingMixin, NormalizingIndexerMixin, add_items_with_indexer, is_prefix_term


class PostgresObjectIndexer(NormalizingIndexerMixin, postgres_backend.ObjectIndexer):
    pass


class PostgresIndex(postgres_backend.PostgresIndex):
    add_items = add_items_with_indexer(
        postgres_backend.PostgresIndex.add_items, PostgresObjectIndexer
    )


class PostgresQueryMixin:
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            terms = tokens(query.query_string)
            if not terms:
                return postgres_backend.SearchQuery("", search_type="plain", config=config)
            lexemes = None
            for term in terms:
                lexeme = Lexeme(term, invert=invert, prefix=self.is_prefix(term))
                if lexemes is None:
                    lexemes = lexeme
                elif query.operator.lower() == "and":
                    lexemes &= lexeme
                else:
                    lexemes |= lexeme
            return postgres_backend.SearchQuery(lexemes, search_type="raw", config=config)
        if isinstance(query, Phrase):
            return postgres_backend.SearchQuery(
                " ".join(tokens(query.query_string)), search_type="phrase", config=config
            )
        return super().build_tsquery_content(query, config=config, invert=invert)

    def is_prefix(self, term):
        return is_prefix_term(term)


class PostgresSearchQueryCompiler(PostgresQueryMixin, postgres_backend.PostgresSearchQueryCompiler):
    pass


class PostgresAutocompleteQueryCompiler(
    PostgresQueryMixin, postgres_backend.PostgresAutocompleteQueryCompiler
):
    def is_prefix(self, term):
        return True


class PostgresSearchBackend(MatchingMixin, postgres_backend.PostgresSearchBackend):
    query_compiler_class = PostgresSearchQueryCompiler
    autocomplete_query_compiler_class = PostgresAutocompleteQueryCompiler
    index_class = PostgresIndex

    def __init__(self, params):
        # Normalized text needs no language stemmer, and "simple" treats Persian and English
        # alike; the database's default configuration is usually English.
        super().__init__({"SEARCH_CONFIG": "simple", **params})
