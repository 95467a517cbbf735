"""Snippets of a result's own text around the words that matched, with ``<mark>``.

Matching happens on normalized words (so "شوراي" in the text is marked for the query
"شورای"), while the snippet shows the original text, escaped.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.backends.database.common import is_prefix_term
from search.normalization import index_text, normalize

# A word as written: letters and digits with the marks, tatweel and joiners inside it.
_WRITTEN_WORD = re.compile(
    r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640\u200b-\u200d\u2060\u00ad\ufeff])+"
)
_JOINERS = re.compile("[\u200b-\u200d\u2060\u00ad\ufeff]")

SNIPPET_WORDS = 30
WORDS_BEFORE_MATCH = 8


def highlight_terms(query):
    """The normalized terms to mark for ``query``: its words and the parts of joined ones."""
    return set(index_text(query).split())


def _matches(word, terms):
    forms = {normalize(word), *(normalize(part) for part in _JOINERS.split(word))}
    forms.discard("")
    for term in terms:
        for form in forms:
            if form == term or (is_prefix_term(term) and form.startswith(term)):
                return True
    return False


def snippet(texts, terms, words=SNIPPET_WORDS):
    """HTML: the first of ``texts`` with a match, cut around it, matches in ``<mark>``.

    Without any match, the start of the first non-empty text. Everything else is escaped.
    """
    texts = [text for text in texts if text and text.strip()]
    if not texts:
        return ""
    for text in texts:
        spans = [m.span() for m in _WRITTEN_WORD.finditer(text)]
        marked = [i for i, (start, end) in enumerate(spans) if _matches(text[start:end], terms)]
        if marked:
            return _render(
                text, spans, set(marked), first=max(0, marked[0] - WORDS_BEFORE_MATCH), words=words
            )
    text = texts[0]
    spans = [m.span() for m in _WRITTEN_WORD.finditer(text)]
    return _render(text, spans, set(), first=0, words=words)


def _render(text, spans, marked, first, words):
    if not spans:
        return mark_safe(escape(text[:200]))  # noqa: S308 -- escaped
    last = min(len(spans), first + words) - 1
    parts = ["…"] if first > 0 else []
    position = spans[first][0]
    for index in range(first, last + 1):
        start, end = spans[index]
        parts.append(escape(text[position:start]))
        word = escape(text[start:end])
        parts.append(f"<mark>{word}</mark>" if index in marked else word)
        position = end
    if last < len(spans) - 1:
        parts.append("…")
    else:
        parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 -- every piece of text is escaped
