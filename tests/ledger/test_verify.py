"""``verify_participation_log``: an intact log passes; an entry edited, deleted, swapped or
inserted behind the application's back (raw SQL, queryset updates) is found and named."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from participation.ledger import chain
from participation.ledger.models import LedgerEntry, LedgerHead

pytestmark = pytest.mark.django_db
Kind = LedgerEntry.Kind


@pytest.fixture
def log():
    """Five entries, appended as the receivers append them."""
    return [
        chain.append(Kind.VOTE_CAST, {"poll": 7, "vote": number, "voter": f"v{number}"})
        for number in range(1, 6)
    ]


def verify(*args):
    """Run the command; (exit code, output)."""
    out = StringIO()
    try:
        call_command("verify_participation_log", *args, stdout=out)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


def broken_at():
    with pytest.raises(chain.BrokenChain) as broken:
        chain.verify()
    return broken.value.sequence


def test_an_intact_log_passes_with_its_count_and_last_hash(log):
    code, output = verify()

    assert code == 0
    assert "intact: 5 entries" in output
    assert f"5:{log[-1].entry_hash}" in output


def test_an_empty_log_passes():
    code, output = verify()

    assert code == 0
    assert "intact: 0 entries" in output


def test_an_edited_payload_is_found(log):
    LedgerEntry.objects.filter(sequence=3).update(payload={"poll": 7, "vote": 3, "voter": "x"})

    code, output = verify()

    assert code == 1
    assert "Entry #3" in output
    assert "edited" in output


def test_an_edited_payload_with_its_hash_recomputed_breaks_the_next_entry(log):
    entry = LedgerEntry.objects.get(sequence=3)
    entry.payload = {"poll": 7, "vote": 3, "voter": "someone else"}
    LedgerEntry.objects.filter(sequence=3).update(
        payload=entry.payload, entry_hash=entry.computed_hash()
    )

    assert broken_at() == 4


def test_an_edited_time_is_found(log):
    LedgerEntry.objects.filter(sequence=2).update(recorded_at=log[0].recorded_at)

    assert broken_at() == 2


def test_a_deleted_entry_is_found(log):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ledger_ledgerentry WHERE sequence = 2")

    code, output = verify()

    assert code == 1
    assert "Entry #2: missing" in output


def test_the_last_entry_deleted_is_found_through_the_head(log):
    LedgerEntry.objects.filter(sequence=5).delete()

    code, output = verify()

    assert code == 1
    assert "Entry #5: missing" in output


def test_the_head_deleted_is_found(log):
    LedgerHead.objects.all().delete()

    assert broken_at() == 5


def test_two_entries_swapped_are_found(log):
    # Through a free number, since the entry number is the primary key.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE ledger_ledgerentry SET sequence = 99 WHERE sequence = 2")
        cursor.execute("UPDATE ledger_ledgerentry SET sequence = 2 WHERE sequence = 3")
        cursor.execute("UPDATE ledger_ledgerentry SET sequence = 3 WHERE sequence = 99")

    code, output = verify()

    assert code == 1
    assert "Entry #2: does not follow entry #1" in output


def test_two_payloads_swapped_are_found(log):
    second, third = LedgerEntry.objects.filter(sequence__in=[2, 3])
    LedgerEntry.objects.filter(sequence=2).update(payload=third.payload)
    LedgerEntry.objects.filter(sequence=3).update(payload=second.payload)

    assert broken_at() == 2


def test_an_entry_inserted_in_the_middle_is_found(log):
    # Make room after #2, then forge a well-formed entry that follows #2.
    for entry in LedgerEntry.objects.filter(sequence__gte=3).order_by("-sequence"):
        LedgerEntry.objects.filter(sequence=entry.sequence).update(sequence=entry.sequence + 1)
    forged = LedgerEntry(
        sequence=3,
        kind=Kind.VOTE_CAST,
        recorded_at=log[1].recorded_at,
        payload={"poll": 7, "vote": 99, "voter": "ghost"},
        previous_hash=log[1].entry_hash,
    )
    forged.entry_hash = forged.computed_hash()
    forged.save(force_insert=True)

    code, output = verify()

    assert code == 1
    assert "Entry #4: does not follow entry #3" in output


def test_an_entry_added_after_the_last_one_is_found(log):
    forged = LedgerEntry(
        sequence=6,
        kind=Kind.VOTE_CAST,
        recorded_at=log[-1].recorded_at,
        payload={"poll": 7, "vote": 99, "voter": "ghost"},
        previous_hash=log[-1].entry_hash,
    )
    forged.entry_hash = forged.computed_hash()
    forged.save(force_insert=True)

    code, output = verify()

    assert code == 1
    assert "Entry #6: added after the log's last entry (#5)" in output


def rewrite_from(sequence, payload):
    """Edit entry ``sequence`` and recompute every hash after it, head included."""
    previous = LedgerEntry.objects.get(sequence=sequence - 1).entry_hash
    for entry in LedgerEntry.objects.filter(sequence__gte=sequence):
        if entry.sequence == sequence:
            entry.payload = payload
        entry.previous_hash = previous
        entry.entry_hash = previous = entry.computed_hash()
        entry.save()
    LedgerHead.objects.update(entry_hash=previous)


def test_a_fully_recomputed_log_passes_the_chain_but_not_an_earlier_hash(log):
    noted = f"4:{log[3].entry_hash}"
    rewrite_from(2, {"poll": 7, "vote": 2, "voter": "someone else"})
    assert verify()[0] == 0

    code, output = verify("--expect", noted)

    assert code == 1
    assert "Entry #4" in output
    assert "noted earlier" in output


def test_an_earlier_hash_still_in_the_log_passes(log):
    assert verify("--expect", f"3:{log[2].entry_hash}")[0] == 0


def test_an_earlier_entry_no_longer_there_fails(log):
    code, output = verify("--expect", f"9:{log[2].entry_hash}")

    assert code == 1
    assert "Entry #9" in output


def test_a_malformed_expect_is_refused_with_usage_exit_code(log):
    code, output = verify("--expect", "three:abc")

    assert code == 2
    assert "NUMBER:HASH" in output


def test_progress_is_reported_for_long_logs(log):
    code, output = verify("--progress-every", "2")

    assert code == 0
    assert "Checked 2 of 5 entries" in output
    assert "Checked 4 of 5 entries" in output


def test_help_explains_what_is_checked_and_the_exit_codes(capsys):
    with pytest.raises(SystemExit) as exit:
        call_command("verify_participation_log", "--help")

    assert exit.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "edited, deleted, inserted or reordered" in text
    assert "Exits 0" in text
    assert "exits 1" in text
    assert "--expect" in text
