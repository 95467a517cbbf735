"""Smoke test in a real browser: the public site loads, reads right to left and logs no errors."""

import datetime

import pytest
from django.core.cache import cache

from cms import models
from tests.cms import factories
from tests.e2e.pages import VIEWPORTS, open_page

pytestmark = pytest.mark.e2e


@pytest.fixture
def content(wagtail_root, home, sections):
    """A little of everything, so the screenshots show a realistic page."""
    home.welcome = (
        "به درگاه شفافیت شهرداری خوش آمدید. قوانین، مناقصه‌ها، پروژه‌ها و بودجه‌ی شهر را اینجا ببینید."
    )
    home.save_revision().publish()
    for _ in range(2):
        factories.NewsPageFactory(parent=sections[models.NewsIndexPage], tags=["فضای سبز"])
        factories.TenderPageFactory(parent=sections[models.TenderIndexPage])
        factories.ProjectPageFactory(parent=sections[models.ProjectIndexPage])
    law = factories.LawPageFactory(
        parent=sections[models.LawIndexPage],
        number="۱۲۳/ش/۱۴۰۳",
        approval_date=datetime.date(2024, 5, 1),
        tags=["شورای شهر"],
    )
    models.LawDocument.objects.create(
        page=law, document=factories.DocumentFactory(title="متن کامل مصوبه")
    )
    cache.clear()
    return {"home": home, "law": law}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_home_page_reads_right_to_left(browser, live_server, content, artifacts, viewport):
    page, errors = open_page(browser, live_server.url + "/", VIEWPORTS[viewport])

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == content["home"].title
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.screenshot(path=artifacts / f"home-{viewport}.png", full_page=True)
    assert errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_law_page_shows_its_facts(browser, live_server, content, artifacts, viewport):
    law = content["law"]

    page, errors = open_page(browser, live_server.url + law.url, VIEWPORTS[viewport])

    assert page.locator("h1").inner_text() == law.title
    assert page.locator("html").get_attribute("lang") == "fa"
    assert "۱۲ اردیبهشت ۱۴۰۳" in page.locator(".facts").inner_text()
    assert page.locator(".document-link").count() == 1
    page.screenshot(path=artifacts / f"law-{viewport}.png", full_page=True)
    assert errors == []


def test_skip_link_is_first_and_moves_focus_to_the_content(browser, live_server, content):
    page, _errors = open_page(browser, live_server.url + "/", VIEWPORTS["desktop"])

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_law_filters_work_without_javascript(browser, live_server, content, artifacts, viewport):
    law = content["law"]
    index_url = live_server.url + law.get_parent().url
    page = browser.new_page(viewport=VIEWPORTS[viewport], java_script_enabled=False)
    page.goto(index_url)

    page.set_default_timeout(5000)
    status_label = page.locator("label[for=id_status]").inner_text()
    page.get_by_label(status_label).select_option("repealed")
    page.locator(".filters button[type=submit]").click()

    assert "status=repealed" in page.url
    assert page.locator(".card").count() == 0
    page.goto(index_url)
    page.screenshot(path=artifacts / f"law-index-{viewport}.png", full_page=True)
    assert page.locator(".card").count() == 1
