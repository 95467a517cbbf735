"""A small Persian corpus written the many ways people write Persian, indexed as it is saved."""

import datetime

import pytest

from cms import models
from tests.cms.factories import (
    BudgetPageFactory,
    DistrictFactory,
    EventPageFactory,
    LawPageFactory,
    NewsPageFactory,
    ProjectPageFactory,
    TenderPageFactory,
)
from tests.conftest import XSS

# key: (factory, section, fields). Each document carries words no other document has, so a
# query for them has exactly one right answer. Comments say which spelling the text uses.
CORPUS = {
    # Persian ی/ک, ZWNJ, Persian digits.
    "tender_asphalt": (
        TenderPageFactory,
        models.TenderIndexPage,
        {
            "title": "مناقصه‌ی آسفالت معابر منطقه‌ی ۳",
            "summary": "خرید قیر و روکش آسفالت برای خیابان‌های محله‌ی نارمک",
            "reference_number": "م-۱۴۰۳-۹۸۷۶۵",
            "publish_date": datetime.date(2024, 5, 1),  # 1403
        },
    ),
    # Arabic ي and ك throughout, ZWNJ written with ي.
    "news_library": (
        NewsPageFactory,
        models.NewsIndexPage,
        {
            "title": "افتتاح كتابخانه‌ي عمومي شهيد بهشتي",
            "summary": "كتابخانه با ظرفيت دويست نفر در بوستان ولايت گشايش يافت",
            "date": datetime.date(2023, 6, 10),  # 1402
            "tags": ["فرهنگی"],
        },
    ),
    # Half-space forms: می‌شود, آیین‌نامه, ‌ها.
    "law_waste": (
        LawPageFactory,
        models.LawIndexPage,
        {
            "title": "آیین‌نامه‌ی تفکیک پسماند از مبدأ",
            "summary": "پسماندها از مبدأ تفکیک می‌شود و شهروندان جایزه می‌گیرند",
            "approval_date": datetime.date(2024, 4, 20),  # 1403
            "tags": ["محیط زیست"],
        },
    ),
    # Verbs written joined, without any half-space: نمیشود, میگردد.
    "news_water": (
        NewsPageFactory,
        models.NewsIndexPage,
        {
            "title": "قطعی آب در محله‌ی جنت‌آباد",
            "summary": "آبرسانی فردا نمیشود و شبکه بازسازی میگردد",
            "date": datetime.date(2024, 7, 1),  # 1403
            "tags": ["محیط زیست"],
        },
    ),
    # Harakat, tatweel and shadda.
    "event_teachers": (
        EventPageFactory,
        models.EventIndexPage,
        {
            "title": "همایش مُعَلِّمان نمونه",
            "summary": "اطلاعـــیه‌ی ثبت‌نام در همایش سالانه‌ی تقدیر از آموزگاران",
            "place": "تالار وحدت",
        },
    ),
    # ة, أ, إ, ؤ, آ.
    "project_housing": (
        ProjectPageFactory,
        models.ProjectIndexPage,
        {
            "title": "طرح إسكان کارکنان شهرداری",
            "summary": "ساخت مجتمع مسکونی در مدرسة قدیمی با نظارت مؤسسه‌ی أطلس و آتش‌نشانی",
            "start_date": datetime.date(2023, 1, 15),  # 1401
            "district": 3,
        },
    ),
    # Arabic-Indic digits and Latin words in capitals.
    "news_metro": (
        NewsPageFactory,
        models.NewsIndexPage,
        {
            "title": "Tehran METRO Line Seven",
            "summary": "ایستگاه ٤٢٥١ با اینترنت WiFi رایگان برای حمل‌ونقل عمومی افتتاح شد",
            "date": datetime.date(2024, 3, 25),  # 1403 (Nowruz is 20 March 2024)
        },
    ),
    # ASCII digits in Persian text; budgets are dated by their fiscal year.
    "budget_1399": (
        BudgetPageFactory,
        models.BudgetIndexPage,
        {
            "title": "بودجه‌ی سال ۱۳۹۹ شهرداری",
            "summary": "سقف اعتبارات 7350 میلیارد ریال برای عمران شهری",
            "fiscal_year": 1399,
        },
    ),
    # Written without the madda and with space instead of half-space: "اسفالت", "پل ها".
    "project_bridge": (
        ProjectPageFactory,
        models.ProjectIndexPage,
        {
            "title": "بهسازی پل ها و اسفالت بزرگراه",
            "summary": "مقاوم سازی پل های عابر پیاده در بزرگ ترین بزرگراه شهر",
            "start_date": datetime.date(2024, 6, 1),  # 1403
            "district": 5,
        },
    ),
}


@pytest.fixture
def corpus(sections):
    """{key: live page} for every document of CORPUS, under its section."""
    districts = {}
    pages = {}
    for key, (factory, section, fields) in CORPUS.items():
        fields = dict(fields)
        if "district" in fields:
            number = fields["district"]
            if number not in districts:
                districts[number] = DistrictFactory(number=number, name=f"منطقه‌ی {number}")
            fields["district"] = districts[number]
        pages[key] = factory(parent=sections[section], **fields)
    return pages


@pytest.fixture
def xss_page(sections):
    return NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        title=f"اطلاعیه‌ی ترافیکی {XSS}",
        summary=f"مسیر جایگزین ترافیکی {XSS} اعلام شد",
    )


@pytest.fixture
def poll_page(sections):
    """A live poll in the polls section, written with Arabic letters and half-spaces."""
    from participation.models import PollChoice, PollIndexPage
    from tests.participation.factories import PollPageFactory

    return PollPageFactory(
        parent=sections[PollIndexPage],
        title=f"نظرسنجي درباره‌ی پياده‌راه‌سازی خيابان ولیعصر {XSS}",
        summary="شهروندان درباره‌ی طرح پیاده‌راه نظر می‌دهند",
        opens_at=datetime.datetime(2024, 5, 1, 9, 0, tzinfo=datetime.UTC),  # 1403
        closes_at=datetime.datetime(2030, 5, 1, 9, 0, tzinfo=datetime.UTC),
        choices=[
            PollChoice(label="موافقم با دوچرخه‌سواری", sort_order=0),
            PollChoice(label="مخالفم", sort_order=1),
        ],
    )
