"""Writing and checking the participation log's hash chain.

``append`` is called by the receivers, inside the transaction of the event it records: a vote
rolled back leaves no entry, and an entry that cannot be written undoes the vote. It locks the
head row first (``select_for_update``: on PostgreSQL a row lock held until the commit; SQLite
lets one writer in at a time anyway), so two votes at once take turns instead of both
following the same entry and forking the chain.

The chain proves that no entry was changed *without recomputing every hash after it*. Anyone
who can rewrite the table can also do that; ``verify(expected=…)`` catches it against an entry
number and hash noted earlier (the command's ``--expect``), e.g. from yesterday's run.
"""

import json
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import GENESIS_HASH, LedgerEntry, LedgerHead

HEAD_ID = 1


def pseudonym(scope, identity):
    """A keyed hash of ``identity`` ("user:12", "device:…") that means something only in ``scope``.

    Scoped to one poll or case ("poll:7"), the same voter has the same pseudonym when they
    change their vote, and unrelated ones in other polls: the log cannot be used to follow a
    person around. Keyed with SECRET_KEY, like ``ratelimit.hashed_client_ip``, so nobody
    can test guesses of user ids against it.
    """
    digest = salted_hmac(
        "participation.ledger.pseudonym", f"{scope}|{identity}", algorithm="sha256"
    ).hexdigest()
    return digest[:32]


def content_digest(*parts):
    """A keyed hash of a text (and what goes with it): proves the text unchanged, reveals nothing.

    Keyed rather than a plain SHA-256, since a short complaint could otherwise be confirmed
    by hashing guesses. Parts are joined as JSON, so ("ab", "c") and ("a", "bc") differ.
    """
    text = json.dumps([str(part) for part in parts], ensure_ascii=False)
    return salted_hmac("participation.ledger.content", text, algorithm="sha256").hexdigest()


def _locked_head():
    """The head row, locked until the transaction ends; made by the first entry ever."""
    head = LedgerHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is None:
        try:
            # A savepoint: when two first entries race, the loser's insert fails here alone.
            with transaction.atomic():
                LedgerHead.objects.create(pk=HEAD_ID)
        except IntegrityError:
            pass
        head = LedgerHead.objects.select_for_update().get(pk=HEAD_ID)
    return head


def append(kind, payload):
    """Add an entry of ``kind`` (a ``LedgerEntry.Kind``) at the end of the chain and return it.

    ``payload`` holds only strings, whole numbers, booleans and None, so that it reads back
    from the database exactly as it was hashed.
    """
    # No savepoint: if the entry fails, the event's whole transaction must fail with it.
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        entry = LedgerEntry(
            sequence=head.sequence + 1,
            kind=kind,
            recorded_at=timezone.now(),
            payload=payload,
            previous_hash=head.entry_hash,
        )
        entry.entry_hash = entry.computed_hash()
        entry.save(force_insert=True)
        head.sequence = entry.sequence
        head.entry_hash = entry.entry_hash
        head.save(update_fields=["sequence", "entry_hash"])
    return entry


class BrokenChain(Exception):
    """The log was tampered with; ``sequence`` is the first entry that shows it."""

    def __init__(self, sequence, problem):
        super().__init__(f"Entry #{sequence}: {problem}")
        self.sequence = sequence
        self.problem = problem


@dataclass(frozen=True)
class Intact:
    """What a successful check found: how many entries, and the last one's hash."""

    count: int
    last_hash: str


def verify(*, expected=None, progress=None, chunk_size=2000):
    """Walk the whole chain; return ``Intact`` or raise ``BrokenChain`` at the first bad entry.

    ``expected`` maps entry numbers to hashes noted earlier; ``progress(checked, total)`` is
    called after every ``chunk_size`` entries. Entries and head are read in one snapshot, so
    votes coming in meanwhile are not mistaken for tampering.
    """
    expected = dict(expected or {})
    starts_transaction = not connection.in_atomic_block
    with transaction.atomic():
        if starts_transaction and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        head = LedgerHead.objects.filter(pk=HEAD_ID).first()
        total = head.sequence if head else 0
        checked = 0
        previous_hash = GENESIS_HASH
        entries = LedgerEntry.objects.order_by("sequence").iterator(chunk_size=chunk_size)
        try:
            for entry in entries:
                _check_entry(entry, checked + 1, previous_hash, expected)
                previous_hash = entry.entry_hash
                checked += 1
                if progress and checked % chunk_size == 0:
                    progress(checked, max(total, checked))
        finally:
            # Close PostgreSQL's server-side cursor now, inside the transaction: left to the
            # garbage collector, it may close while the connection is busy and hang there.
            entries.close()
        _check_end(head, checked, previous_hash, expected)
    return Intact(count=checked, last_hash=previous_hash)


def _check_entry(entry, sequence, previous_hash, expected):
    if entry.sequence != sequence:
        raise BrokenChain(
            sequence, f"missing: the entry after #{sequence - 1} is #{entry.sequence}."
        )
    if entry.previous_hash != previous_hash:
        raise BrokenChain(
            sequence,
            f"does not follow entry #{sequence - 1}: an entry was inserted, removed, moved or "
            "replaced here.",
        )
    if entry.computed_hash() != entry.entry_hash:
        raise BrokenChain(sequence, "its contents no longer match its hash: it was edited.")
    if sequence in expected and expected[sequence] != entry.entry_hash:
        raise BrokenChain(
            sequence,
            "its hash differs from the one noted earlier: the log was rewritten up to here.",
        )


def _check_end(head, count, last_hash, expected):
    missing = sorted(number for number in expected if number > count)
    if missing:
        raise BrokenChain(missing[0], "noted earlier, it is no longer in the log.")
    if head is None:
        if count:
            raise BrokenChain(count, "the log's head (its last entry) is missing.")
        return
    if head.sequence > count:
        raise BrokenChain(
            count + 1, f"missing: the log ends at #{count}, but its head says #{head.sequence}."
        )
    if head.sequence < count:
        raise BrokenChain(
            head.sequence + 1,
            f"added after the log's last entry (#{head.sequence}) without passing through it.",
        )
    if head.entry_hash != last_hash:
        raise BrokenChain(count, "differs from the last entry the log's head recorded.")
