"""Publishing, unpublishing, deleting or restricting a page queues a sync of the search index.

Only the Elasticsearch index needs this: Wagtail keeps the database index up to date itself.
The handlers are always connected and do nothing unless ``ELASTICSEARCH_URL`` is set, so
turning Elasticsearch on needs no restart beyond the settings change. Syncs are enqueued
after the transaction commits, so a worker reads what was committed.

Saving a document is the exception: its text is indexed with the pages that attach it, which
Wagtail does not know, so those pages are re-indexed in the database index and synced.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished

from search import tasks
from search.backends import elasticsearch


def queue_sync(page_ids):
    """Enqueue ``sync_pages`` for ``page_ids`` once the current transaction commits."""
    if not elasticsearch.is_configured():
        return
    ids = sorted({int(pk) for pk in page_ids})
    if ids:
        transaction.on_commit(lambda: tasks.sync_pages.enqueue(ids))


def page_changed(sender, instance, **kwargs):
    queue_sync([instance.pk])


def page_deleted(sender, instance, **kwargs):
    # Deleting a specific page deletes its Page row too; one sync per page is enough.
    if type(instance) is Page or not isinstance(instance, Page):
        return
    queue_sync([instance.pk])


def restriction_changed(sender, instance, **kwargs):
    if not elasticsearch.is_configured():
        return
    from search.backends.elasticsearch.indexing import page_and_descendant_ids

    # Looked up by id: when the page itself is being deleted, it may be gone already.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        queue_sync(page_and_descendant_ids(page))


def document_saved(sender, instance, created, **kwargs):
    if created:
        return  # attached only once saved, and attaching saves the page, which re-indexes it
    from search.content import pages_attaching
    from search.services import searchable_pages

    page_ids = pages_attaching(instance)
    if not page_ids:
        return

    def reindex():
        for page in searchable_pages().filter(pk__in=page_ids).specific():
            index.insert_or_update_object(page)

    transaction.on_commit(reindex)
    queue_sync(page_ids)


def connect():
    page_published.connect(page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(page_changed, dispatch_uid="search.page_unpublished")
    post_delete.connect(page_deleted, dispatch_uid="search.page_deleted")
    post_save.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved"
    )
    post_delete.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted"
    )
    post_save.connect(
        document_saved, sender=get_document_model(), dispatch_uid="search.document_saved"
    )
