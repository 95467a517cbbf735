"""OCDS 1.1 releases from a tender's published snapshots (see ``history``); no database access.

Each published revision that changed something a release says becomes one release, tagged
by what changed: the first publication is ``tender``; a later change to the terms (value,
dates, kind) is ``tenderAmendment``, to anything else in the notice ``tenderUpdate``; a
cancelled status is ``tenderCancellation``; the winner appearing is ``award``, changing is
``awardUpdate``, disappearing is ``awardCancellation``. The contract signed with the winner
appearing is ``contract``, a new amendment of it ``contractAmendment``, its end (completed
or terminated) ``contractTermination``, any other change to it, or its removal,
``contractUpdate``. Every release is a full snapshot of the process at that moment, as OCDS
recommends, so the latest one stands on its own.
"""

import datetime
import hashlib

from django.conf import settings
from django.utils import timezone

from cms.models import ContractStatus, TenderPage

# Changing these changes what bidders commit to: a formal amendment.
TERMS = (
    "kind",
    "estimated_value",
    "currency",
    "publish_date",
    "submission_deadline",
    "opening_date",
)
# Changing these corrects or completes the notice.
NOTICE = ("title", "summary", "reference_number")
AWARD = ("award_winner", "award_amount", "award_date")
CONTRACT = (
    "contract_number",
    "contract_signed_date",
    "contract_value",
    "contract_start",
    "contract_end",
    "contract_status",
)

TENDER_STATUS = {
    TenderPage.Status.OPEN: "active",
    # Closed for bids, under evaluation: still active until the award in OCDS terms.
    TenderPage.Status.CLOSED: "active",
    TenderPage.Status.AWARDED: "complete",
    TenderPage.Status.CANCELLED: "cancelled",
}

CONTRACT_STATUS = {
    ContractStatus.ACTIVE: "active",
    # OCDS "terminated": signed, in force, and now come to a close, completed or not.
    ContractStatus.COMPLETED: "terminated",
    ContractStatus.TERMINATED: "terminated",
}

MUNICIPALITY_ID = "municipality"

# OCDS core has no sale: an auction (مزایده) is published as a process the municipality runs
# and is paid in, flagged here in words and by the parties' roles (see the notes).
AUCTION_DETAILS = (
    "Auction (مزایده): a sale or lease of municipal property, not a purchase. "
    "tender.value is the base price; the award value is what the winning bidder pays "
    "the municipality."
)


def ocid_for(page):
    """The process identifier: the publisher's prefix and the page's translation key.

    The translation key never changes (an edited reference number would) and is shared by
    the page's translations, which describe the same process.
    """
    return f"{settings.SHAFAF_OCDS_PREFIX}-{page.translation_key}"


def build_releases(page, snapshots, absolute_url):
    """``[(publish log entry id, release)]`` of ``page`` from its ``snapshots``, oldest first.

    ``absolute_url(path)`` turns a document's path into a full URL.
    """
    ocid = ocid_for(page)
    releases, entry_ids = [], []
    amendments = []
    # Contract amendment id -> the releases it first appeared in and followed.
    contract_amendment_releases = {}
    previous = None
    for snapshot in snapshots:
        tags = _tags(previous, snapshot)
        if tags:
            release_id = f"{ocid}-{tags[0]}-{snapshot.revision_id}"
            if "tenderAmendment" in tags:
                amendments.append(_amendment(previous, snapshot, release_id, releases[-1]["id"]))
            for amendment_id in _new_contract_amendments(previous, snapshot):
                contract_amendment_releases[amendment_id] = (releases[-1]["id"], release_id)
            release = _release(ocid, release_id, tags, previous, snapshot, amendments, absolute_url)
            _add_contract(release, ocid, tags, previous, snapshot, contract_amendment_releases)
            releases.append(release)
            entry_ids.append(snapshot.entry_id)
        previous = snapshot
    return list(zip(entry_ids, releases, strict=True))


