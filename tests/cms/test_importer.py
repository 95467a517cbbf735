"""The JSON Lines importer: validation of every line, all-or-nothing writes, idempotence."""

import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError
from django.utils import translation
from wagtail.models import Revision
from wagtail.signals import page_published

from cms.importer import import_lines
from cms.models import (
    BudgetPage,
    District,
    EventPage,
    LawIndexPage,
    LawPage,
    NewsIndexPage,
    NewsPage,
    ProjectPage,
    TenderIndexPage,
    TenderPage,
)
from tests.cms.factories import LawPageFactory, TenderPageFactory
from tests.conftest import XSS

TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.fixture(autouse=True)
def english():
    """Reasons are compared with their English msgids; one test checks the Persian."""
    with translation.override("en"):
        yield


def test_reasons_are_reported_in_persian_by_default(home):
    with translation.override("fa"):
        report = import_lines(["{not json"])
    assert not report.ok
    assert report.errors[0].message.startswith("JSON معتبر نیست")


PAGE_MODELS = [NewsPage, EventPage, LawPage, TenderPage, ProjectPage, BudgetPage]


def news(**fields):
    return {
        "type": "news",
        "source_id": "news-1",
        "title": "راه‌اندازي سامانه ۱۳۷ در شهرداري",
        "summary": "ثبت پيام‌ها به‌صورت برخط",
        "date": "1403/02/12",
        "body": "پاراگراف نخست.\n\nپاراگراف دوم.",
        "tags": ["شفافيت", "سامانه ۱۳۷"],
        **fields,
    }


def event(**fields):
    return {
        "type": "event",
        "source_id": "event-1",
        "title": "نشست هم‌انديشي شهر شفاف",
        "date": "۱۴۰۳/۰۲/۱۲ ۱۰:۳۰",
        "end": "1403/02/12 12:00",
        "place": "تالار شوراي شهر",
        **fields,
    }


def law(**fields):
    return {
        "type": "law",
        "source_id": "law-1",
        "title": "آيين‌نامه‌ی شفافیت",
        "number": "۱۰۶/ش/۱۴۰۳",
        "kind": "regulation",
        "approval_authority": "شورای اسلامی شهر",
        "date": "1403/04/17",
        **fields,
    }


def tender(**fields):
    return {
        "type": "tender",
        "source_id": "tender-1",
        "title": "مناقصه‌ی روکش آسفالت معابر",
        "reference_number": "م‌ع/۱۴۰۳/۰۰۴",
        "date": "1403/05/20",
        "submission_deadline": "1403/06/10 14:00",
        "estimated_value": "۸۵۰٬۰۰۰٬۰۰۰٬۰۰۰",
        **fields,
    }


def project(**fields):
    return {
        "type": "project",
        "source_id": "project-1",
        "title": "بوستان محله‌ای ياس",
        "status": "in_progress",
        "district": 3,
        "date": "1403/09/15",
        "budget": 372_000_000_000,
        "spent": 100_000_000_000,
        "progress": 30,
        "latitude": 34.6458,
        "longitude": 50.9102,
        **fields,
    }


def budget(**fields):
    return {
        "type": "budget",
        "source_id": "budget-1403",
        "title": "بودجه‌ی سال ۱۴۰۳",
        "fiscal_year": "۱۴۰۳",
        "lines": [
            {"code": "1", "title": "درآمدهای عمومی", "kind": "revenue"},
            {
                "code": "11",
                "parent_code": "1",
                "title": "عوارض",
                "kind": "revenue",
                "approved": 700,
                "revised": 750,
                "actual": 600,
            },
            {
                "code": "12",
                "parent_code": "1",
                "title": "بهای خدمات",
                "kind": "revenue",
                "approved": 300,
            },
            {"code": "5", "title": "هزینه‌های جاری", "kind": "expenditure", "approved": 1000},
        ],
        **fields,
    }


def run(*items, **options):
    return import_lines([json.dumps(item, ensure_ascii=False) for item in items], **options)


