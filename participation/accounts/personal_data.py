"""Where each participation app says what personal data it holds, for export and erasure.

An app registers once, in its AppConfig.ready()::

    personal_data.register("comments", export=export_comments, erase=erase_comments)

``export(user)`` returns JSON-serializable data (a list or dict); ``erase(user)`` removes or
anonymizes the user's personal data in that app, keeping what the public record needs
(a published comment stays, without its author). Both run inside one transaction.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: object
    erase: object


_sources = {}


def register(name, *, export, erase):
    """Add (or replace, on re-import) the source called ``name``."""
    _sources[name] = PersonalDataSource(name, export, erase)


def sources():
    """The registered sources, by name."""
    return [_sources[name] for name in sorted(_sources)]
