"""The plain-Django open data of cms and participation: OCDS, exports, council, tariffs."""

from django.conf import settings

from .common import (
    BAD_REQUEST,
    CSV,
    JSON_OBJECT,
    NOT_FOUND_PAGE,
    PAGE,
    content,
    json_body,
    operation,
    param,
)


def _ocds_paths():
    ocid = param("ocid", "The process's OCID (the publisher's prefix and an id).", location="path")
    release_package = json_body(
        "An OCDS 1.1 release package, with `links.next` and `links.prev` between pages"
    )
    record_package = json_body("An OCDS 1.1 record package, with `links` between pages")
    return {
        "/api/ocds/releases/": operation(
            "ocds",
            "ocds_releases",
            "List the releases of every tender",
            f"A release for each publication of a tender that changed it, oldest first, "
            f"{settings.SHAFAF_OCDS_PAGE_SIZE} a page.",
            [
                param(
                    "since",
                    "From the start of this day (2024-05-01 or 1403/02/12, Tehran time), or "
                    "from this ISO 8601 moment.",
                    example="1403/01/01",
                ),
                param("until", "Up to the end of this day, or up to this ISO 8601 moment."),
                PAGE,
            ],
            {"200": release_package, "400": BAD_REQUEST},
        ),
        "/api/ocds/releases.json": operation(
            "ocds",
            "ocds_releases_bulk",
            "Download every release",
            "Every release in one release package, oldest first, as a file.",
            responses={"200": json_body("An OCDS 1.1 release package")},
        ),
        "/api/ocds/releases/{ocid}/": operation(
            "ocds",
            "ocds_release_detail",
            "The releases of one contracting process",
            "Every release of one tender, oldest first.",
            [ocid],
            {"200": json_body("An OCDS 1.1 release package"), "404": NOT_FOUND_PAGE},
        ),
        "/api/ocds/records/": operation(
            "ocds",
            "ocds_records",
            "List the records of every tender",
            f"One record per published tender (its releases and compiled release), "
            f"{settings.SHAFAF_OCDS_PAGE_SIZE} a page.",
            [PAGE],
            {"200": record_package},
        ),
        "/api/ocds/records/{ocid}/": operation(
            "ocds",
            "ocds_record_detail",
            "The record of one contracting process",
            "The releases and the compiled release of one tender.",
            [ocid],
            {"200": json_body("An OCDS 1.1 record package"), "404": NOT_FOUND_PAGE},
        ),
    }


def _export_paths():
    from cms.exports.datasets import DATASETS

    return {
        "/api/exports/": operation(
            "exports",
            "exports_index",
            "List the bulk downloads",
            "Every dataset with its columns and its CSV and JSON addresses, and the licence.",
            responses={"200": json_body("The datasets, the licence and how to read the files")},
        ),
        "/api/exports/{name}.{fmt}": operation(
            "exports",
            "exports_download",
            "Download one dataset",
            "Every published row of one dataset in both languages, as CSV or JSON.",
            [
                param("name", "The dataset.", location="path", schema={"enum": list(DATASETS)}),
                param("fmt", "The file format.", location="path", schema={"enum": ["csv", "json"]}),
            ],
            {
                "200": content("The dataset", {"text/csv": CSV, "application/json": JSON_OBJECT}),
                "404": NOT_FOUND_PAGE,
            },
        ),
    }


def _council_paths():
    from cms.council.api import PAGE_SIZE

    paths = {
        "/api/council/popolo.json": operation(
            "council",
            "council_popolo",
            "The whole council as Popolo JSON",
            "Persons, organizations, memberships, posts, events, motions and vote events.",
            responses={"200": json_body("A Popolo document")},
        ),
        "/api/council/meetings.ics": operation(
            "council",
            "council_meetings_calendar",
            "Council meetings as a calendar",
            "The newest meetings of every language, past and upcoming, as iCalendar.",
            responses={"200": content("An iCalendar file", {"text/calendar": {"type": "string"}})},
        ),
    }
    lists = [
        ("persons", "council members"),
        ("organizations", "the council and its committees"),
        ("motions", "motions"),
        ("vote_events", "votes on motions"),
    ]
    for name, what in lists:
        paths[f"/api/council/{name}/"] = operation(
            "council",
            f"council_{name}",
            f"List {what}",
            f"Popolo objects of {what}, {PAGE_SIZE} a page.",
            [PAGE],
            {"200": json_body(f"A page of {what}", {"$ref": "#/components/schemas/PopoloList"})},
        )
    return paths


def _tariff_paths():
    year = param("year", "Jalali fiscal year.", "integer", location="path", example=1403)
    return {
        "/api/services/tariffs/{year}.json": operation(
            "services",
            "services_tariffs_json",
            "A year's tariffs as JSON",
            "Every fee of a published tariff table: code, title, unit, amount (IRR), legal "
            "basis, effective date.",
            [year],
            {"200": json_body("The tariff table"), "404": NOT_FOUND_PAGE},
        ),
        "/api/services/tariffs/{year}.csv": operation(
            "services",
            "services_tariffs_csv",
            "A year's tariffs as CSV",
            "The same fees as the JSON, one row each.",
            [year],
            {"200": content("The tariff table", {"text/csv": CSV}), "404": NOT_FOUND_PAGE},
        ),
    }


def _poll_results_csv_path():
    poll_id = param("poll_id", "The poll's id.", "integer", location="path")
    return {
        "/api/participation/polls/{poll_id}/results.csv": operation(
            "participation",
            "participation_poll_results_csv",
            "A poll's full results as CSV",
            "For council members and staff signed in to the site, whatever the public may see.",
            [poll_id],
            {
                "200": content("The results", {"text/csv": CSV}),
                "403": {"description": "Not allowed to see every result"},
                "404": NOT_FOUND_PAGE,
            },
        )
    }


def open_data_paths():
    """The plain-Django open data of cms and participation: OCDS, exports, council, tariffs."""
    return {
        **_ocds_paths(),
        **_export_paths(),
        **_council_paths(),
        **_tariff_paths(),
        **_poll_results_csv_path(),
    }
