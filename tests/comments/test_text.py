"""How a stored body is shown (paragraphs, line breaks) and given back to edit (as typed)."""

import pytest

from participation.comments.text import as_typed, with_line_breaks
from participation.sanitize import clean_html
from tests.comments.helpers import XSS_CORPUS, dangerous_markup


def shown(typed):
    return str(with_line_breaks(clean_html(typed)))


def test_a_blank_line_starts_a_paragraph_and_a_newline_breaks_the_line():
    assert shown("سلام به همه\nخط دوم\n\nبند دوم") == "<p>سلام به همه<br>\nخط دوم</p><p>بند دوم</p>"


def test_windows_newlines_count_as_newlines():
    assert shown("يك\r\nدو") == "<p>يك<br>\nدو</p>"


def test_inline_markup_stays_inside_its_paragraph():
    assert shown("متن <strong>مهم</strong>\n\nبعدی") == "<p>متن <strong>مهم</strong></p><p>بعدی</p>"


def test_a_list_typed_one_item_a_line_gets_no_empty_lines():
    html = shown("<ul>\n<li>پارك</li>\n<li>کتاب‌خانه</li>\n</ul>")
    assert html == "<ul>\n<li>پارك</li>\n<li>کتاب‌خانه</li>\n</ul>"


def test_paragraphs_the_citizen_wrote_are_kept_as_they_are():
    assert shown("<p>یک</p>\n\n<p>دو</p>") == "<p>یک</p>\n\n<p>دو</p>"


def test_newlines_inside_a_quote_break_its_lines():
    assert "<blockquote>\nسطر يك<br>\nسطر دو\n</blockquote>" in shown(
        "<blockquote>\nسطر يك\nسطر دو\n</blockquote>"
    )


@pytest.mark.parametrize("payload", XSS_CORPUS)
def test_line_breaks_bring_no_markup_from_payloads(payload):
    assert dangerous_markup(shown(f"متن\n{payload}\n\nپایان")) == []


def test_what_is_shown_is_sanitized_again_whatever_is_stored():
    assert dangerous_markup(str(with_line_breaks("<img src=x onerror=alert(1)>\nمتن"))) == []


def test_as_typed_takes_away_what_the_sanitizer_added_to_links():
    typed = '<a href="https://example.org/?a=1&b=2">منبع</a>'
    assert as_typed(clean_html(typed)) == typed


def test_as_typed_gives_back_characters_the_sanitizer_escaped():
    typed = "هزینه < ۱۰۰ & بیشتر > ۵۰\u00a0تومان"
    assert as_typed(clean_html(typed)) == typed
