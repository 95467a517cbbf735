"""Files a council member attaches to an official response, kept as Wagtail documents.

They are published with the response, so only document formats are taken (no images or
archives a citizen would have to open blindly), each within Wagtail's upload size limit, and
they are filed in one "council responses" collection, where editors find them in the admin.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail.documents import get_document_model
from wagtail.models import Collection

#: Formats an official response may carry: letters, plans and tables.
EXTENSIONS = ("pdf", "docx", "odt", "xlsx", "ods", "csv", "txt")
#: At most this many files with one response.
MAX_FILES = 5
COLLECTION_NAME = gettext_lazy("Council responses")


def formats():
    """The accepted formats as people name them: "PDF, DOCX, …"."""
    return ", ".join(EXTENSIONS).upper()


def max_size():
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None) or 20 * 1024 * 1024


def extension_of(upload):
    return os.path.splitext(upload.name)[1].lstrip(".").lower()


def check(files):
    """Raise ValidationError (translated, naming the file) unless every file may be published."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            _("Attach at most %(count)s files to one response.") % {"count": MAX_FILES}
        )
    limit = max_size()
    for upload in files:
        if extension_of(upload) not in EXTENSIONS:
            raise ValidationError(
                _("“%(name)s” cannot be attached: use a %(formats)s file.")
                % {"name": upload.name, "formats": formats()}
            )
        if upload.size > limit:
            raise ValidationError(
                _("“%(name)s” is too big (%(size)s); a file may be %(limit)s at most.")
                % {
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(limit),
                }
            )


def collection():
    """The "council responses" collection (named in the site's language), made on first use."""
    with override(settings.LANGUAGE_CODE):
        name = str(COLLECTION_NAME)
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def store(files, *, uploaded_by):
    """A saved Wagtail document for each checked upload, titled after its file name."""
    if not files:
        return []
    Document = get_document_model()
    target = collection()
    documents = []
    for upload in files:
        document = Document(
            title=os.path.splitext(os.path.basename(upload.name))[0] or upload.name,
            file=upload,
            collection=target,
            uploaded_by_user=uploaded_by,
        )
        document._set_document_file_metadata()
        document.save()
        documents.append(document)
    return documents
