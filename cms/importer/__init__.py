"""Importing content from JSON Lines files: one item per line, all or nothing.

Use ``import_lines(lines)`` from code and ``manage.py import_content FILE`` from a shell.
"""

from .service import ImportReport, LineError, Progress, import_lines
from .types import TYPES

__all__ = ["TYPES", "ImportReport", "LineError", "Progress", "import_lines"]
