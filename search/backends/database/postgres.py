"""The PostgreSQL variant: normalized index text and tokenized tsqueries, "simple" config."""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery
from modelsearch.backends.database.postgres import postgres as postgres_backend
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import Phrase, PlainText

from search.normalization import query_terms, tokens

from .common import MatchingMixin, NormalizingIndexerMixin, add_items_with_indexer, is_prefix_term


class PostgresObjectIndexer(NormalizingIndexerMixin, postgres_backend.ObjectIndexer):
    pass


class PostgresIndex(postgres_backend.PostgresIndex):
    add_items = add_items_with_indexer(
        postgres_backend.PostgresIndex.add_items, PostgresObjectIndexer
    )


def _combine(lexemes, use_and):
    return reduce(operator.and_ if use_and else operator.or_, lexemes)


class PostgresQueryMixin:
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            # Under a Not, every lexeme is inverted and, by De Morgan, AND and OR swap.
            use_and = (query.operator.lower() == "and") != invert
            groups = [
                self.word_or_parts(word, parts, invert)
                for word, parts in query_terms(query.query_string)
            ]
            if not groups:
                # No words (only punctuation): an empty query, which matches nothing.
                return SearchQuery("", search_type="plain", config=config)
            return SearchQuery(_combine(groups, use_and), search_type="raw", config=config)
        if isinstance(query, Phrase):
            return SearchQuery(
                " ".join(tokens(query.query_string)), search_type="phrase", config=config
            )
        return super().build_tsquery_content(query, config=config, invert=invert)

    def word_or_parts(self, word, parts, invert):
        """The word, or (for a joined word) the word or all of its parts."""
        whole = Lexeme(word, invert=invert, prefix=self.is_prefix(word))
        if not parts:
            return whole
        pieces = [Lexeme(part, invert=invert, prefix=self.is_prefix(part)) for part in parts]
        return _combine([whole, _combine(pieces, not invert)], invert)

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
