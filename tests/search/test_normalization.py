"""normalize() folds spellings a reader takes for the same word, the same way on both sides."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from search.normalization import index_text, normalize, tokens

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
persian_words = st.text(alphabet=PERSIAN_LETTERS, min_size=2, max_size=8)
# Persian and Arabic letters, every mark and joiner we fold, digits of three scripts, Latin, spaces.
messy_text = st.text(
    alphabet=(
        PERSIAN_LETTERS
        + "يىكةأإآؤۀئـ"
        + "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0670"
        + "\u200c\u200b\u200d\u2060\u00ad\ufeff\u200e\u200f"
        + "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"
        + "AbCßİǅ ﻙﷲ،.-/\"*()'\n\t"
    ),
    max_size=40,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("شوراي اسلامي", "شورای اسلامی"),
        ("مصطفى", "مصطفی"),
        ("كرمان", "کرمان"),
        ("مدرسة", "مدرسه"),
        ("خانۀ", "خانه"),
        ("أحمد", "احمد"),
        ("إمام", "امام"),
        ("آسفالت", "اسفالت"),
        ("مؤسسه", "موسسه"),
        ("بـــازگشایی", "بازگشایی"),
        ("مُدَرِّسٌ", "مدرس"),
        ("۱۴۰۳", "1403"),
        ("١٤٠٣", "1403"),
        ("Tehran METRO", "tehran metro"),
        ("ﻙﺘﺎﺏ", "کتاب"),
        ("\u200fسلام\u200e", "سلام"),
        ("  دو   فاصله  ", "دو فاصله"),
    ],
)
def test_normalize_folds_letters_marks_digits_and_case(written, expected):
    assert normalize(written) == expected


@pytest.mark.parametrize(
    "variants",
    [
        ["می‌شود", "میشود", "می شود", "می\u200bشود", "می\u200dشود", "می\u2060شود", "می\u00adشود"],
        ["نمی‌شود", "نمیشود", "نمی شود"],
        ["کتاب‌ها", "کتابها", "کتاب ها", "كتاب ‌ها"],
        ["بزرگ‌ترین", "بزرگترین", "بزرگ ترین"],
        ["خانه‌ای", "خانهای", "خانه ای"],
        ["بی‌نظمی", "بینظمی", "بی نظمی"],
    ],
)
def test_half_space_space_and_joined_forms_normalize_alike(variants):
    assert len({normalize(variant) for variant in variants}) == 1


def test_index_text_keeps_the_parts_of_joined_words():
    assert index_text("آیین‌نامه") == "اییننامه ایین نامه"
    assert set(tokens("آیین نامه")) <= set(index_text("آیین‌نامه").split())


def test_index_text_splits_punctuation_like_every_backend():
    assert index_text("شماره‌ی ۱۲۳/ش/۱۴۰۳ info@city.ir") == "شمارهی 123 ش 1403 info city ir شماره ی"


def test_a_lone_ha_or_mi_is_not_joined_to_nothing():
    assert normalize("ها") == "ها"
    assert normalize("می") == "می"


@given(messy_text)
@example("ا\u064e\u0653")
@example("ﷲ")
@example("e\u064b\u0301")
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(messy_text)
def test_every_query_token_of_a_text_is_in_its_index_text(text):
    # Searching for a document's own text always finds it, whatever its spelling.
    assert set(tokens(text)) <= set(index_text(text).split())


ARABIC_SPELLING = str.maketrans({"ی": "ي", "ک": "ك", "ا": "أ"})
DIGIT_SCRIPTS = [str.maketrans("0123456789", digits) for digits in ("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")]


@given(st.lists(persian_words, min_size=1, max_size=5), st.integers(0, 99999))
def test_a_query_in_any_spelling_normalizes_like_the_indexed_text(words, number):
    indexed = " ".join(words) + f" {number}"
    variants = [
        indexed.translate(ARABIC_SPELLING),
        "\u0640".join(indexed),  # tatweel between every letter
        indexed.upper(),
        *(indexed.translate(table) for table in DIGIT_SCRIPTS),
        "".join(ch + "\u064e" if ch in PERSIAN_LETTERS else ch for ch in indexed),  # fatha
    ]
    indexed_tokens = set(index_text(indexed).split())
    for variant in variants:
        assert set(tokens(variant)) <= indexed_tokens, variant


@given(persian_words, persian_words, st.sampled_from(["می", "نمی", "بی"]))
def test_verbal_prefix_matches_in_all_three_forms_on_both_sides(prefix_word, stem, prefix):
    forms = [f"{prefix}\u200c{stem}", f"{prefix}{stem}", f"{prefix} {stem}"]
    for indexed in forms:
        indexed_tokens = set(index_text(f"{prefix_word} {indexed}").split())
        for query in forms:
            assert set(tokens(query)) <= indexed_tokens, (indexed, query)
