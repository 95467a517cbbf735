"""Text of the documents attached to pages, for the search index.

Plain text (``.txt``) and CSV files are read as they are; other formats are left out: PDF
needs a text extractor (such as pypdf), which is not a dependency yet. Reading is bounded,
and a file that is missing or unreadable leaves the page indexed without it rather than
failing the page's publication.
"""

import logging

from search.normalization import tokens

logger = logging.getLogger(__name__)

#: File extensions whose bytes are their text.
PLAIN_TEXT_EXTENSIONS = {"txt", "csv"}

#: At most this much of a file is read: enough for any regulation, bounded for a large export.
MAX_BYTES = 1_000_000

#: Encodings tried in order: UTF-8 (with or without BOM), then Windows Arabic, still common
#: for Persian files saved by older office software.
ENCODINGS = ("utf-8-sig", "cp1256")


def _decode(data):
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def is_extractable(document):
    return (document.file_extension or "").lower() in PLAIN_TEXT_EXTENSIONS


def document_text(document):
    """The text of a Wagtail document, or "" when its format is not read or its file is not there."""
    if not is_extractable(document):
        return ""
    try:
        with document.file.open("rb") as file:
            data = file.read(MAX_BYTES)
    except (OSError, ValueError):
        logger.warning("Could not read document %s for the search index", document.pk)
        return ""
    text = _decode(data)
    if len(data) == MAX_BYTES:
        # The cut may fall inside a word; drop the last, possibly partial, one.
        text = text.rsplit(None, 1)[0] if tokens(text) else ""
    return text
