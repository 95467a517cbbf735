"""Persian relevance: each query, however it is spelled, finds the one document it is about.

Runs on whichever database the suite runs on; test.sh runs it on SQLite and PostgreSQL.
"""

import pytest

from search.services import SearchParams, search_pages

# (query, key of the document it must find, what the case is about)
CASES = [
    # Arabic ي / ك in the query, Persian ی / ک in the text, and the reverse.
    ("آسفالت معابر", "tender_asphalt", "plain Persian"),
    ("مناقصه‌ي آسفالت", "tender_asphalt", "Arabic yeh in the query"),
    ("خيابان", "tender_asphalt", "Arabic yeh, text has Persian yeh and a half-space suffix"),
    ("نارمك", "tender_asphalt", "Arabic kaf in the query"),
    ("کتابخانه", "news_library", "Persian kaf, text has Arabic kaf"),
    ("كتابخانه", "news_library", "Arabic kaf on both sides"),
    ("شهید بهشتی", "news_library", "Persian yeh, text has Arabic yeh"),
    ("ظرفیت دویست", "news_library", "Persian yeh, text has Arabic yeh"),
    ("ولایت", "news_library", "Persian yeh, text has Arabic yeh"),
    # Half-space, space and joined.
    ("می‌شود تفکیک", "law_waste", "half-space query, half-space text"),
    ("میشود تفکیک", "law_waste", "joined query, half-space text"),
    ("می شود تفکیک", "law_waste", "spaced query, half-space text"),
    ("نمی‌شود آبرسانی", "news_water", "half-space query, joined text"),
    ("نمی شود آبرسانی", "news_water", "spaced query, joined text"),
    ("نمیشود آبرسانی", "news_water", "joined query, joined text"),
    ("آیین نامه", "law_waste", "spaced compound, half-space text"),
    ("آییننامه", "law_waste", "joined compound, half-space text"),
    ("آیین‌نامه", "law_waste", "half-space compound, half-space text"),
    ("پسماندها", "law_waste", "joined plural"),
    ("پسماند ها", "law_waste", "spaced plural"),
    ("پل‌ها", "project_bridge", "half-space plural, spaced text"),
    ("پلها", "project_bridge", "joined plural, spaced text"),
    ("بزرگ‌ترین", "project_bridge", "half-space superlative, spaced text"),
    ("بزرگترین بزرگراه", "project_bridge", "joined superlative, spaced text"),
    ("مقاوم‌سازی", "project_bridge", "half-space compound, spaced text"),
    ("جنت آباد", "news_water", "spaced compound, half-space text"),
    ("حمل و نقل عمومی", "news_metro", "spaced و, text has the half-space compound"),
    ("حمل‌ونقل عمومی", "news_metro", "half-space compound with و on both sides"),
    # Harakat, shadda and tatweel.
    ("معلمان", "event_teachers", "no harakat, text has them"),
    ("مُعَلِّمان", "event_teachers", "harakat on both sides"),
    ("اطلاعیه ثبت نام", "event_teachers", "no tatweel, text has it"),
    # Not the lone word: the news section is titled "اخبار و اطلاعیه‌ها" and rightly ranks first.
    ("اطلاعـیه سالانه", "event_teachers", "tatweel in the query too"),
    ("آموزگاران نَمونه", "event_teachers", "harakat in the query only"),
    # Digits in three scripts.
    ("98765", "tender_asphalt", "ASCII digits, text has Persian digits"),
    ("٩٨٧٦٥", "tender_asphalt", "Arabic-Indic digits, text has Persian digits"),
    ("۹۸۷۶۵", "tender_asphalt", "Persian digits on both sides"),
    ("ایستگاه 4251", "news_metro", "ASCII digits, text has Arabic-Indic digits"),
    ("ایستگاه ۴۲۵۱", "news_metro", "Persian digits, text has Arabic-Indic digits"),
    ("۷۳۵۰ میلیارد", "budget_1399", "Persian digits, text has ASCII digits"),
    ("بودجه 1399", "budget_1399", "ASCII digits, title has Persian digits"),
    # ة, أ, إ, ؤ, آ.
    ("مدرسه قدیمی", "project_housing", "heh, text has teh marbuta"),
    ("اسکان کارکنان", "project_housing", "plain alef and Persian kaf, text has إ and Arabic kaf"),
    ("إسكان", "project_housing", "hamza below and Arabic kaf on both sides"),
    ("اطلس", "project_housing", "plain alef, text has أ"),
    ("موسسه", "project_housing", "plain waw, text has ؤ"),
    ("مؤسسه", "project_housing", "waw with hamza on both sides"),
    ("اتش نشانی", "project_housing", "no madda, text has آ"),
    ("آسفالت بزرگراه", "project_bridge", "madda in the query, text has none"),
    # Latin case.
    ("tehran metro", "news_metro", "lower case, text in capitals"),
    ("WIFI", "news_metro", "upper case, text mixed"),
    ("Line seven", "news_metro", "mixed case"),
    # Prefixes: a word's beginning finds the word with its suffixes.
    ("کتابخان", "news_library", "prefix of a word"),
    ("شهردار کارکنان", "project_housing", "شهردار finds شهرداری"),
]


def found_keys(corpus, query):
    outcome = search_pages(SearchParams(query=query), page_size=50)
    keys = {page.pk: key for key, page in corpus.items()}
    return [keys.get(hit.page.pk) for hit in outcome.hits]


def test_the_relevance_suite_has_at_least_forty_cases_covering_every_normalization():
    assert len(CASES) >= 40


@pytest.mark.parametrize(("query", "expected", "about"), CASES, ids=[c[0] for c in CASES])
def test_query_finds_its_document(corpus, query, expected, about):
    found = found_keys(corpus, query)
    assert expected in found, f"{about}: {query!r} found {found}"


@pytest.mark.parametrize(("query", "expected", "about"), CASES, ids=[c[0] for c in CASES])
def test_query_ranks_its_document_first(corpus, query, expected, about):
    found = found_keys(corpus, query)
    assert found and found[0] == expected, f"{about}: {query!r} found {found}"


def test_a_title_match_ranks_above_a_body_match(sections):
    from cms import models
    from tests.cms.factories import NewsPageFactory

    in_body = NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        title="گزارش هفتگی شورا",
        summary="در این جلسه درباره‌ی زیرگذر نیز گفتگو شد و موارد دیگر",
    )
    in_title = NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        title="احداث زیرگذر",
        summary="گزارش کامل پروژه و مراحل آن",
    )
    outcome = search_pages(SearchParams(query="زیرگذر"))
    assert [hit.page.pk for hit in outcome.hits] == [in_title.pk, in_body.pk]


def test_all_words_must_match(corpus):
    assert found_keys(corpus, "آسفالت کتابخانه") == []
