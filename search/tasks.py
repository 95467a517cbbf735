"""Background work of search: keeping the Elasticsearch index in line with published pages."""

from django_tasks import task


@task()
def sync_pages(page_ids):
    """Index the given pages if they are live and public, remove them from the index if not."""
    from search.backends.elasticsearch import indexing

    return indexing.sync_pages(page_ids)
