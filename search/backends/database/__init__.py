"""Wagtail's database search backend, fed with normalized Persian text on both sides.

Configure with ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.database"}}``.
Like Wagtail's own ``database`` backend, :func:`SearchBackend` picks the implementation by
database vendor: SQLite FTS5 or PostgreSQL full-text search.

Where we hook into modelsearch:

* Indexing: each vendor's ``ObjectIndexer.prepare_value`` turns a field's value into text; ours
  passes that text through :func:`search.normalization.index_text`. The vendor index classes
  build their indexer by the module-level name ``ObjectIndexer`` inside ``add_items`` and offer
  no attribute to swap it, so we use their ``add_items`` code as is with that one name bound to
  our indexer (``tests/search/test_backend.py`` fails loudly if an upgrade changes this).
* Querying: the query compilers' ``build_search_query_content`` (SQLite) and
  ``build_tsquery_content`` (PostgreSQL) turn a plain-text or phrase query into the engine's
  syntax. Ours normalize the query string first and keep only word tokens, so FTS5 and
  tsquery operators typed by a user (``"``, ``*``, ``NEAR(``, ``OR``, ``&``, ``!``) are plain
  words, never syntax. Terms of three letters or more match as prefixes, which finds Persian
  words with attached suffixes (شهردار → شهرداری، شهرداران).
* Ranking: PostgreSQL already weights the title above the body (``Page.title`` has
  ``boost=2``, mapped to weight A). SQLite's upstream rank gives every column the same
  weight; ours gives FTS5's ``bm25()`` a higher weight for the title column.
"""

from django.db import connection

_fts_ready = False


def _sqlite_fts_ready():
    # Checked once per process when true, as modelsearch does; the check costs a query.
    global _fts_ready
    if not _fts_ready:
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        _fts_ready = fts5_available() and fts_table_exists()
    return _fts_ready


def SearchBackend(params):  # modelsearch looks the backend up by this name
    """The normalizing backend for the ``default`` database's vendor."""
    # The vendor modules can only be imported on their own vendor (modelsearch's models differ).
    if connection.vendor == "postgresql":
        from .postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    if connection.vendor == "sqlite" and _sqlite_fts_ready():
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    raise NotImplementedError(
        f"search.backends.database supports SQLite with FTS5 and PostgreSQL, not {connection.vendor}."
    )
