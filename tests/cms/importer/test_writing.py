"""The JSON Lines importer: all-or-nothing writes, idempotence, dates, text, search."""

import datetime

from django.db import DatabaseError
from wagtail.models import Revision
from wagtail.signals import page_published

from cms.models import (
    BudgetPage,
    District,
    EventPage,
    LawIndexPage,
    LawPage,
    NewsIndexPage,
    NewsPage,
    ProjectPage,
    TenderPage,
)
from tests.cms.factories import LawPageFactory
from tests.cms.importer.items import (
    PAGE_MODELS,
    TEHRAN,
    all_items,
    budget,
    event,
    law,
    news,
    page_count,
    project,
    run,
    tender,
)
from tests.conftest import XSS


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


def test_budget_lines_are_saved_and_headings_sum_their_lines(home):
    run(budget())

    page = BudgetPage.objects.get()
    assert page.fiscal_year == 1403
    assert [line.code for line in page.line_items.all()] == ["1", "11", "12", "5"]
    assert page.totals["revenue"]["approved"] == 1000
    assert page.totals["balance"]["approved"] == 0


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


def test_imported_pages_are_indexed_for_search_in_bulk(home):
    report = run(
        *(news(source_id=f"news-{n}", title=f"بازگشايي بوستان محله‌ی {n}") for n in range(3))
    )

    assert report.ok
    assert NewsPage.objects.live().search("بوستان").count() == 3
