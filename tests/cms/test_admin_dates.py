"""Editors read and type Jalali dates in the admin; the database keeps Gregorian dates and UTC."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms import models
from cms.admin_dates import JalaliDateField, JalaliDateInput, JalaliDateTimeField

TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.mark.parametrize(
    "typed", ["1403/02/12", "۱۴۰۳/۰۲/۱۲", "١٤٠٣/٠٢/١٢", "1403-2-12", "2024-05-01", " ۱۴۰۳/۲/۱۲ "]
)
def test_a_date_is_read_in_jalali_or_gregorian_with_any_digits(typed):
    assert JalaliDateField().clean(typed) == datetime.date(2024, 5, 1)


@pytest.mark.parametrize("typed", ["1403/13/01", "1403/12/31", "۱۴۰۳ اردیبهشت", "31/02/1403"])
def test_a_date_that_is_not_real_is_refused_with_a_clear_message(typed):
    with translation.override("en"):
        with pytest.raises(Exception) as refusal:
            JalaliDateField().clean(typed)

        assert "1403/02/12 (Jalali)" in str(refusal.value)


def test_a_date_and_time_is_tehran_wall_clock_time_stored_as_an_instant():
    moment = JalaliDateTimeField().clean("۱۴۰۳/۰۲/۱۲ ۱۴:۳۰")

    assert moment == datetime.datetime(2024, 5, 1, 14, 30, tzinfo=TEHRAN)
    assert JalaliDateTimeField().clean("2024-05-01T14:30") == moment


def test_the_widget_shows_jalali_with_the_digits_of_the_admin_language():
    with translation.override("fa"):
        persian = JalaliDateInput().render("approval_date", datetime.date(2024, 5, 1))
    with translation.override("en"):
        english = JalaliDateInput().render("approval_date", datetime.date(2024, 5, 1))

    assert 'value="۱۴۰۳/۰۲/۱۲"' in persian
    assert 'value="1403/02/12"' in english


class TestJalaliDatesInThePageEditor(WagtailTestUtils):
    @pytest.fixture(autouse=True)
    def editor(self, client, db):
        client.force_login(self.create_test_user())

    def test_an_editor_creates_a_law_with_jalali_dates_and_sees_them_again(self, client, sections):
        index = sections[models.LawIndexPage]
        form = nested_form_data(
            {
                "title": "آیین‌نامه‌ی ساماندهي مشاغل",
                "slug": "ayinname",
                "summary": "",
                "body": streamfield([("paragraph", rich_text("<p>متن</p>"))]),
                "tags": "",
                "comments": inline_formset([]),
                "citizen_comments": "closed",
                "number": "۱۲/ش/۱۴۰۳",
                "kind": "regulation",
                "status": "in_force",
                "approval_authority": "شورای اسلامی شهر",
                "approval_date": "۱۴۰۳/۰۱/۳۱",
                "effective_date": "۱۴۰۳/۰۲/۱۲",
                "repealed_by": "",
                "documents": inline_formset([]),
                "action-publish": "publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=("cms", "lawpage", index.pk))

        response = client.post(url, form)

        assert response.status_code == 302, response.content.decode()[:2000]
        law = models.LawPage.objects.get(slug="ayinname")
        assert law.approval_date == datetime.date(2024, 4, 19)
        assert law.effective_date == datetime.date(2024, 5, 1)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=(law.pk,))).content.decode()
        assert 'value="۱۴۰۳/۰۲/۱۲"' in edit

    def test_a_wrong_date_is_shown_again_with_its_error_and_nothing_is_created(
        self, client, sections
    ):
        event_index = sections[models.EventIndexPage]
        form = nested_form_data(
            {
                "title": "نشست هم‌انديشي بودجه",
                "slug": "neshast",
                "summary": "",
                "body": streamfield([]),
                "tags": "",
                "comments": inline_formset([]),
                "citizen_comments": "closed",
                "start": "۱۴۰۳/۱۳/۰۱ ۱۰:۰۰",
                "end": "",
                "place": "تالار شهر",
                "address": "",
                "action-publish": "publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=("cms", "eventpage", event_index.pk))

        response = client.post(url, form)

        html = response.content.decode()
        assert response.status_code == 200
        assert 'value="۱۴۰۳/۱۳/۰۱ ۱۰:۰۰"' in html
        assert not models.EventPage.objects.filter(slug="neshast").exists()
