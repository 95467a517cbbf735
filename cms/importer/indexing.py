"""Search and reference indexing for bulk writes: once per object at the end, not per save.

Indexing each page as it is saved costs a round of index work per save (and, on SQLite,
work that grows with the index), which makes large imports quadratic. Wagtail's reference
index (what the admin's "usage" shows) is likewise rebuilt on each of the three saves a
published page takes; once, for the final state, gives the same rows.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler


@contextmanager
def indexing_deferred(models):
    """Inside the block, saves are only noted; at its end they are indexed in bulk.

    Saves of ``models`` go to the search index, saves of anything Wagtail tracks references
    for to the reference index. The block gets ``note(model, pks)`` for pages written
    without ``save()``, to be indexed for search (their writer records their references).
    Indexing happens inside the caller's transaction, as Wagtail's own
    does, so a rollback takes it back too.
    """
    # Imported here: the module looks models up on import, and this package loads with them.
    from wagtail.signal_handlers import disable_reference_index_auto_update

    searched = defaultdict(set)
    saved = defaultdict(set)

    def note(model, pks):
        searched[model].update(pks)

    def note_save(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)
            if sender in models:
                searched[sender].add(instance.pk)

    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(note_save, weak=False, dispatch_uid="importer.note_save")
    try:
        with disable_reference_index_auto_update():
            yield note
    finally:
        post_save.disconnect(dispatch_uid="importer.note_save")
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    index_in_bulk(searched)
    update_references(saved)


def index_in_bulk(saved):
    """Add ``{model: pks}`` to every search backend that updates automatically."""
    for model, pks in saved.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


def update_references(saved):
    """Rebuild the reference index of ``{model: pks}``, for the models Wagtail tracks."""
    for model, pks in saved.items():
        if model in ReferenceIndex.tracked_models:
            for instance in model._default_manager.filter(pk__in=pks).iterator(chunk_size=500):
                ReferenceIndex.create_or_update_for_object(instance)