def page_count():
    return sum(model.objects.count() for model in PAGE_MODELS)


def all_items():
    return [news(), event(), law(), tender(), project(), budget()]


def test_good_file_creates_live_pages_of_every_type_under_their_sections(sections):
    report = run(*all_items())

    assert report.ok, report.errors
    assert report.totals()["created"] == 6
    for model in PAGE_MODELS:
        page = model.objects.get()
        assert page.live
        assert page.get_parent().specific_class.child_model is model
    assert NewsPage.objects.get().source_id == "news-1"


def test_missing_sections_are_created(db):
    report = run(news())

    assert report.ok, report.errors
    assert NewsPage.objects.get().get_parent().specific_class is NewsIndexPage


def test_reimporting_the_same_file_creates_nothing(home):
    run(*all_items())
    revisions = Revision.objects.count()

    report = run(*all_items())

    assert report.totals() == {"unchanged": 6}
    assert page_count() == 6
    assert Revision.objects.count() == revisions


def test_changed_item_is_updated_with_a_new_published_revision(home):
    run(news(), law())
    page = NewsPage.objects.get()
    revisions = page.revisions.count()

    report = run(news(title="عنوان تازه‌ی خبر"), law())

    assert report.count("news", "updated") == 1
    assert report.count("law", "unchanged") == 1
    page.refresh_from_db()
    assert page.title == "عنوان تازه‌ی خبر"
    assert page.live and not page.has_unpublished_changes
    assert page.revisions.count() == revisions + 1
    assert NewsPage.objects.count() == 1


def test_jalali_dates_and_persian_digits_are_read(home):
    run(news(date="۱۴۰۳/۰۲/۱۲"), event(), tender())

    assert NewsPage.objects.get().date == datetime.date(2024, 5, 1)
    start = EventPage.objects.get().start
    assert start == datetime.datetime(2024, 5, 1, 10, 30, tzinfo=TEHRAN)
    assert TenderPage.objects.get().estimated_value == 850_000_000_000


def test_iso_dates_and_times_are_read_too(home):
    run(news(date="2024-05-01"), event(date="2024-05-01T10:30", end="2024-05-01 12:00+03:30"))

    assert NewsPage.objects.get().date == datetime.date(2024, 5, 1)
    assert EventPage.objects.get().start == datetime.datetime(2024, 5, 1, 10, 30, tzinfo=TEHRAN)


def test_arabic_yeh_and_kaf_are_stored_as_persian_letters(home):
    run(news())

    page = NewsPage.objects.get()
    assert page.title == "راه‌اندازی سامانه ۱۳۷ در شهرداری"
    assert sorted(tag.name for tag in page.tags.all()) == ["سامانه ۱۳۷", "شفافیت"]


def test_html_in_body_is_escaped_and_blank_lines_split_paragraphs(home):
    run(news(body=f"سطر یک {XSS}\nسطر دو\n\n<b>پاراگراف</b> دوم"))

    paragraphs = [block.value.source for block in NewsPage.objects.get().body]
    assert paragraphs == [
        "<p>سطر یک &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br/>سطر دو</p>",
        "<p>&lt;b&gt;پاراگراف&lt;/b&gt; دوم</p>",
    ]


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


def test_amendments_resolve_within_the_file_and_to_laws_on_the_site(sections):
    LawPageFactory(parent=sections[LawIndexPage], source_id="law-old", title="مصوبه‌ی قدیمی")

    report = run(law(), law(source_id="law-2", number="۲", amends=["law-1", "law-old"]))

    assert report.ok, report.errors
    amended = LawPage.objects.get(source_id="law-2").amends.all()
    assert sorted(page.source_id for page in amended) == ["law-1", "law-old"]


def test_repealed_law_points_at_a_law_later_in_the_same_file(home):
    report = run(
        law(status="repealed", repealed_by="law-2"),
        law(source_id="law-2", number="۲", date="1403/05/01"),
    )

    assert report.ok, report.errors
    repealed = LawPage.objects.get(source_id="law-1")
    assert repealed.repealed_by == LawPage.objects.get(source_id="law-2")


