"""Text of the documents attached to pages, for the search index.

Plain text (``.txt``) and CSV files are read as they are; PDF text is extracted with pypdf
(scanned PDFs have none: they need OCR, which we do not do). Other formats are left out.
Reading is bounded, and a file that is missing, damaged or unreadable leaves the page indexed
without it rather than failing the page's publication.
"""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from search.normalization import tokens

logger = logging.getLogger(__name__)

#: File extensions whose bytes are their text.
PLAIN_TEXT_EXTENSIONS = {"txt", "csv"}

#: At most this much of a file is read: enough for any regulation, bounded for a large export.
MAX_BYTES = 1_000_000

#: PDFs are bigger than their text: read at most this much, and at most MAX_PDF_PAGES pages.
MAX_PDF_BYTES = 20_000_000
MAX_PDF_PAGES = 200

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


def _extension(document):
    return (document.file_extension or "").lower()


def is_extractable(document):
    return _extension(document) in PLAIN_TEXT_EXTENSIONS | {"pdf"}


def _pdf_text(data):
    """The text layer of a PDF, page by page, up to MAX_BYTES of it."""
    reader = PdfReader(io.BytesIO(data))
    parts, size = [], 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text.encode())
        if size >= MAX_BYTES:
            break
    return "\n".join(parts)


def _truncate(text):
    """``text`` cut to MAX_BYTES without leaving half a word at the end."""
    data = text.encode()
    if len(data) < MAX_BYTES:
        return text
    text = data[:MAX_BYTES].decode("utf-8", errors="ignore")
    return text.rsplit(None, 1)[0] if tokens(text) else ""


def document_text(document):
    """The text of a Wagtail document, or "" when its format is not read or its file is not there."""
    if not is_extractable(document):
        return ""
    is_pdf = _extension(document) == "pdf"
    try:
        with document.file.open("rb") as file:
            data = file.read(MAX_PDF_BYTES if is_pdf else MAX_BYTES)
        text = _pdf_text(data) if is_pdf else _decode(data)
    # pypdf raises PdfReadError for most damage, and plain errors for some malformed streams.
    except (OSError, ValueError, KeyError, TypeError, PdfReadError):
        logger.warning("Could not read document %s for the search index", document.pk)
        return ""
    return _truncate(text)
