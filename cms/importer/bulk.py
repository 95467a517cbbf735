"""Bulk mode: new published pages written in batched INSERTs, to the same end state.

Wagtail's path (``add_child``, ``save_revision``, ``publish``) saves each page three times,
validates it three times and runs a dozen queries per page, about 40 ms a page. For a
first import of tens of thousands of items this writes the same rows in batches: the page
(tree path under its section), its revision, its tags, the "created" and "published" log
entries, and then sends ``page_published`` for every page as publishing does, so caches,
followers and the search sync hear of it, and adds the pages' reference index rows.
Validation is the importer's own ``full_clean``, done before anything is written; the
search index is filled after, with the other pages of the import.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published

from cms.models.base import PageTag

from .validation import CREATE

BATCH = 500


def can_bulk_create(item, action):
    """Whether ``item`` is a new published page whose relations are written by the batch.

    Laws that point at other laws and budgets with lines take the page-by-page path: their
    targets and child rows need saved pages.
    """
    return (
        action == CREATE
        and item.live
        and not item.amends
        and not item.repealed_by
        and not item.lines
        and item.type != "budget"
    )


def create_published(parent, pages):
    """Add ``pages`` (prepared, relations filled, of one model) as live children of ``parent``.

    Returns ``{page: revision}``; the caller's transaction makes it all or nothing.
    """
    if not pages:
        return {}
    now = timezone.now()
    step = _next_step(parent)
    for offset, page in enumerate(pages):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, step + offset)
        page.numchild = 0
        page.set_url_path(parent)
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.latest_revision_created_at = now
    _insert_pages(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)
    revisions = _create_revisions(pages, now)
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=BATCH)
    PageTag.objects.bulk_create(
        [_tagged(page, tagged) for page in pages for tagged in page.tagged_items.all()],
        batch_size=BATCH,
    )
    _log(pages, revisions, now)
    _index_references(pages)
    for page in pages:
        page_published.send(sender=type(page), instance=page, revision=revisions[page])
    return revisions


def _next_step(parent):
    last = parent.get_last_child()
    return Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1


def _insert_pages(pages):
    """One INSERT per batch and table of the model's multi-table chain (Page, then its own).

    ``bulk_create`` refuses multi-table models, so this is what it would do per table:
    Page rows returning their ids, then the specific rows keyed by them.
    """
    model = type(pages[0])
    page_fields = [field for field in Page._meta.local_concrete_fields if not field.primary_key]
    own_fields = model._meta.local_concrete_fields
    for start in range(0, len(pages), BATCH):
        batch = pages[start : start + BATCH]
        rows = Page.objects._insert(
            batch, fields=page_fields, returning_fields=[Page._meta.pk], using=connection.alias
        )
        for page, (pk,) in zip(batch, rows, strict=True):
            page.id = page.page_ptr_id = pk
        model._base_manager._insert(batch, fields=own_fields, using=connection.alias)


def _create_revisions(pages, now):
    base_type = ContentType.objects.get_for_model(Page)
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                content=page.serializable_data(),
                object_str=str(page),
                created_at=now,
            )
            for page in pages
        ],
        batch_size=BATCH,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
    return dict(zip(pages, revisions, strict=True))


def _index_references(pages):
    """The rows ``ReferenceIndex.create_or_update_for_object`` adds for a new page, batched.

    A new page has no rows to compare with or delete, so this is its creating half only.
    """
    model = type(pages[0])
    if model not in ReferenceIndex.tracked_models:
        return
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base_type = ContentType.objects.get_for_model(Page)
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_type,
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ],
        batch_size=BATCH,
    )


def _tagged(page, tagged):
    tagged.content_object_id = page.pk
    return tagged


def _log(pages, revisions, now):
    """The entries Wagtail writes on creating and on publishing a page, by the same context."""
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(type(pages[0]), for_concrete_model=False)
    entries = []
    for page in pages:
        common = {
            "page": page,
            "content_type": content_type,
            "label": page.get_admin_display_title(),
            "timestamp": now,
            "uuid": context.uuid,
            "content_changed": True,
            "data": {},
        }
        entries.append(
            PageLogEntry(action="wagtail.create", user=page.owner or context.user, **common)
        )
        entries.append(
            PageLogEntry(
                action="wagtail.publish", user=context.user, revision=revisions[page], **common
            )
        )
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH)
