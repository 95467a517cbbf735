"""Rebuild the search index of the configured backends from the database."""

from django.core.management.base import BaseCommand, CommandError
from modelsearch.conf import get_app_config
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import (
    DEFAULT_CHUNK_SIZE,
    group_models_by_index,
)
from wagtail.search.backends import get_search_backend

from search.backends import elasticsearch

#: The name ``--backend`` takes for the Elasticsearch index (set by ``ELASTICSEARCH_URL``).
ELASTICSEARCH = "elasticsearch"


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database: every indexed model, in chunks, with "
        "progress and a count per model. With ELASTICSEARCH_URL set, also the Elasticsearch "
        "index, built anew and swapped in behind its alias, so searches go on meanwhile. "
        "Safe to re-run; exits with status 1 if indexing fails."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            help=(
                "Only this entry of WAGTAILSEARCH_BACKENDS, or 'elasticsearch' (default: all "
                "of them, and Elasticsearch when ELASTICSEARCH_URL is set)."
            ),
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=DEFAULT_CHUNK_SIZE,
            help=f"Objects read and indexed at a time (default {DEFAULT_CHUNK_SIZE}).",
        )

    def handle(self, *args, backend=None, chunk_size=DEFAULT_CHUNK_SIZE, verbosity=1, **options):
        self.verbosity = verbosity
        configured = list(get_app_config().get_search_backend_config())
        if elasticsearch.is_configured():
            configured.append(ELASTICSEARCH)
        if backend == ELASTICSEARCH and not elasticsearch.is_configured():
            raise CommandError("Set ELASTICSEARCH_URL to rebuild the Elasticsearch index.")
        if backend and backend not in configured:
            raise CommandError(f"No search backend named {backend!r}; configured: {configured}.")
        total = 0
        for name in [backend] if backend else configured:
            rebuild = self.rebuild_elasticsearch if name == ELASTICSEARCH else self.rebuild
            try:
                total += rebuild(name, chunk_size)
            except Exception as error:  # any failure, reported as a failed run
                raise CommandError(
                    f"Rebuilding the {name!r} search index failed: {error}"
                ) from error
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} objects."))

    def rebuild(self, name, chunk_size):
        """Index every indexed model into backend ``name``; the number of objects indexed."""
        search_backend = get_search_backend(name)
        if not search_backend.rebuilder_class:
            self.say(f"{name}: nothing to rebuild for {type(search_backend).__name__}.")
            return 0
        indexed = 0
        for search_index, models in group_models_by_index(
            search_backend, get_indexed_models()
        ).items():
            rebuilder = search_backend.rebuilder_class(search_index)
            search_index = rebuilder.start()
            for model in models:
                search_index.add_model(model)
            for model in models:
                indexed += self.index_model(search_index, model, chunk_size, name)
            rebuilder.finish()
        self.say(f"{name}: {indexed} objects indexed.")
        return indexed

    def rebuild_elasticsearch(self, name, chunk_size):
        """Index every searchable page into a new index and move the alias to it."""
        from search.backends.elasticsearch import indexing

        def progress(done, total):
            if self.verbosity > 1 or done == total:
                self.stdout.write(f"{name}: pages {done}/{total}")

        indexed = indexing.rebuild(chunk_size=chunk_size, progress=progress)
        self.say(f"{name}: {indexed} pages indexed into {elasticsearch.index_alias()!r}.")
        return indexed

    def index_model(self, search_index, model, chunk_size, name):
        queryset = model.get_indexed_objects().order_by("pk")
        total = queryset.count()
        label = f"{model._meta.app_label}.{model.__name__}"
        done = 0
        last_pk = None
        while done < total:
            chunk_queryset = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
            chunk = list(chunk_queryset[:chunk_size])
            if not chunk:
                break
            search_index.add_items(model, chunk)
            done += len(chunk)
            last_pk = chunk[-1].pk
            if self.verbosity > 1:
                self.stdout.write(f"{name}: {label} {done}/{total}")
        self.say(f"{name}: {label:<35} {done}")
        return done

    def say(self, message):
        if self.verbosity > 0:
            self.stdout.write(message)
