"""The Persian analyzer: the folds of :mod:`search.normalization`, then Lucene's Persian filters.

Indexed text and queries reach Elasticsearch already normalized by Python, so the char filter
mostly restates those folds; it keeps the index right for text that skips Python (a document
indexed by another tool, a query typed into Kibana). ZWNJ and its look-alikes are removed,
joining the two parts as :func:`search.normalization.normalize` does; Python's ``index_text``
has already added the parts as words of their own.

After the char filter: ``lowercase``, ``decimal_digit`` (every script's digits to ASCII),
``arabic_normalization`` and ``persian_normalization`` (Lucene folds ی to ي inside the
index; queries are analyzed the same way, so that is invisible), then Persian stop words.
"""

from elasticsearch.dsl import analyzer, char_filter, token_filter

from search.normalization import BIDI_CONTROLS, JOINER, JOINER_LOOKALIKES, LETTER_FOLDS


def _escape(char):
    return f"\\u{ord(char):04X}"


def char_mappings():
    """Mapping rules (``"\\u064A=>\\u06CC"``) for every fold of :mod:`search.normalization`."""
    rules = [f"{_escape(src)}=>{_escape(dst) if dst else ''}" for src, dst in LETTER_FOLDS.items()]
    rules += [f"{_escape(char)}=>" for char in JOINER + JOINER_LOOKALIKES + BIDI_CONTROLS]
    return rules


persian_chars = char_filter("persian_chars", type="mapping", mappings=char_mappings())
persian_stop = token_filter("persian_stop", type="stop", stopwords="_persian_")

_FILTERS = ["lowercase", "decimal_digit", "arabic_normalization", "persian_normalization"]

#: For scoring: stop words (و, از, به, …) carry no weight.
persian = analyzer(
    "persian_text",
    tokenizer="standard",
    char_filter=[persian_chars],
    filter=[*_FILTERS, persian_stop],
)

#: For matching and completion: every word counts, as it does in the database backend.
persian_all_words = analyzer(
    "persian_all_words",
    tokenizer="standard",
    char_filter=[persian_chars],
    filter=_FILTERS,
)
