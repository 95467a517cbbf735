"""The Jalali calendar of the admin date fields in a real browser.

Its conversion agrees with jdatetime (which the server parses with) on a few hundred days,
leap years included; an editor picks a tender's deadline with the keyboard alone and the
database keeps the right instant in UTC.
"""

import datetime
from pathlib import Path

import jdatetime
import pytest
from wagtail.users.models import UserProfile

from cms import models
from tests.cms import factories
from tests.e2e.pages import VIEWPORTS, open_page
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.e2e

SCRIPT = Path(__file__).parents[2] / "cms" / "static" / "cms" / "js" / "jalali-datepicker.js"
PASSWORD = "a-long-test-password"


def sample_days():
    """Every 163rd day from 1960 to 2060, and the days around each Nowruz of 1395-1410."""
    days = [datetime.date(1960, 1, 1) + datetime.timedelta(days=163 * n) for n in range(225)]
    for year in range(1395, 1411):
        nowruz = jdatetime.date(year, 1, 1).togregorian()
        days += [nowruz - datetime.timedelta(days=2), nowruz - datetime.timedelta(days=1), nowruz]
    return days


def test_the_calendar_converts_dates_as_jdatetime_does(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(SCRIPT))
    days = sample_days()
    assert len(days) >= 200

    converted = page.evaluate(
        """days => days.map(([y, m, d]) => {
            const j = ShafafJalali.toJalaali(y, m, d);
            const g = ShafafJalali.toGregorian(j.jy, j.jm, j.jd);
            return [j.jy, j.jm, j.jd, g.gy, g.gm, g.gd];
        })""",
        [[day.year, day.month, day.day] for day in days],
    )
    leap_years = page.evaluate(
        "years => years.filter(year => ShafafJalali.isLeapJalaaliYear(year))",
        list(range(1350, 1451)),
    )
    esfand = page.evaluate("[1399, 1400, 1403, 1404].map(y => ShafafJalali.monthLength(y, 12))")
    context.close()

    for day, (jy, jm, jd, gy, gm, gd) in zip(days, converted, strict=True):
        expected = jdatetime.date.fromgregorian(date=day)
        assert (jy, jm, jd) == (expected.year, expected.month, expected.day), day
        assert datetime.date(gy, gm, gd) == day
    assert leap_years == [y for y in range(1350, 1451) if jdatetime.date(y, 1, 1).isleap()]
    assert {1399, 1403} <= set(leap_years)
    assert esfand == [30, 29, 30, 29]


@pytest.fixture
def tender(wagtail_root, home, sections):
    return factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        title="مناقصه‌ی لکه‌گیري آسفالت معابر منطقه‌ی يك",
        # 1403/02/31 14:00 in Tehran, the last day of Ordibehesht.
        submission_deadline=datetime.datetime(2024, 5, 20, 10, 30, tzinfo=datetime.UTC),
    )


def signed_in_editor(browser, live_server, language="fa"):
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    page, errors = open_page(browser, live_server.url + "/admin/login/", VIEWPORTS["desktop"])
    page.locator("input[name=username]").fill(editor.username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()
    return page, errors


def test_an_editor_picks_a_deadline_with_the_keyboard_and_it_is_stored_in_utc(
    browser, live_server, tender, artifacts
):
    page, errors = signed_in_editor(browser, live_server)
    page.goto(f"{live_server.url}/admin/pages/{tender.pk}/edit/")
    field = page.locator("input[name=submission_deadline]")
    assert field.input_value() == "۱۴۰۳/۰۲/۳۱ ۱۴:۰۰"

    field.focus()
    page.keyboard.press("Tab")  # to the calendar button beside the field
    toggle = page.locator(".jalali-picker:has(input[name=submission_deadline]) button").first
    assert toggle.evaluate("button => button === document.activeElement")
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="اردیبهشت ۱۴۰۳")
    assert dialog.is_visible()
    focused = page.locator(":focus")
    assert focused.get_attribute("aria-label") == "۳۱ اردیبهشت ۱۴۰۳"
    assert focused.get_attribute("aria-selected") == "true"
    assert toggle.get_attribute("aria-expanded") == "true"
    # Saturday first, Friday the weekend: 2024-05-20 was a Monday, the third column.
    assert focused.evaluate("cell => cell.cellIndex") == 2
    headers = dialog.locator("thead th")
    assert headers.first.get_attribute("abbr") == "شنبه"
    assert "jalali-picker__weekend" in headers.nth(6).get_attribute("class")
    page.keyboard.press("ArrowDown")  # a week later, in Khordad
    page.keyboard.press("ArrowLeft")  # right to left: the next day
    assert page.get_by_role("dialog", name="خرداد ۱۴۰۳").is_visible()
    assert page.locator(":focus").get_attribute("aria-label") == "۸ خرداد ۱۴۰۳"
    page.screenshot(path=artifacts / "jalali-datepicker.png")
    page.keyboard.press("Enter")

    assert field.input_value() == "۱۴۰۳/۰۳/۰۸ ۱۴:۰۰"  # the time is kept
    assert page.evaluate("document.activeElement.name") == "submission_deadline"
    assert not dialog.is_visible()
    toggle.click()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.name") == "submission_deadline"
    assert field.input_value() == "۱۴۰۳/۰۳/۰۸ ۱۴:۰۰"

    with page.expect_navigation():
        page.locator("button[name=action-publish]").evaluate("button => button.click()")
    tender.refresh_from_db()
    # 1403/03/08 is 2024-05-28; 14:00 in Tehran (UTC+3:30) is 10:30 UTC.
    assert tender.submission_deadline == datetime.datetime(2024, 5, 28, 10, 30, tzinfo=datetime.UTC)
    # No script error; the admin's avatars (Gravatar) are out of reach in the test machine.
    assert [error for error in errors if not error.startswith("Failed to load resource")] == []
    page.context.close()


def test_in_the_english_admin_the_calendar_is_jalali_with_gregorian_hints(
    browser, live_server, tender
):
    page, errors = signed_in_editor(browser, live_server, language="en")
    page.goto(f"{live_server.url}/admin/pages/{tender.pk}/edit/")
    field = page.locator("input[name=publish_date]")
    assert field.input_value() == "1403/02/12"

    page.locator(".jalali-picker:has(input[name=publish_date]) button").first.click()
    dialog = page.get_by_role("dialog", name="Ordibehesht 1403")
    assert dialog.locator("thead th").first.inner_text() == "Sat"
    day = dialog.get_by_role("gridcell", name="14 Ordibehesht 1403 (3 May 2024)")
    day.click()

    assert field.input_value() == "1403/02/14"
    assert not dialog.is_visible()
    assert [error for error in errors if not error.startswith("Failed to load resource")] == []
    page.context.close()
