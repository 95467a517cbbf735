"""The Jalali calendar button of the admin date fields: its script, its options, its pages."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils import WagtailTestUtils

from cms import models
from cms.admin_dates import JalaliDateInput, JalaliDateTimeInput
from cms.council.models import CouncilIndexPage, MeetingPage

SCRIPT = "cms/js/jalali-datepicker.js"
STYLESHEET = "cms/css/jalali-datepicker.css"


def picker_options(html):
    """The options of the first calendar in ``html``, as the script reads them."""
    attribute = re.search(r'data-jalali-picker="([^"]*)"', html).group(1)
    return json.loads(attribute.replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.parametrize("widget", [JalaliDateInput, JalaliDateTimeInput])
def test_the_widget_brings_the_calendar_script_and_its_stylesheet(widget):
    media = widget().media

    assert SCRIPT in str(media["js"])
    assert STYLESHEET in str(media["css"])


def test_the_persian_calendar_has_persian_names_saturday_first_and_persian_digits():
    with translation.override("fa"):
        html = JalaliDateInput().render("approval_date", None)

    options = picker_options(html)
    assert options["mode"] == "date"
    assert options["digits"] == "fa"
    assert options["months"][1] == "اردیبهشت"
    assert options["weekdays"][0] == "شنبه" and options["weekdays"][6] == "جمعه"
    assert options["weekdays"][1] == "یک\u200cشنبه"
    assert options["weekdays_short"] == ["ش", "ی", "د", "س", "چ", "پ", "ج"]
    assert options["labels"]["close"] == "بستن"


def test_the_english_calendar_is_jalali_too_with_transliterated_names_and_ascii_digits():
    with translation.override("en"):
        html = JalaliDateTimeInput().render("submission_deadline", None)

    options = picker_options(html)
    assert options["mode"] == "datetime"
    assert options["digits"] == "en"
    assert options["months"][0] == "Farvardin"
    assert options["weekdays_short"][0] == "Sat"
    assert options["labels"]["open"] == "Choose a date from the calendar"


class TestTheEditorsDatePagesLoadTheCalendar(WagtailTestUtils):
    @pytest.fixture(autouse=True)
    def editor(self, client, db):
        client.force_login(self.create_test_user())

    @pytest.mark.parametrize(
        ("model", "section", "fields"),
        [
            (models.EventPage, models.EventIndexPage, ["start", "end"]),
            (
                models.TenderPage,
                models.TenderIndexPage,
                ["publish_date", "submission_deadline", "opening_date", "award_date"],
            ),
            (models.LawPage, models.LawIndexPage, ["approval_date", "effective_date"]),
            (MeetingPage, CouncilIndexPage, ["start", "end"]),
        ],
    )
    def test_the_add_page_has_a_calendar_on_every_date_field(
        self, client, sections, model, section, fields
    ):
        parent = sections[section]
        url = reverse(
            "wagtailadmin_pages:add",
            args=(model._meta.app_label, model._meta.model_name, parent.pk),
        )

        html = client.get(url).content.decode()

        assert f"/static/{SCRIPT}" in html
        assert f"/static/{STYLESHEET}" in html
        for field in fields:
            assert re.search(rf'<input[^>]*name="{field}"[^>]*data-jalali-picker=', html), field
