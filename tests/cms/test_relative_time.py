"""How long ago, as people say it: "۳ روز پیش" for the last week, the Jalali date after that."""

import datetime

from django.utils import timezone, translation

from cms.templatetags.shafaf import jalali, jalali_time, relative_time


def test_a_recent_time_reads_as_days_ago_in_persian_digits_with_its_date_as_title():
    three_days_ago = timezone.now() - datetime.timedelta(days=3, minutes=1)
    with translation.override("fa"):
        html = relative_time(three_days_ago)
        assert "۳\xa0روز پیش" in html  # a no-break space keeps the number with its unit
        assert f'title="{jalali(three_days_ago)}"' in html
    assert html.startswith('<time datetime="')


def test_in_english_it_reads_as_days_ago_in_latin_digits():
    with translation.override("en"):
        html = relative_time(timezone.now() - datetime.timedelta(days=3, minutes=1))
        assert "3\xa0days ago" in html


def test_after_a_week_the_jalali_date_itself_is_shown():
    old = timezone.now() - datetime.timedelta(days=8)
    with translation.override("fa"):
        assert relative_time(old) == jalali_time(old)


def test_no_time_shows_nothing():
    assert relative_time(None) == ""