def test_amendment_cycle_is_refused(home):
    report = run(law(amends=["law-2"]), law(source_id="law-2", number="۲", amends=["law-1"]))

    assert {error.line_number for error in report.errors} == {1, 2}
    assert "cycle" in report.errors[0].message
    assert page_count() == 0


def test_law_that_amends_itself_is_refused(home):
    report = run(law(amends=["law-1"]))

    assert "cannot amend or repeal itself" in report.errors[0].message


def test_budget_lines_are_saved_and_headings_sum_their_lines(home):
    run(budget())

    page = BudgetPage.objects.get()
    assert page.fiscal_year == 1403
    assert [line.code for line in page.line_items.all()] == ["1", "11", "12", "5"]
    assert page.totals["revenue"]["approved"] == 1000
    assert page.totals["balance"]["approved"] == 0


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


def test_failure_while_writing_rolls_back_every_line(home):
    def fail_on_tender(sender, instance, **kwargs):
        if isinstance(instance, TenderPage):
            raise DatabaseError("disk full")

    page_published.connect(fail_on_tender)
    try:
        report = run(news(), law(), tender(), project())
    finally:
        page_published.disconnect(fail_on_tender)

    assert report.errors[0].line_number == 3
    assert "disk full" in report.errors[0].message
    assert report.counts == {}
    assert page_count() == 0
    assert not District.objects.exists()


def test_dry_run_counts_but_writes_nothing(home):
    report = run(*all_items(), dry_run=True)

    assert report.ok
    assert report.totals()["created"] == 6
    assert page_count() == 0


def test_live_false_imports_a_draft_and_unpublishes_a_live_page(home):
    run(news(live=False), law())
    assert not NewsPage.objects.get().live

    run(news(live=False), law(live=False))

    assert not LawPage.objects.get().live


def test_district_number_creates_a_missing_district_and_a_name_must_exist(home):
    District.objects.create(number=1, name="منطقه‌ی مرکزی")

    report = run(project(), project(source_id="project-2", district="منطقه‌ی مرکزی"))

    assert report.ok, report.errors
    assert report.districts_created == [3]
    assert ProjectPage.objects.get(source_id="project-2").district.number == 1
    assert run(project(district="منطقه‌ی ناموجود")).errors[0].message.startswith("No district")


def test_command_shows_progress_and_summary(home, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in all_items()), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    call_command("import_content", str(path), progress_every=2, stdout=out, stderr=err)

    assert "validated 2 of 6" in err.getvalue()
    assert "written 6 of 6" in err.getvalue()
    assert "news: 1 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "total: 6 created" in out.getvalue()


def test_command_fails_listing_bad_lines_and_writes_nothing(home, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(news()) + "\n" + json.dumps(event(place="")), encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_content", str(path), stdout=io.StringIO(), stderr=err)

    assert "line 2: place is required." in err.getvalue()
    assert page_count() == 0


def test_command_dry_run_says_nothing_was_written(home, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(news()), encoding="utf-8")
    out = io.StringIO()

    call_command("import_content", str(path), dry_run=True, stdout=out, stderr=io.StringIO())

    assert "1 would be created" in out.getvalue()
    assert NewsPage.objects.count() == 0


def test_command_help_explains_the_format(capsys):
    with pytest.raises(SystemExit):
        call_command("import_content", "--help")

    help_text = capsys.readouterr().out
    assert "JSON object" in help_text
    assert "1403/02/12" in help_text
    assert "--dry-run" in help_text


def test_imported_pages_are_indexed_for_search_in_bulk(home):
    report = run(
        *(news(source_id=f"news-{n}", title=f"بازگشايي بوستان محله‌ی {n}") for n in range(3))
    )

    assert report.ok
    assert NewsPage.objects.live().search("بوستان").count() == 3
