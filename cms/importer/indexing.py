"""Search indexing for bulk writes: once per model at the end, not once per save.

Indexing each page as it is saved costs a round of index work per save (and, on SQLite,
work that grows with the index), which makes large imports quadratic.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler


@contextmanager
def indexing_deferred(models):
    """Inside the block, saves of ``models`` are only noted; at its end they are indexed in bulk.

    Indexing happens inside the caller's transaction, as Wagtail's own does, so a rollback
    takes it back too.
    """
    saved = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_save.connect(note, sender=model, weak=False)
    try:
        yield
    finally:
        for model in models:
            post_save.disconnect(note, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
    index_in_bulk(saved)


def index_in_bulk(saved):
    """Add ``{model: pks}`` to every search backend that updates automatically."""
    for model, pks in saved.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)
