"""Headless Chromium (Debian's package) driven by Playwright, against pytest-django's live server."""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.e2e.axe import assert_no_violations, axe_script

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
# threads with a running loop unless told that this is intended (only tests do this).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    """The Chromium to drive: $CHROMIUM, else Debian's /usr/bin/chromium. Fails, never skips."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not (Path(path).is_file() or shutil.which(path)):
        pytest.fail(
            f"Chromium not found at {path!r}: install it (apt-get install chromium) "
            "or set CHROMIUM to its path.",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def wagtail_root(transactional_db):
    """The root page, root collection and default locale that Wagtail's migrations create.

    The live server needs committed data, so these tests run in transactional mode, whose
    flush removes migration data. (serialized_rollback would restore it, but Playwright's
    event loop hides the connection that carries the serialized copy.)
    """
    from wagtail.models import Collection, Locale, Page

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    return root


@pytest.fixture
def axe():
    """``axe(page)`` fails the test, naming rule and element, on any WCAG 2.2 AA violation."""
    axe_script()  # fails at once if axe-core is missing or not the pinned version
    return assert_no_violations


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for ``screenshots_on_failure``."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(autouse=True)
def screenshots_on_failure(request):
    """Every page a failed browser test left open is saved in artifacts/ as it was; then
    the contexts the test opened are closed, passed or failed."""
    if "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    before = set(browser.contexts)
    yield
    opened = [context for context in browser.contexts if context not in before]
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w-]+", "-", request.node.name)
        pages = [page for context in opened for page in context.pages]
        for number, page in enumerate(pages, start=1):
            page.screenshot(path=ARTIFACTS / f"failed-{name}-{number}.png", full_page=True)
    for context in opened:
        context.close()
