"""Filling the Elasticsearch index: documents from pages, full rebuilds, and per-page syncs.

A rebuild writes a new index ``<alias>-<timestamp>``, then moves the alias to it in one
atomic ``update_aliases`` call and deletes the indices it left: searches never see a half
built index, and a failed rebuild leaves the old one serving.
"""

from django.db.models import prefetch_related_objects
from django.utils import timezone
from elasticsearch.helpers import streaming_bulk
from wagtail.models import Page

from cms.models import PageTag, ProjectPage
from search.content import (
    attached_documents_relation,
    attached_documents_text,
    display_date,
    jalali_year,
    page_texts,
    related_search_fields,
    related_texts,
    type_name,
)
from search.normalization import index_text

from . import get_client, index_alias
from .documents import PageDocument

CHUNK_SIZE = 500


def _autocomplete_texts(page):
    return [
        str(field.get_value(page) or "") for field in type(page).get_autocomplete_search_fields()
    ]


def page_document(page, tags=()):
    """The document of a specific page, its text normalized as the database backend indexes it."""
    district = getattr(page, "district", None) if isinstance(page, ProjectPage) else None
    date = display_date(page)
    return PageDocument(
        meta={"id": page.pk},
        page_id=page.pk,
        type=type_name(type(page)),
        language=page.locale.language_code,
        title=index_text(page.title),
        # Tags, related objects (a poll's choices) and attached documents' text are body text
        # in the database index too.
        body=index_text(
            " ".join(
                [
                    *page_texts(page),
                    *related_texts(page),
                    *sorted(tags),
                    attached_documents_text(page),
                ]
            )
        ),
        suggest=index_text(" ".join(_autocomplete_texts(page))),
        tags=sorted(tags),
        year=jalali_year(date, getattr(page, "fiscal_year", None)),
        district=district.number if district else None,
        district_name=district.name if district else None,
        date=date,
    )


def _tags_by_page(pks):
    tags = {}
    rows = PageTag.objects.filter(content_object_id__in=pks).values_list(
        "content_object_id", "tag__name"
    )
    for page_id, name in rows:
        tags.setdefault(page_id, []).append(name)
    return tags


def _prefetch_related_texts(pages):
    by_type = {}
    for page in pages:
        by_type.setdefault(type(page), []).append(page)
    for model, same_type in by_type.items():
        relations = [relation for relation, _fields in related_search_fields(model)]
        attached = attached_documents_relation(model)
        if attached:
            relations.append(f"{attached}__document")
        if relations:
            prefetch_related_objects(same_type, *relations)


def documents(pages):
    """Documents for a chunk of specific pages: a few queries whatever its size.

    Locales, tags and districts take one query each, and each page type with indexed related
    objects (polls and their choices, attached documents) one per relation.
    """
    pages = list(pages)
    prefetch_related_objects(pages, "locale")
    prefetch_related_objects([p for p in pages if isinstance(p, ProjectPage)], "district")
    _prefetch_related_texts(pages)
    tags = _tags_by_page([page.pk for page in pages])
    return [page_document(page, tags.get(page.pk, ())) for page in pages]


def searchable_chunks(chunk_size=CHUNK_SIZE, pks=None):
    """Every searchable page (or those of ``pks``), specific, ``chunk_size`` at a time."""
    from search.services import searchable_pages

    pages = searchable_pages().order_by("pk")
    if pks is not None:
        pages = pages.filter(pk__in=pks)
    last_pk = 0
    while True:
        chunk = list(pages.filter(pk__gt=last_pk)[:chunk_size].specific())
        if not chunk:
            return
        yield chunk
        last_pk = chunk[-1].pk


def count_searchable():
    from search.services import searchable_pages

    return searchable_pages().count()


def _index_actions(index_name, chunk_size):
    for chunk in searchable_chunks(chunk_size):
        for document in documents(chunk):
            yield {**document.to_dict(include_meta=True), "_index": index_name}


def new_index_name(alias=None):
    return f"{alias or index_alias()}-{timezone.now():%Y%m%d%H%M%S%f}"


def rebuild(client=None, chunk_size=CHUNK_SIZE, progress=None):
    """Index every searchable page into a new index, then point the alias at it.

    ``progress(done, total)`` is called after every chunk. Returns the number of documents.
    """
    client = client or get_client()
    alias = index_alias()
    name = new_index_name(alias)
    PageDocument.index_for(name).create(using=client)
    total = count_searchable()
    done = 0
    try:
        for ok, item in streaming_bulk(
            client, _index_actions(name, chunk_size), chunk_size=chunk_size
        ):
            if not ok:
                raise RuntimeError(f"Elasticsearch refused a document: {item}")
            done += 1
            if progress and (done % chunk_size == 0 or done == total):
                progress(done, total)
        client.indices.refresh(index=name)
        swap_alias(client, alias, name)
    except BaseException:
        client.indices.delete(index=name, ignore_unavailable=True)
        raise
    return done


def swap_alias(client, alias, name):
    """Point ``alias`` at index ``name`` alone, atomically, and delete the indices it leaves."""
    old = []
    if client.indices.exists_alias(name=alias):
        old = [index for index in client.indices.get_alias(name=alias) if index != name]
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for index in old:
        client.indices.delete(index=index, ignore_unavailable=True)


def sync_pages(page_ids, client=None):
    """Index the pages of ``page_ids`` that are searchable; remove the others from the index.

    Returns ``{"indexed": n, "removed": m}``. Safe to repeat, whatever happened to the pages.
    """
    client = client or get_client()
    alias = index_alias()
    page_ids = {int(pk) for pk in page_ids}
    actions = []
    indexed = set()
    for chunk in searchable_chunks(pks=page_ids):
        for document in documents(chunk):
            indexed.add(document.page_id)
            actions.append({**document.to_dict(include_meta=True), "_index": alias})
    removed = page_ids - indexed
    actions += [{"_op_type": "delete", "_index": alias, "_id": pk} for pk in sorted(removed)]
    for ok, item in streaming_bulk(client, actions, raise_on_error=False):
        if not ok and item.get("delete", {}).get("status") != 404:
            raise RuntimeError(f"Elasticsearch refused an update: {item}")
    return {"indexed": len(indexed), "removed": len(removed)}


def page_and_descendant_ids(page):
    """Ids of ``page`` and every page below it (a view restriction covers them all)."""
    return list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
