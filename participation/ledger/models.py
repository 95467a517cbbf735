"""The participation log: a hash chain of citizens' participation and the municipality's answers.

Each entry's hash covers its own fields and the previous entry's hash, so editing, removing,
inserting or reordering an entry breaks the chain from there on; ``LedgerHead`` holds the last
entry, so entries cut off the end are noticed too. Entries hold no personal data: people are
keyed hashes scoped to one poll or case (``chain.pseudonym``), texts are keyed hashes of the
text (``chain.content_digest``).
"""

import datetime
import hashlib
import json

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The "previous hash" of the first entry.
GENESIS_HASH = "0" * 64


class LedgerEntry(models.Model):
    """One participation event; written once by the receivers, never changed."""

    class Kind(models.TextChoices):
        VOTE_CAST = "vote.cast", _("Vote cast")
        VOTE_CHANGED = "vote.changed", _("Vote changed")
        VOTE_WITHDRAWN = "vote.withdrawn", _("Vote withdrawn")
        SUGGESTION_RECEIVED = "suggestion.received", _("Suggestion received")
        COMPLAINT_RECEIVED = "complaint.received", _("Complaint received")
        RESPONSE_PUBLISHED = "response.published", _("Official response published")

    # The position in the chain: 1, 2, 3… without gaps (the head hands them out).
    sequence = models.PositiveBigIntegerField(_("number"), primary_key=True)
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    recorded_at = models.DateTimeField(_("recorded at"))
    payload = models.JSONField(
        _("details"),
        help_text=_("Numbers of the objects concerned and keyed hashes; never personal data."),
    )
    previous_hash = models.CharField(_("hash of the previous entry"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("participation log entry")
        verbose_name_plural = _("participation log entries")
        # Nobody adds, changes or deletes entries, in the admin or elsewhere.
        default_permissions = ("view",)

    def __str__(self):
        return f"#{self.sequence} {self.kind}"

    def canonical(self):
        """The exact text the hash covers: every field, in a fixed JSON form.

        The time is written in UTC with microseconds, as every database stores it, so an
        entry read back hashes to the same value as when it was written.
        """
        return json.dumps(
            {
                "sequence": self.sequence,
                "kind": self.kind,
                "recorded_at": self.recorded_at.astimezone(datetime.UTC).isoformat(
                    timespec="microseconds"
                ),
                "payload": self.payload,
                "previous_hash": self.previous_hash,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=True,
        )

    def computed_hash(self):
        return hashlib.sha256(self.canonical().encode("ascii")).hexdigest()


class LedgerHead(models.Model):
    """The chain's last entry, in the one row that every append locks (one writer at a time)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    sequence = models.PositiveBigIntegerField(_("last entry"), default=0)
    entry_hash = models.CharField(_("hash of the last entry"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("participation log head")
        default_permissions = ()
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="ledger_one_head")]

    def __str__(self):
        return f"#{self.sequence}"
