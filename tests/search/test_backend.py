"""The normalizing backend is the one configured, and its hooks still fit modelsearch."""

import types

from django.db import connection
from wagtail.search.backends import get_search_backend

from search.backends.database.common import PREFIX_MIN_LENGTH, is_prefix_term


def test_the_configured_backend_is_ours_for_this_database(db):
    backend = get_search_backend()
    assert type(backend).__module__.startswith("search.backends.database")
    expected = {"sqlite": "SQLiteSearchBackend", "postgresql": "PostgresSearchBackend"}
    assert type(backend).__name__ == expected[connection.vendor]


def names_used(code):
    """Global names a code object uses, including in its comprehensions."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= names_used(const)
    return names


def test_upstream_add_items_still_builds_its_indexer_by_the_name_we_rebind(db):
    # Our index classes reuse upstream add_items with ``ObjectIndexer`` bound to our indexer;
    # if modelsearch renames or stops using that name, normalization of indexed text would stop.
    backend = get_search_backend()
    upstream = backend.index_class.__mro__[1].add_items
    assert upstream.__module__.startswith("modelsearch.")
    assert "ObjectIndexer" in names_used(upstream.__code__)
    assert backend.index_class.add_items.__globals__["ObjectIndexer"].__module__.startswith(
        "search."
    )


def test_numbers_and_short_words_are_never_prefixes():
    assert is_prefix_term("شهر")
    assert not is_prefix_term("1403")
    assert not is_prefix_term("ab"[: PREFIX_MIN_LENGTH - 1])
