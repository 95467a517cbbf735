"""Search in a real browser: the header box suggests pages as you type, the results page
highlights and narrows, and all of it works without JavaScript."""

import datetime
import re

import pytest
from django.core.cache import cache

from cms import models
from tests.cms import factories
from tests.e2e.pages import VIEWPORTS, open_page

pytestmark = pytest.mark.e2e

# Written with Arabic ي and ك, as many keyboards type it; the pages use Persian ی and ک.
ARABIC_QUERY = "كتابخانه"
ARABIC_PREFIX = "كتابخا"


@pytest.fixture
def library_pages(wagtail_root, home, sections):
    """Three pages about libraries, of three types, two of them tagged."""
    news = factories.NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        title="افتتاح کتابخانه‌ی عمومی شهید بهشتی",
        summary="کتابخانه‌ی تازه با ظرفیت دویست نفر در بوستان ولایت گشایش یافت.",
        date=datetime.date(2024, 6, 10),
        tags=["فرهنگی"],
    )
    tender = factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        title="مناقصه‌ی خرید کتاب برای کتابخانه‌های محله",
        summary="خرید پنج هزار جلد کتاب برای کتابخانه‌های محله‌ای شهر.",
        tags=["فرهنگی"],
    )
    project = factories.ProjectPageFactory(
        parent=sections[models.ProjectIndexPage],
        title="بازسازی ساختمان کتابخانه‌ی مرکزی",
        summary="مقاوم‌سازی و نوسازی تأسیسات کتابخانه‌ی مرکزی شهر.",
    )
    cache.clear()
    return {"news": news, "tender": tender, "project": project}


def header_box(page):
    return page.locator("#site-search-q")


def test_header_box_suggests_pages_for_arabic_letters_and_opens_one_by_keyboard(
    browser, live_server, library_pages, artifacts
):
    page, errors = open_page(browser, live_server.url + "/", VIEWPORTS["desktop"])
    box = header_box(page)
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"

    box.focus()
    page.keyboard.type(ARABIC_PREFIX)
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    options = listbox.get_by_role("option")
    options.first.wait_for()

    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.get_attribute("role") == "listbox"
    titles = options.locator(".suggestions__title").all_inner_texts()
    assert library_pages["news"].title in titles
    page.screenshot(path=artifacts / "search-suggestions-desktop.png")

    target = titles.index(library_pages["news"].title)
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    active = options.nth(target)
    assert box.get_attribute("aria-activedescendant") == active.get_attribute("id")
    assert active.get_attribute("aria-selected") == "true"
    assert box.evaluate("element => element === document.activeElement")

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == live_server.url + library_pages["news"].url
    assert page.locator("h1").inner_text() == library_pages["news"].title
    assert errors == []


def test_up_arrow_wraps_to_the_last_suggestion_and_escape_closes_the_list(
    browser, live_server, library_pages, artifacts
):
    page, errors = open_page(browser, live_server.url + "/", VIEWPORTS["mobile"])
    box = header_box(page)
    box.fill(ARABIC_QUERY)
    options = page.locator("#site-search-suggestions [role=option]")
    options.first.wait_for()

    page.keyboard.press("ArrowUp")
    assert box.get_attribute("aria-activedescendant") == options.last.get_attribute("id")
    page.screenshot(path=artifacts / "search-suggestions-mobile.png")

    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None
    assert page.locator("#site-search-suggestions").is_hidden()
    assert box.input_value() == ARABIC_QUERY
    assert errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_submitting_the_header_box_shows_highlighted_results_and_facets(
    browser, live_server, library_pages, artifacts, viewport
):
    page, errors = open_page(browser, live_server.url + "/", VIEWPORTS[viewport])

    header_box(page).fill(ARABIC_QUERY)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert re.search(r"/search/\?q=", page.url)
    hits = page.locator(".search-hit")
    assert hits.count() == 3
    assert page.get_by_role("status").inner_text() == "۳ نتیجه"
    mark = hits.locator("mark").first
    assert mark.is_visible()
    assert mark.inner_text().startswith("کتابخانه")
    # The escaped XSS payload of the factories never runs: errors would say so.
    facets = page.locator(".search-facets")
    type_facet = facets.get_by_role("link", name=re.compile("^مناقصه"))
    if viewport == "mobile":
        assert not type_facet.is_visible()
        page.screenshot(path=artifacts / f"search-{viewport}.png", full_page=True)
        facets.locator("summary").click()
        page.screenshot(path=artifacts / f"search-{viewport}-facets-open.png", full_page=True)
    else:
        page.screenshot(path=artifacts / f"search-{viewport}.png", full_page=True)
    assert type_facet.is_visible()

    type_facet.click()
    page.wait_for_url(re.compile(r"type=tender"))
    assert page.locator(".search-hit").count() == 1
    chosen = page.locator(".search-facet [aria-current=true]").first
    assert chosen.text_content().startswith("مناقصه")
    if viewport == "mobile":  # the closed disclosure still says which filter is in force
        assert page.locator(".search-facets__chosen").inner_text().startswith("مناقصه")
    assert errors == []


def test_search_works_without_javascript(browser, live_server, library_pages, artifacts):
    page, _errors = open_page(browser, live_server.url + "/", VIEWPORTS["mobile"], javascript=False)
    box = header_box(page)
    assert box.get_attribute("role") is None
    assert page.locator("#site-search-suggestions").is_hidden()

    box.fill(ARABIC_QUERY)
    page.get_by_role("button", name="جست‌وجو").first.click()
    page.wait_for_url(re.compile(r"/search/\?q="))

    assert page.locator(".search-hit").count() == 3
    assert page.locator(".search-hit mark").first.is_visible()
    page.locator(".search-facets summary").click()
    page.locator(".search-facets").get_by_role("link", name=re.compile("^فرهنگی")).click()
    page.wait_for_url(re.compile(r"tag="))
    assert page.locator(".search-hit").count() == 2
    page.screenshot(path=artifacts / "search-mobile-nojs.png", full_page=True)


def test_search_page_box_also_suggests(browser, live_server, library_pages):
    page, errors = open_page(browser, live_server.url + "/search/", VIEWPORTS["desktop"])
    box = page.locator("#search-q")
    box.fill("بازسا")
    option = page.locator("#search-suggestions [role=option]").first
    option.wait_for()

    option.click()

    page.wait_for_url(live_server.url + library_pages["project"].url)
    assert errors == []