def _tags(previous, snapshot):
    if previous is None:
        tags = ["tender"]
        if snapshot["status"] == TenderPage.Status.CANCELLED:
            tags.append("tenderCancellation")
        if snapshot["award_winner"]:
            tags.append("award")
        return tags
    tags = []
    status_changed = _changed(previous, snapshot, ("status",))
    if status_changed and snapshot["status"] == TenderPage.Status.CANCELLED:
        tags.append("tenderCancellation")
    elif _changed(previous, snapshot, TERMS):
        tags.append("tenderAmendment")
    elif _changed(previous, snapshot, NOTICE) or _documents_changed(previous, snapshot):
        tags.append("tenderUpdate")
    elif status_changed and snapshot["status"] != TenderPage.Status.AWARDED:
        # Becoming "awarded" is told by the award release itself.
        tags.append("tenderUpdate")
    had_winner, has_winner = bool(previous["award_winner"]), bool(snapshot["award_winner"])
    if has_winner and not had_winner:
        tags.append("award")
    elif had_winner and not has_winner:
        tags.append("awardCancellation")
    elif has_winner and _changed(previous, snapshot, AWARD):
        tags.append("awardUpdate")
    return tags + _contract_tags(previous, snapshot)


def _contract_tags(previous, snapshot):
    had_contract = previous is not None and bool(previous["contract_number"])
    has_contract = bool(snapshot["contract_number"])
    if not has_contract:
        # A contract removed (recorded by mistake, or its award cancelled).
        return ["contractUpdate"] if had_contract else []
    if not had_contract:
        return ["contract"]
    tags = []
    if _new_contract_amendments(previous, snapshot):
        tags.append("contractAmendment")
    ended = snapshot["contract_status"] != ContractStatus.ACTIVE
    if ended and previous["contract_status"] == ContractStatus.ACTIVE:
        tags.append("contractTermination")
    elif not tags and (
        _changed(previous, snapshot, CONTRACT)
        or _contract_amendments(previous) != _contract_amendments(snapshot)
    ):
        tags.append("contractUpdate")
    return tags


def _changed(previous, snapshot, names):
    return any(previous[name] != snapshot[name] for name in names)


def _documents_changed(previous, snapshot):
    def key(snap):
        return [(row["document"].pk, row["caption"]) for row in snap.documents]

    return key(previous) != key(snapshot)


def _release(ocid, release_id, tags, previous, snapshot, amendments, absolute_url):
    is_auction = snapshot["kind"] == TenderPage.Kind.AUCTION
    municipality = {"id": MUNICIPALITY_ID, "name": settings.SHAFAF_PUBLISHER_NAME}
    parties = [
        {
            **municipality,
            # In an auction the municipality runs the process and is paid; it buys nothing.
            "roles": ["procuringEntity", "payee"] if is_auction else ["buyer", "procuringEntity"],
        }
    ]
    release = {
        "ocid": ocid,
        "id": release_id,
        "date": _iso(snapshot.published_at),
        "tag": tags,
        "initiationType": "tender",
        "language": "fa",
        "parties": parties,
    }
    if not is_auction:
        release["buyer"] = municipality
    release["tender"] = _tender(snapshot, municipality, amendments, absolute_url)
    award_source = snapshot if snapshot["award_winner"] else None
    if "awardCancellation" in tags:
        award_source = previous
    if award_source is not None:
        supplier = _supplier(award_source["award_winner"])
        parties.append({**supplier, "roles": ["supplier", "payer"] if is_auction else ["supplier"]})
        release["awards"] = [
            _award(ocid, award_source, supplier, cancelled="awardCancellation" in tags)
        ]
    return release


def _tender(snapshot, municipality, amendments, absolute_url):
    tender = {
        "id": snapshot["reference_number"],
        "title": snapshot["title"],
        "status": TENDER_STATUS.get(snapshot["status"], "active"),
        "procuringEntity": municipality,
    }
    if snapshot["summary"]:
        tender["description"] = snapshot["summary"]
    if snapshot["estimated_value"] is not None:
        tender["value"] = _value(snapshot["estimated_value"], snapshot["currency"])
    if snapshot["kind"] == TenderPage.Kind.AUCTION:
        tender["procurementMethodDetails"] = AUCTION_DETAILS
    tender["tenderPeriod"] = {
        "startDate": _iso(snapshot["publish_date"]),
        "endDate": _iso(snapshot["submission_deadline"]),
    }
    # Bids are opened when the evaluation starts; the award date ends it.
    award_period = {}
    if snapshot["opening_date"]:
        award_period["startDate"] = _iso(snapshot["opening_date"])
    if snapshot["award_date"]:
        award_period["endDate"] = _iso(snapshot["award_date"])
    if award_period:
        tender["awardPeriod"] = award_period
    if snapshot.documents:
        tender["documents"] = [
            {
                "id": str(row["document"].pk),
                "title": row["caption"] or row["document"].title,
                "url": absolute_url(row["document"].url),
                "language": "fa",
            }
            for row in snapshot.documents
        ]
    if amendments:
        tender["amendments"] = list(amendments)
    return tender


