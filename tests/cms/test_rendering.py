"""The public pages render for citizens: Persian and RTL first, Jalali dates, escaped text."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.template.loader import get_template
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms import models
from cms.site_structure import SECTIONS
from cms.templatetags import shafaf
from tests.cms import factories
from tests.conftest import XSS

ESCAPED_XSS = "&lt;script&gt;"


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


@pytest.fixture
def news(sections):
    return factories.NewsPageFactory(
        parent=sections[models.NewsIndexPage], date=datetime.date(2024, 5, 1), tags=["فضای سبز"]
    )


@pytest.fixture
def law(sections):
    parent = sections[models.LawIndexPage]
    old = factories.LawPageFactory(parent=parent, number="۱۰/ش/۱۴۰۰")
    page = factories.LawPageFactory(
        parent=parent,
        number="۱۲۳/ش/۱۴۰۳",
        kind=models.LawPage.Kind.COUNCIL_RESOLUTION,
        approval_date=datetime.date(2024, 5, 1),
        effective_date=datetime.date(2024, 5, 20),
    )
    page.amends.add(old)
    page.save_revision().publish()
    document = factories.DocumentFactory()
    models.LawDocument.objects.create(page=page, document=document, caption="متن کامل")
    return models.LawPage.objects.get(pk=page.pk)


@pytest.fixture
def tender(sections):
    return factories.TenderPageFactory(parent=sections[models.TenderIndexPage])


@pytest.fixture
def project(sections):
    district = factories.DistrictFactory(name=f"منطقه‌ی یک {XSS}")
    page = factories.ProjectPageFactory(
        parent=sections[models.ProjectIndexPage],
        district=district,
        contractor=f"شرکت راه‌سازان {XSS}",
        start_date=datetime.date(2024, 5, 1),
        latitude="35.699700",
        longitude="51.337800",
    )
    models.ProjectGalleryImage.objects.create(
        page=page, image=factories.ImageFactory(), caption=f"نمای شمالی {XSS}"
    )
    return page


@pytest.fixture
def budget(sections):
    page = factories.BudgetPageFactory(
        parent=sections[models.BudgetIndexPage], fiscal_year=1403, approved_on="2024-05-01"
    )
    lines = [
        ("1", "", "revenue", "درآمدهای پایدار", None, None),
        ("1-1", "1", "revenue", "عوارض نوسازی", 8_000_000_000, 6_000_000_000),
        ("1-2", "1", "revenue", f"عوارض پروانه {XSS}", 2_000_000_000, 1_000_000_000),
        ("2", "", "expenditure", "هزینه‌های جاری", 9_000_000_000, 4_500_000_000),
    ]
    for position, (code, parent_code, kind, title, approved, actual) in enumerate(lines):
        models.BudgetLineItem.objects.create(
            page=page,
            sort_order=position,
            code=code,
            parent_code=parent_code,
            kind=kind,
            title=title,
            approved=approved,
            actual=actual,
        )
    return models.BudgetPage.objects.get(pk=page.pk)


@pytest.fixture
def event(sections):
    start = timezone.make_aware(datetime.datetime(2024, 5, 1, 17, 30))
    return factories.EventPageFactory(
        parent=sections[models.EventIndexPage], start=start, place=f"تالار {XSS}"
    )


@pytest.fixture
def staff(db):
    department = factories.DepartmentFactory(phone="۰۲۱-۱۲۳۴۵۶۷۸", description=XSS)
    return factories.StaffMemberFactory(department=department, phone="021 5555", extension="۱۲")


@pytest.fixture
def english(home):
    """An English locale with the home page translated and published."""
    locale = Locale.objects.create(language_code="en")
    english_home = home.copy_for_translation(locale)
    english_home.title = "Test municipality"
    english_home.save_revision().publish()
    cache.clear()  # Wagtail caches the site's root paths, which now include /en/
    return locale


def translate(page, locale):
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy.title = "Translated page"
    copy.save_revision().publish()
    return type(copy).objects.get(pk=copy.pk)


# Every page type


PAGE_FIXTURES = ["news", "law", "tender", "project", "budget", "event"]
SECTION_MODELS = [model for model, _slug, _title in SECTIONS]


@pytest.mark.parametrize("fixture", PAGE_FIXTURES)
def test_item_page_renders_in_persian_right_to_left(db, client, request, fixture):
    page = request.getfixturevalue(fixture)

    html = html_of(client, page)

    assert '<html lang="fa" dir="rtl">' in html
    assert f"<h1>{page.title}</h1>" in html


@pytest.mark.parametrize("fixture", PAGE_FIXTURES)
def test_item_page_escapes_editor_text(db, client, request, fixture):
    html = html_of(client, request.getfixturevalue(fixture))

    assert XSS not in html
    assert ESCAPED_XSS in html


@pytest.mark.parametrize("model", SECTION_MODELS, ids=lambda model: model.__name__)
def test_section_page_renders(client, sections, model):
    html = html_of(client, sections[model])

    assert 'dir="rtl"' in html
    assert f"<h1>{sections[model].title}</h1>" in html


def test_home_page_renders_with_menu_in_tree_order(client, home, sections):
    html = html_of(client, home)

    assert '<html lang="fa" dir="rtl">' in html
    positions = [html.index(f'href="{section.url}"') for section in home.get_children()]
    assert positions == sorted(positions)


def test_news_page_shows_the_jalali_date_in_persian_digits(client, news):
    html = html_of(client, news)

    assert '<time datetime="2024-05-01">۱۲ اردیبهشت ۱۴۰۳</time>' in html


def test_item_page_links_its_tags_to_the_section_filtered_by_tag(client, news, sections):
    html = html_of(client, news)

    index_url = sections[models.NewsIndexPage].url
    assert f'href="{index_url}?tag=%D9%81%D8%B6%D8%A7%DB%8C-%D8%B3%D8%A8%D8%B2"' in html
    assert "فضای سبز</a>" in html


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home, news, sections):
    html = html_of(client, news)

    trail = html[html.index('class="breadcrumbs') :]
    assert trail.index(f'href="{home.url}"') < trail.index(
        f'href="{sections[models.NewsIndexPage].url}"'
    )
    assert '<span aria-current="page">' in trail


def test_law_page_shows_identification_relations_and_documents(client, law):
    html = html_of(client, law)

    assert "۱۲۳/ش/۱۴۰۳" in html
    assert law.get_kind_display() in html
    assert law.approval_authority in html
    assert "۳۱ اردیبهشت ۱۴۰۳" in html  # effective date
    old = law.amends.get()
    assert f'href="{old.url}"' in html
    assert "PDF · " in html  # extension and size of the attached file


def test_amended_law_links_to_the_amending_text(client, law):
    old = law.amends.get()

    html = html_of(client, old)

    assert f'href="{law.url}"' in html


def test_repealed_law_says_which_text_repealed_it(client, law, sections):
    old = law.amends.get()
    old.status = models.LawPage.Status.REPEALED
    old.repealed_by = law
    old.save_revision().publish()

    html = html_of(client, old)

    assert 'role="note"' in html
    assert f'href="{law.url}"' in html


def test_tender_page_shows_value_and_timeline_in_tehran_time(client, tender):
    html = html_of(client, tender)

    assert "۱۲٬۵۰۰٬۰۰۰٬۰۰۰ ریال" in html
    assert '<time datetime="2024-05-20T14:00+03:30">۳۱ اردیبهشت ۱۴۰۳، ۱۴:۰۰</time>' in html


def test_awarded_tender_shows_the_award(client, tender):
    tender.status = models.TenderPage.Status.AWARDED
    tender.award_winner = "شرکت آسفالت‌گستر"
    tender.award_amount = 10_000_000_000
    tender.award_date = datetime.date(2024, 6, 1)
    tender.save_revision().publish()

    html = html_of(client, tender)

    assert "شرکت آسفالت‌گستر" in html
    assert "۱۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال" in html
    assert "۸۰٪" in html  # of the estimated value


def test_project_page_shows_progress_spending_location_and_gallery(client, project):
    html = html_of(client, project)

    assert '<progress id="project-progress" max="100" value="25">۲۵٪</progress>' in html
    assert "۴۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال" in html
    assert "https://www.openstreetmap.org/?mlat=35.699700&amp;mlon=51.337800" in html
    assert re.search(r'<img[^>]+alt="عکس پیشرفت کار \d+"', html)


def test_budget_page_shows_line_tree_totals_and_execution_rate(client, budget):
    html = html_of(client, budget)

    assert "۱۰٬۰۰۰٬۰۰۰٬۰۰۰ ریال" in html  # heading 1 sums its two lines
    assert 'class="row--heading"' in html
    assert 'class="budget-line budget-line--depth-1"' in html
    assert "۷۰٫۰٪" in html  # revenue actual / approved
    assert "۱٬۰۰۰٬۰۰۰٬۰۰۰ ریال" in html  # approved balance: 10 - 9 billion


def test_event_page_shows_start_in_tehran_time_and_place(client, event):
    html = html_of(client, event)

    assert "۱۲ اردیبهشت ۱۴۰۳، ۱۷:۳۰" in html
    assert "تالار" in html


def test_staff_directory_lists_departments_and_phone_links(client, sections, staff):
    html = html_of(client, sections[models.StaffDirectoryPage])

    assert staff.full_name in html
    assert staff.department.name in html
    assert 'href="tel:0215555"' in html
    assert 'href="tel:02112345678"' in html
    assert XSS not in html


def test_body_blocks_render_escaped(client, sections):
    document = factories.DocumentFactory()
    page = factories.StandardPageFactory(
        parent=sections[models.StandardPage],
        body=[
            ("heading", {"text": f"سرفصل {XSS}", "level": "h3"}),
            ("paragraph", RichText("<p>متن <b>پررنگ</b></p>")),
            ("quote", {"text": f"نقل قول {XSS}", "source": "شهردار"}),
            ("document", {"document": document, "title": ""}),
            (
                "table",
                {"caption": "جدول", "header": ["ستون", XSS], "rows": [["۱", XSS]]},
            ),
        ],
    )

    html = html_of(client, page)

    assert XSS not in html
    assert '<h3 class="block-heading">سرفصل &lt;script&gt;' in html
    assert "<b>پررنگ</b>" in html
    assert "<cite>شهردار</cite>" in html
    assert f'href="{document.url}"' in html
    assert "<caption>جدول</caption>" in html


def test_draft_page_is_not_served(client, sections):
    draft = factories.NewsPageFactory(parent=sections[models.NewsIndexPage], live=False)

    assert client.get(draft.url).status_code == 404


# Languages


def test_english_translation_renders_left_to_right_with_english_jalali_date(client, english, news):
    translated = translate(news, english)

    response = client.get(translated.url)

    assert translated.url.startswith("/en/")
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "12 Ordibehesht 1403" in html


def test_language_switch_links_to_the_translation_of_the_page(client, english, news):
    translated = translate(news, english)

    html = html_of(client, news)

    assert f'href="{translated.url}" hreflang="en" lang="en"' in html


def test_language_switch_falls_back_to_the_english_home_page(client, english, news):
    html = html_of(client, news)

    assert 'href="/en/" hreflang="en" lang="en"' in html


def test_no_language_switch_without_an_english_site(client, news):
    assert 'class="language-switch"' not in html_of(client, news)


def test_not_found_page_is_translated(client, english):
    persian = client.get("/no-such-page/")
    english_response = client.get("/en/no-such-page/")

    assert persian.status_code == english_response.status_code == 404
    assert '<html lang="fa" dir="rtl">' in persian.content.decode()
    html = english_response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "<h1>Page not found</h1>" in html


def test_server_error_page_renders_without_request_or_database():
    # Without the db fixture any query would raise: the page must not need one.
    html = get_template("500.html").render()

    assert 'dir="rtl"' in html
    assert "<h1>" in html


# Formatting filters


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fa", "۱۲٬۵۰۰٬۰۰۰٬۰۰۰ ریال"), ("en", "12,500,000,000 rials")],
)
def test_money_groups_thousands_in_the_reader_language(language, expected):
    with translation.override(language):
        assert shafaf.money(12_500_000_000, "IRR") == expected


def test_money_keeps_the_minus_sign_of_a_deficit():
    with translation.override("fa"):
        assert shafaf.money(-1500, "IRR") == "\u2066\u2212۱٬۵۰۰\u2069 ریال"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("fa", datetime.date(2024, 5, 1), "۱۲ اردیبهشت ۱۴۰۳"),
        ("en", datetime.date(2024, 5, 1), "12 Ordibehesht 1403"),
        # 20:45 UTC is 00:15 the next day in Tehran
        (
            "fa",
            datetime.datetime(2024, 5, 1, 20, 45, tzinfo=datetime.UTC),
            "۱۳ اردیبهشت ۱۴۰۳، ۰۰:۱۵",
        ),
        (
            "en",
            datetime.datetime(2024, 3, 19, 21, 0, tzinfo=datetime.UTC),
            "1 Farvardin 1403, 00:30",
        ),
    ],
)
def test_jalali_shows_tehran_calendar_day(language, value, expected):
    with translation.override(language):
        assert shafaf.jalali(value) == expected


def test_percent_and_digits_follow_the_language():
    with translation.override("fa"):
        assert shafaf.percent(87.5, 1) == "۸۷٫۵٪"
        assert shafaf.fa_digits("35.6997") == "۳۵٫۶۹۹۷"
    with translation.override("en"):
        assert shafaf.percent(87.5, 1) == "87.5%"
        assert shafaf.fa_digits(1403) == "1403"
