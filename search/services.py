"""Site search: live public pages matching a query, one page of hits and facet counts.

A search looks only at pages in one language (their locale): a reader of the Persian site is
never offered English titles, nor counted them in the facets.

The number of database queries does not depend on how many pages match: one that matches
and ranks (it gives the count too), one for the hits, one per page type among them
(``specific()``) and one per facet, which read the matched ids rather than searching again.
"""

import dataclasses
import datetime
import json
import unicodedata
from collections import Counter

from django.apps import apps
from django.conf import settings
from django.db.models import BooleanField, Count, F, Func
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.models import PageTag
from search.backends import elasticsearch
from search.content import (
    TYPE_NAMES,
    annotate_content_dates,
    display_date,
    jalali_year,
    jalali_year_filter,
    model_for_type,
    page_texts,
    type_label,
    type_name,
)
from search.highlight import highlight_terms, snippet
from search.normalization import normalize, tokens

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
PAGE_SIZE = 10
TAG_FACET_SIZE = 20
SUGGESTIONS = 8
JALALI_YEARS = range(1300, 1500)


class InvalidSearch(ValueError):
    """A search request we refuse, with a message for the person who sent it."""


def _clean(value):
    # Control characters (NUL in particular, which PostgreSQL refuses) are never meant.
    text = "".join(ch for ch in str(value or "") if unicodedata.category(ch) != "Cc" or ch == " ")
    return text.strip()


def _number(value, name):
    digits = normalize(value)
    if not digits.isascii() or not digits.isdigit():
        raise InvalidSearch(_("“%(name)s” must be a number.") % {"name": name})
    return int(digits)


def site_language():
    """The language a search is in when nothing says otherwise: the site's default."""
    return settings.LANGUAGE_CODE


def search_language(code):
    """The site language ``code`` names (``fa``, ``en``; ``en-GB`` is ``en``); InvalidSearch if none."""
    code = _clean(code).lower()
    try:
        return translation.get_supported_language_variant(code) if code else site_language()
    except LookupError:
        choices = ", ".join(code for code, _name in settings.LANGUAGES)
        raise InvalidSearch(
            _("Unknown language “%(lang)s”; choose one of %(choices)s.")
            % {"lang": code, "choices": choices}
        ) from None


@dataclasses.dataclass(frozen=True)
class SearchParams:
    """A validated search request: the query, its language and the filters chosen from the facets.

    ``language`` is the locale of the pages searched: the site's language on the search page
    (``/search/`` Persian, ``/en/search/`` English), ``?lang=`` in the API.
    """

    query: str = ""
    language: str = dataclasses.field(default_factory=site_language)
    type: str = ""
    tag: str = ""
    year: int | None = None
    district: int | None = None
    page: int = 1

    FILTERS = ("type", "tag", "year", "district")

    @classmethod
    def from_querydict(cls, data, language=None):
        """Read ``q``, ``type``, ``tag``, ``year``, ``district`` and ``page``; InvalidSearch if bad.

        The language is ``language`` when given, else ``lang`` (the site's default if absent).
        """
        language = search_language(language or data.get("lang"))
        query = _clean(data.get("q"))
        if len(query) > MAX_QUERY_LENGTH:
            raise InvalidSearch(
                _("The search text is too long (at most %(max)d characters).")
                % {"max": MAX_QUERY_LENGTH}
            )
        type_ = _clean(data.get("type"))
        if type_ and model_for_type(type_) is None:
            raise InvalidSearch(_("Unknown content type “%(type)s”.") % {"type": type_})
        tag = _clean(data.get("tag"))[:100]
        year = _clean(data.get("year"))
        year = _number(year, "year") if year else None
        if year is not None and year not in JALALI_YEARS:
            raise InvalidSearch(_("The year must be a Jalali year such as 1403."))
        district = _clean(data.get("district"))
        district = _number(district, "district") if district else None
        page = _clean(data.get("page"))
        page = _number(page, "page") if page else 1
        if not 1 <= page <= MAX_PAGE:
            raise InvalidSearch(_("The page number is out of range."))
        return cls(
            query=query,
            language=language,
            type=type_,
            tag=tag,
            year=year,
            district=district,
            page=page,
        )

    @property
    def has_words(self):
        return bool(tokens(self.query))

    def filters(self):
        """The chosen filters, ``{name: value}``, without the empty ones."""
        chosen = {name: getattr(self, name) for name in self.FILTERS}
        return {name: value for name, value in chosen.items() if value not in (None, "")}


