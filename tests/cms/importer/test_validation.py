"""The JSON Lines importer refuses bad lines: every one reported with its number, nothing written."""

import json

import pytest
from django.utils import translation

from cms.importer import import_lines
from cms.models import (
    BudgetPage,
    TenderIndexPage,
)
from tests.cms.factories import TenderPageFactory
from tests.cms.importer.items import (
    budget,
    event,
    law,
    news,
    page_count,
    project,
    run,
    tender,
)


def test_reasons_are_reported_in_persian_by_default(home):
    with translation.override("fa"):
        report = import_lines(["{not json"])
    assert not report.ok
    assert report.errors[0].message.startswith("JSON معتبر نیست")


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("{not json", "Not valid JSON"),
        (json.dumps({"type": "poem", "source_id": "x", "title": "شعر"}), "Unknown type"),
        (json.dumps(news(title="")), "title is required"),
        (json.dumps(news(source_id=None)), "source_id is required"),
        (json.dumps(news(date="1403/13/40")), "date: not a real date"),
        (json.dumps(news(kind="rumour")), "kind: must be one of"),
        (json.dumps(news(tags="شفافیت")), "tags: expected a list"),
        (json.dumps(news(colour="red")), "Unknown keys: colour"),
        (json.dumps(news(language="en")), "Only the language fa"),
        (json.dumps(news(source_id="news-0")), "source_id news-0 is already used on line 1"),
        (json.dumps(event(end="1403/02/11 09:00")), "cannot end before it starts"),
        (json.dumps(tender(status="awarded")), "Required once the status is Awarded"),
        (json.dumps(project(status="done", progress=90)), "100 percent done"),
        (json.dumps(project(progress=120)), "progress: must be at most 100"),
        (json.dumps(project(longitude=None)), "both latitude and longitude"),
        (json.dumps(law(effective_date="1403/01/01")), "take effect before it is approved"),
        (json.dumps(law(amends=["law-404"])), "No law with source_id law-404"),
        (json.dumps(law(status="repealed")), "Say which text repealed this one"),
        (json.dumps(budget(fiscal_year=1250)), "fiscal_year: must be at least 1300"),
    ],
)
def test_bad_line_is_reported_with_its_number_and_nothing_is_written(home, bad_line, reason):
    good = json.dumps(news(source_id="news-0"), ensure_ascii=False)

    report = import_lines([good, bad_line])

    assert not report.ok
    assert [error.line_number for error in report.errors] == [2] * len(report.errors)
    assert any(reason in error.message for error in report.errors), report.errors
    assert page_count() == 0


def test_every_bad_line_is_reported_not_just_the_first(home):
    report = run(
        news(), news(source_id="n-2", date="فردا"), event(), event(source_id="e-2", place="")
    )

    assert sorted({error.line_number for error in report.errors}) == [2, 4]
    assert str(report.errors[0]).startswith("line 2: ")


def test_blank_lines_are_skipped_but_counted_in_line_numbers(home):
    report = import_lines(["", json.dumps(news(date="bad"))])

    assert report.errors[0].line_number == 2


def test_tender_reference_number_used_on_the_site_is_refused(sections):
    TenderPageFactory(parent=sections[TenderIndexPage], reference_number="م‌ع/۱۴۰۳/۰۰۴")

    report = run(tender())

    assert "Another tender or auction already has this reference number" in report.errors[0].message


def test_amendment_cycle_is_refused(home):
    report = run(law(amends=["law-2"]), law(source_id="law-2", number="۲", amends=["law-1"]))

    assert {error.line_number for error in report.errors} == {1, 2}
    assert "cycle" in report.errors[0].message
    assert page_count() == 0


def test_law_that_amends_itself_is_refused(home):
    report = run(law(amends=["law-1"]))

    assert "cannot amend or repeal itself" in report.errors[0].message


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (
            [{"code": "11", "parent_code": "9", "title": "x", "kind": "revenue", "approved": 1}],
            "budget line 1 (11): Parent code 9 is not in this budget",
        ),
        (
            [
                {"code": "1", "title": "x", "kind": "revenue", "approved": 5},
                {"code": "11", "parent_code": "1", "title": "y", "kind": "revenue", "approved": 5},
            ],
            "budget line 1 (1): Line 1 has sub-lines",
        ),
        ([{"code": "1", "title": "x", "kind": "revenue"}], "Line 1 needs an approved amount"),
        (
            [
                {"code": "1", "title": "x", "kind": "revenue", "approved": 1},
                {"code": "1", "title": "y", "kind": "revenue", "approved": 1},
            ],
            "used twice",
        ),
        (
            [{"code": "1", "title": "x", "kind": "income", "approved": 1}],
            "budget line 1: must be one of",
        ),
        (
            [{"code": "1", "title": "x", "kind": "revenue", "approved": -5}],
            "budget line 1: must be at least 0",
        ),
    ],
)
def test_budget_line_errors_name_the_budget_line(home, lines, reason):
    report = run(budget(lines=lines))

    assert report.errors[0].line_number == 1
    assert any(reason in error.message for error in report.errors), report.errors
    assert BudgetPage.objects.count() == 0