def _amendment(previous, snapshot, release_id, amends_release_id):
    changed = [name for name in TERMS if previous[name] != snapshot[name]]
    amendment = {
        "id": str(snapshot.revision_id),
        "date": _iso(snapshot.published_at),
        "description": "Changed: " + ", ".join(changed),
        "amendsReleaseID": amends_release_id,
        "releaseID": release_id,
    }
    if snapshot["change_note"]:
        amendment["rationale"] = snapshot["change_note"]
    return amendment


def _contract_amendments(snapshot):
    """{amendment id: amendment row} of a snapshot's contract, oldest first.

    Rows in a revision have no lasting identity (Wagtail stores them again at every
    publication), so an amendment is named by its date and its place among that day's:
    correcting its text keeps its id, and merging the releases updates it.
    """
    if snapshot is None or not snapshot["contract_number"]:
        return {}
    rows, seen = {}, {}
    for row in sorted(snapshot.contract_amendments, key=lambda row: row["date"]):
        day = row["date"].isoformat()
        seen[day] = seen.get(day, 0) + 1
        rows[day if seen[day] == 1 else f"{day}-{seen[day]}"] = row
    return rows


def _new_contract_amendments(previous, snapshot):
    if previous is None:
        return []
    before = _contract_amendments(previous)
    return [key for key in _contract_amendments(snapshot) if key not in before]


def _add_contract(release, ocid, tags, previous, snapshot, amendment_releases):
    """The release's ``contracts``: the snapshot's contract, or the removed one, cancelled."""
    removed = not snapshot["contract_number"] and "contractUpdate" in tags
    source = previous if removed else snapshot
    if not source["contract_number"]:
        return
    contract_id = f"{ocid}-contract"
    status = CONTRACT_STATUS.get(source["contract_status"], "active")
    contract = {
        "id": contract_id,
        "awardID": f"{ocid}-award",
        "title": source["contract_number"],
        "status": "cancelled" if removed else status,
    }
    if source["contract_signed_date"]:
        contract["dateSigned"] = _iso(source["contract_signed_date"])
    period = {}
    if source["contract_start"]:
        period["startDate"] = _iso(source["contract_start"])
    if source["contract_end"]:
        period["endDate"] = _iso(source["contract_end"])
    if period:
        contract["period"] = period
    amendments = []
    value = source["contract_value"]
    for key, row in _contract_amendments(source).items():
        amendment = {"id": f"{contract_id}-amendment-{key}", "rationale": row["rationale"]}
        if row["date"]:
            amendment["date"] = _iso(row["date"])
        if row["new_value"] is not None:
            value = row["new_value"]
            amendment["description"] = (
                f"Contract value changed to {row['new_value']} {source['currency'] or 'IRR'}"
            )
        if key in amendment_releases:
            amendment["amendsReleaseID"], amendment["releaseID"] = amendment_releases[key]
        amendments.append(amendment)
    # The value in force: the last amendment that set one, else the value signed.
    if value is not None:
        contract["value"] = _value(value, source["currency"])
    if amendments:
        contract["amendments"] = amendments
    release["contracts"] = [contract]


def _supplier(name):
    # The winner is only a name: derive a stable party id from it so every release names the
    # same party the same way.
    digest = hashlib.sha256(name.encode()).hexdigest()[:12]
    return {"id": f"supplier-{digest}", "name": name}


def _award(ocid, snapshot, supplier, cancelled):
    award = {
        "id": f"{ocid}-award",
        "status": "cancelled" if cancelled else "active",
        "suppliers": [supplier],
    }
    if snapshot["award_date"]:
        award["date"] = _iso(snapshot["award_date"])
    if snapshot["award_amount"] is not None:
        award["value"] = _value(snapshot["award_amount"], snapshot["currency"])
    return award


def _value(amount, currency):
    return {"amount": amount, "currency": currency or "IRR"}


def _iso(value):
    """An OCDS date-time: a date is taken as the start of that day in the portal's time zone."""
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return timezone.localtime(value).isoformat()
    start = timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
    return start.isoformat()
