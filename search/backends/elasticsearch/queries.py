"""The search and suggest requests, as ``elasticsearch.dsl`` Searches, and their responses read.

Matching follows the database backend (:mod:`search.backends.database`): every word of the
query must match; a word joined by a half-space matches whole or as all of its parts; words
of three letters or more (not numbers) match as prefixes. It runs on the ``.all`` sub-fields,
which keep stop words, so a stop word in the query must be in the page as it must there.
Scoring adds the ordinary fields (title above body, stop words left out); ties go to the
higher page id, as PostgreSQL orders them.

Facets mirror ``search.services``: counted over the filtered matches (one language's pages
only), in the same order.
"""

from elasticsearch.dsl import Q, Search

from search.backends.database.common import is_prefix_term
from search.content import TYPE_NAMES, model_for_type, type_label
from search.normalization import query_terms

from .documents import TITLE_BOOST

MATCH_FIELDS = [f"title.all^{TITLE_BOOST}", "body.all"]
SCORE_FIELDS = [f"title^{TITLE_BOOST}", "body"]
TYPE_FACET_SIZE = 50
YEAR_FACET_SIZE = 200
DISTRICT_FACET_SIZE = 200


def _term(term):
    """One word: matched on every word (as a prefix when long enough), scored without stop words."""
    kind = "bool_prefix" if is_prefix_term(term) else "best_fields"
    return Q(
        "bool",
        must=[Q("multi_match", query=term, type=kind, fields=MATCH_FIELDS, operator="and")],
        should=[Q("multi_match", query=term, fields=SCORE_FIELDS)],
    )


def _word(word, parts):
    if not parts:
        return _term(word)
    return Q(
        "bool",
        should=[_term(word), Q("bool", must=[_term(part) for part in parts])],
        minimum_should_match=1,
    )


def text_query(query):
    """The query for a search text: all of its words (or a query matching nothing)."""
    words = [_word(word, parts) for word, parts in query_terms(query)]
    if not words:
        return Q("match_none")
    return Q("bool", must=words)


def filters(params):
    """Term filters for the language and the facets chosen in ``params``."""
    chosen = [Q("term", language=params.language)]
    if params.type:
        chosen.append(Q("term", type=params.type))
    if params.tag:
        chosen.append(Q("term", tags=params.tag))
    if params.year:
        chosen.append(Q("term", year=params.year))
    if params.district is not None:
        chosen.append(Q("term", district=params.district))
    return chosen


def search_request(params, page_size, index, tag_facet_size):
    """One page of hits for ``params``, the total and the four facets, as one request."""
    start = (params.page - 1) * page_size
    search = (
        Search(index=index)
        .query(Q("bool", must=[text_query(params.query)], filter=filters(params)))
        .sort({"_score": {"order": "desc"}}, {"page_id": {"order": "desc"}})
        .source(False)
        .extra(track_total_hits=True)
    )[start : start + page_size]
    search.aggs.bucket("type", "terms", field="type", size=TYPE_FACET_SIZE)
    search.aggs.bucket(
        "tag",
        "terms",
        field="tags",
        size=tag_facet_size,
        order=[{"_count": "desc"}, {"_key": "asc"}],
    )
    search.aggs.bucket("year", "terms", field="year", size=YEAR_FACET_SIZE, order={"_key": "desc"})
    search.aggs.bucket(
        "district", "terms", field="district", size=DISTRICT_FACET_SIZE, order={"_key": "asc"}
    ).bucket("name", "terms", field="district_name", size=1)
    return search


def suggest_request(query, limit, index, language):
    """Pages in ``language`` whose autocomplete text has words starting like every word of
    ``query``."""
    words = [Q("match_bool_prefix", suggest=word) for word, _parts in query_terms(query)] or [
        Q("match_none")
    ]
    return (
        Search(index=index)
        .query(Q("bool", must=words, filter=[Q("term", language=language)]))
        .sort({"_score": {"order": "desc"}}, {"page_id": {"order": "desc"}})
        .source(False)
    )[:limit]


def _buckets(response, name):
    return response.get("aggregations", {}).get(name, {}).get("buckets", [])


def _type_label(name):
    model = model_for_type(name)
    return str(type_label(model)) if model else name


def read_search(response):
    """``(page ids best first, total, facets)`` from a search response as a dict.

    Facets are ``{"type"|"tag"|"year"|"district": [(value, label, count), …]}`` in the order
    ``search.services`` gives them: types in site order, tags by count, years newest first,
    districts by number.
    """
    hits = response.get("hits", {})
    ids = [int(hit["_id"]) for hit in hits.get("hits", [])]
    total = hits.get("total", {})
    count = total.get("value", 0) if isinstance(total, dict) else int(total or 0)
    order = list(TYPE_NAMES.values())
    types = [
        (bucket["key"], _type_label(bucket["key"]), bucket["doc_count"])
        for bucket in _buckets(response, "type")
    ]
    types.sort(key=lambda t: (order.index(t[0]) if t[0] in order else len(order), -t[2]))
    tags = [(b["key"], b["key"], b["doc_count"]) for b in _buckets(response, "tag")]
    years = [(str(b["key"]), str(b["key"]), b["doc_count"]) for b in _buckets(response, "year")]
    districts = []
    for bucket in _buckets(response, "district"):
        names = bucket.get("name", {}).get("buckets", [])
        label = names[0]["key"] if names else str(bucket["key"])
        districts.append((str(bucket["key"]), label, bucket["doc_count"]))
    return ids, count, {"type": types, "tag": tags, "year": years, "district": districts}


def read_ids(response):
    """Page ids of a response's hits, best first."""
    return [int(hit["_id"]) for hit in response.get("hits", {}).get("hits", [])]


def run(client, search):
    """The response of ``search`` as a plain dict (what :func:`read_search` reads)."""
    return client.search(index=search._index, body=search.to_dict()).body