@dataclasses.dataclass
class Hit:
    page: Page
    type: str
    type_label: str
    title: str
    url: str
    snippet: str
    date: datetime.date | None

    def as_json(self):
        return {
            "id": self.page.pk,
            "type": self.type,
            "title": self.title,
            "url": self.url,
            "snippet": str(self.snippet),
            "date": self.date.isoformat() if self.date else None,
        }


@dataclasses.dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclasses.dataclass
class SearchOutcome:
    params: SearchParams
    count: int
    hits: list
    facets: dict
    page_size: int = PAGE_SIZE

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.page_size))

    def facets_json(self):
        return {
            name: {value.value: value.count for value in values}
            for name, values in self.facets.items()
        }


def searchable_pages():
    """Every page a visitor may find: live, public, not the tree's root."""
    return Page.objects.live().public().filter(depth__gt=1)


def in_language(pages, language):
    """``pages`` limited to those in ``language`` (a code of ``settings.LANGUAGES``).

    As a subquery on ``id``: the search backends accept filters on indexed fields only, and
    ``locale`` is one only by its id, which would cost a query to look up.
    """
    return pages.filter(id__in=Page.objects.filter(locale__language_code=language).values("pk"))


def _filtered_pages(params):
    pages = searchable_pages()
    chosen = Page.objects.filter(locale__language_code=params.language)
    if params.type:
        model = model_for_type(params.type)
        chosen = chosen.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
    if params.tag:
        chosen = chosen.filter(tagged_items__tag__name=params.tag)
    if params.year:
        chosen = annotate_content_dates(chosen).filter(jalali_year_filter(params.year))
    if params.district is not None:
        chosen = chosen.filter(projectpage__district__number=params.district)
    # The search backend only accepts filters on indexed fields; ``id`` is one.
    return pages.filter(id__in=chosen.values("pk"))


class InIds(Func):
    """``column IN ids`` with the ids as one parameter, however many there are.

    A plain ``__in`` sends one parameter per id, which SQLite caps and both databases parse
    slowly for thousands; an array (PostgreSQL) or a JSON list (SQLite) is a single value.
    """

    output_field = BooleanField()

    def __init__(self, field, ids):
        super().__init__(F(field))
        self.ids = [int(pk) for pk in ids]

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        sql = f"{column} IN (SELECT value FROM json_each(%s))"  # noqa: S608 -- ids are a parameter
        return sql, [*params, json.dumps(self.ids)]

    def as_postgresql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"{column} = ANY(%s::bigint[])", [*params, self.ids]


def _facets(matched_ids):
    """Counts by type, tag, Jalali year and district of the pages ``matched_ids``."""
    if not matched_ids:
        return {name: [] for name in SearchParams.FILTERS}
    type_rows = (
        Page.objects.filter(InIds("pk", matched_ids))
        .values("content_type__app_label", "content_type__model")
        .annotate(count=Count("pk"))
        .order_by()
    )
    order = list(TYPE_NAMES.values())
    types = []
    for row in type_rows:
        model = apps.get_model(row["content_type__app_label"], row["content_type__model"])
        types.append(FacetValue(type_name(model), str(type_label(model)), row["count"]))
    types.sort(key=lambda v: (order.index(v.value) if v.value in order else len(order), -v.count))

    tag_rows = (
        PageTag.objects.filter(InIds("content_object_id", matched_ids))
        .values("tag__name")
        .annotate(count=Count("content_object_id", distinct=True))
        .order_by("-count", "tag__name")[:TAG_FACET_SIZE]
    )
    tags = [FacetValue(row["tag__name"], row["tag__name"], row["count"]) for row in tag_rows]

    date_rows = (
        annotate_content_dates(Page.objects.filter(InIds("pk", matched_ids)))
        .values("content_date", "fiscal_year")
        .annotate(count=Count("pk"))
        .order_by()
    )
    year_counts = Counter()
    for row in date_rows:
        year = jalali_year(row["content_date"], row["fiscal_year"])
        if year:
            year_counts[year] += row["count"]
    years = [
        FacetValue(str(year), str(year), count)
        for year, count in sorted(year_counts.items(), reverse=True)
    ]

    district_rows = (
        Page.objects.filter(InIds("pk", matched_ids), projectpage__district__isnull=False)
        .values("projectpage__district__number", "projectpage__district__name")
        .annotate(count=Count("pk"))
        .order_by("projectpage__district__number")
    )
    districts = [
        FacetValue(
            str(row["projectpage__district__number"]),
            row["projectpage__district__name"],
            row["count"],
        )
        for row in district_rows
    ]
    return {"type": types, "tag": tags, "year": years, "district": districts}


