from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project itself: wires what spans the apps (the page cache's invalidation)."""

    name = "portal"

    def ready(self):
        from portal.page_cache import connect_signals

        connect_signals()
