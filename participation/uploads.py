"""THE validation of files citizens upload (suggestions, complaints, Open311 media).

What a file is gets decided by its content (libmagic), never by its name or the browser's
claim. Only JPEG, PNG, WebP and PDF are taken; images are decoded and re-encoded with Pillow,
which drops EXIF (GPS position, camera serial) and anything hidden after the image data.
Everything is checked before anything is saved, so a refused file leaves nothing behind.

Setting: ``SHAFAF_UPLOAD_MAX_BYTES`` (default 5 MB).
"""

import io
from dataclasses import dataclass

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
# Decompression bombs: refuse images larger than this many pixels.
MAX_PIXELS = 40_000_000

#: content type -> (extension, Pillow format or None for files kept as they are)
ALLOWED = {
    "image/jpeg": ("jpg", "JPEG"),
    "image/png": ("png", "PNG"),
    "image/webp": ("webp", "WEBP"),
    "application/pdf": ("pdf", None),
}


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks, ready to store: ``content`` is what goes to disk."""

    content: ContentFile
    content_type: str
    size: int
    original_name: str


def max_bytes():
    return getattr(settings, "SHAFAF_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


def _refuse(message, name):
    raise ValidationError(message % {"name": name}, code="invalid_upload")


def _reencode(data, image_format, name):
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                _refuse(_("“%(name)s” is too large an image."), name)
            image.load()
            # Only the pixels (and a palette) are kept: no EXIF, ICC profile or comments.
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P":
                clean.putpalette(image.getpalette())
            if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        _refuse(_("“%(name)s” is not a readable image."), name)
    out = io.BytesIO()
    clean.save(out, format=image_format, **({"quality": 90} if image_format == "JPEG" else {}))
    return out.getvalue()


def check_upload(upload):
    """A CheckedFile for ``upload`` (a Django UploadedFile), or ValidationError saying why not."""
    name = (getattr(upload, "name", "") or "")[-255:]
    if upload.size > max_bytes():
        raise ValidationError(
            _("“%(name)s” is larger than %(limit)s.")
            % {"name": name, "limit": filesizeformat(max_bytes())},
            code="too_big",
        )
    upload.seek(0)
    data = upload.read()
    content_type = magic.from_buffer(data[:8192], mime=True)
    if content_type not in ALLOWED:
        _refuse(_("“%(name)s” is not accepted: send a JPEG, PNG or WebP image or a PDF."), name)
    extension, image_format = ALLOWED[content_type]
    if image_format:
        data = _reencode(data, image_format, name)
    return CheckedFile(
        content=ContentFile(data, name=f"upload.{extension}"),
        content_type=content_type,
        size=len(data),
        original_name=name,
    )


def check_uploads(uploads):
    """Check every file of a submission; the first refusal stops it (nothing is stored)."""
    uploads = [upload for upload in uploads if upload]
    if len(uploads) > MAX_FILES:
        raise ValidationError(
            _("Attach at most %(count)s files.") % {"count": MAX_FILES}, code="too_many"
        )
    return [check_upload(upload) for upload in uploads]