def _hits(ids, params, request, pages=None):
    """Hits for the page ids ``ids`` in that order: one query, plus one per page type."""
    pages = Page.objects.all() if pages is None else pages
    by_pk = {page.pk: page for page in pages.filter(pk__in=ids).specific()}
    terms = highlight_terms(params.query)
    return [
        Hit(
            page=page,
            type=type_name(type(page)),
            type_label=str(type_label(type(page))),
            title=page.title,
            url=page.get_url(request=request),
            snippet=snippet(page_texts(page), terms),
            date=display_date(page),
        )
        for page in (by_pk[pk] for pk in ids if pk in by_pk)
    ]


def search_pages(params, request=None, page_size=PAGE_SIZE):
    """One page of live public pages matching ``params``, best first, with facet counts.

    Elasticsearch answers when ``ELASTICSEARCH_URL`` is set, the database otherwise; the
    outcome has the same shape either way.
    """
    if not params.has_words:
        return SearchOutcome(params, 0, [], {name: [] for name in SearchParams.FILTERS})
    if elasticsearch.is_configured():
        return _search_elasticsearch(params, request, page_size)
    backend = get_search_backend()
    matched_ids = backend.ranked_ids(params.query, _filtered_pages(params))
    start = (params.page - 1) * page_size
    hits = _hits(matched_ids[start : start + page_size], params, request)
    return SearchOutcome(params, len(matched_ids), hits, _facets(matched_ids), page_size)


def _search_elasticsearch(params, request, page_size):
    from search.backends.elasticsearch import queries

    request_ = queries.search_request(
        params, page_size, index=elasticsearch.index_alias(), tag_facet_size=TAG_FACET_SIZE
    )
    ids, count, facets = queries.read_search(queries.run(elasticsearch.get_client(), request_))
    # Pages are read through searchable_pages(), so an index that lags never shows a page
    # that was unpublished or made private a moment ago.
    hits = _hits(ids, params, request, pages=in_language(searchable_pages(), params.language))
    facets = {
        name: [FacetValue(value, label, count) for value, label, count in values]
        for name, values in facets.items()
    }
    return SearchOutcome(params, count, hits, facets, page_size)


def suggest(query, request=None, limit=SUGGESTIONS, language=None):
    """Titles of live public pages in ``language`` (the site's default if None) that start like
    ``query``, for autocompletion."""
    if not tokens(query):
        return []
    language = language or site_language()
    if elasticsearch.is_configured():
        pages = _suggest_elasticsearch(query, limit, language)
    else:
        pages = in_language(searchable_pages(), language)
        pages = get_search_backend().autocomplete(query, pages)[:limit]
    return [
        {
            "id": page.pk,
            "title": page.title,
            "url": page.get_url(request=request),
            "type": type_name(page.specific_class),
        }
        for page in pages
    ]


def _suggest_elasticsearch(query, limit, language):
    from search.backends.elasticsearch import queries

    request_ = queries.suggest_request(
        query, limit, index=elasticsearch.index_alias(), language=language
    )
    ids = queries.read_ids(queries.run(elasticsearch.get_client(), request_))
    pages = in_language(searchable_pages(), language)
    by_pk = {page.pk: page for page in pages.filter(pk__in=ids)}
    return [by_pk[pk] for pk in ids if pk in by_pk]
