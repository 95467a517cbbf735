"""A tender's published history, read from Wagtail's revisions in a fixed number of queries.

Every time an editor publishes a tender, Wagtail writes a ``wagtail.publish`` log entry that
points at the published revision. Those entries, oldest first, are the tender's events; the
revision's stored content tells what the tender said at that moment. Nothing here changes the
cms models: the history is what Wagtail already keeps.
"""

from dataclasses import dataclass, field

from django.db.models import Subquery
from wagtail.documents import get_document_model
from wagtail.models import Locale, PageLogEntry

from cms.models import ContractAmendment, TenderPage

PUBLISH_ACTION = "wagtail.publish"

# The TenderPage fields a release reads from a revision, parsed with the model's own fields.
SNAPSHOT_FIELDS = (
    "title",
    "summary",
    "kind",
    "reference_number",
    "status",
    "estimated_value",
    "currency",
    "publish_date",
    "submission_deadline",
    "opening_date",
    "award_winner",
    "award_amount",
    "award_date",
    "contract_number",
    "contract_signed_date",
    "contract_value",
    "contract_start",
    "contract_end",
    "contract_status",
    "change_note",
)
AMENDMENT_FIELDS = ("date", "rationale", "new_value")


@dataclass
class Snapshot:
    """What one published revision of a tender said, and when it was published."""

    entry_id: int
    revision_id: int
    published_at: object
    values: dict
    documents: list = field(default_factory=list)
    contract_amendments: list = field(default_factory=list)

    def __getitem__(self, name):
        return self.values[name]


def published_tenders():
    """Live, public tenders and auctions of the default language: one per contracting process.

    Translations share their original's ``translation_key`` and so its ocid; they are not
    separate processes (see ``english_translations``).
    """
    return TenderPage.objects.live().public().filter(locale=Locale.get_default())


def publish_entries(tenders=None):
    """Publish log entries of ``tenders`` (default: every published tender), oldest first."""
    tenders = published_tenders() if tenders is None else tenders
    return (
        PageLogEntry.objects.filter(action=PUBLISH_ACTION, revision__isnull=False)
        .filter(page_id__in=Subquery(tenders.values("pk")))
        .order_by("timestamp", "pk")
    )


def load_histories(pages):
    """{page id: [Snapshot, ...] oldest first} for ``pages``, in three queries."""
    page_ids = [page.pk for page in pages]
    entries = (
        publish_entries()
        .filter(page_id__in=page_ids)
        .select_related("revision")
        .only("pk", "page_id", "timestamp", "revision__id", "revision__content")
    )
    histories = {page_id: [] for page_id in page_ids}
    for entry in entries:
        # The log keeps pointing at a revision that purge_revisions deleted: that moment of
        # the history is lost, the rest still stands.
        if entry.revision is not None:
            histories[entry.page_id].append(_snapshot(entry))
    _attach_documents([snap for history in histories.values() for snap in history])
    return histories


def english_translations(pages):
    """{translation_key: live English TenderPage} for ``pages``, in one query."""
    keys = [page.translation_key for page in pages]
    translations = (
        TenderPage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale__language_code="en")
    )
    return {page.translation_key: page for page in translations}


def _snapshot(entry):
    content = entry.revision.content
    values = {
        name: TenderPage._meta.get_field(name).to_python(content.get(name))
        for name in SNAPSHOT_FIELDS
    }
    # Child relations are stored inline; keep each attached document's id and caption.
    documents = [
        {"document_id": row.get("document"), "caption": row.get("caption") or ""}
        for row in sorted(
            content.get("documents") or [], key=lambda row: row.get("sort_order") or 0
        )
        if row.get("document")
    ]
    amendment_fields = {name: ContractAmendment._meta.get_field(name) for name in AMENDMENT_FIELDS}
    amendments = [
        {name: amendment_fields[name].to_python(row.get(name)) for name in AMENDMENT_FIELDS}
        for row in sorted(
            content.get("contract_amendments") or [], key=lambda row: row.get("sort_order") or 0
        )
    ]
    return Snapshot(
        entry_id=entry.pk,
        revision_id=entry.revision.pk,
        published_at=entry.timestamp,
        values=values,
        documents=documents,
        contract_amendments=amendments,
    )


def _attach_documents(snapshots):
    """Replace document ids by the documents themselves, one query for all snapshots."""
    ids = {row["document_id"] for snap in snapshots for row in snap.documents}
    documents = get_document_model().objects.in_bulk(ids) if ids else {}
    for snap in snapshots:
        snap.documents = [
            {"document": documents[row["document_id"]], "caption": row["caption"]}
            for row in snap.documents
            # A document deleted since: the revision still names it, the file is gone.
            if row["document_id"] in documents
        ]
