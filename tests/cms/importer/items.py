"""Items for the importer tests: one builder per type, with Persian text (Arabic ي/ك, ZWNJ)."""

import json
from zoneinfo import ZoneInfo

from cms.importer import import_lines
from cms.models import BudgetPage, EventPage, LawPage, NewsPage, ProjectPage, TenderPage

TEHRAN = ZoneInfo("Asia/Tehran")
PAGE_MODELS = [NewsPage, EventPage, LawPage, TenderPage, ProjectPage, BudgetPage]


def news(**fields):
    return {
        "type": "news",
        "source_id": "news-1",
        "title": "راه‌اندازي سامانه ۱۳۷ در شهرداري",
        "summary": "ثبت پيام‌ها به‌صورت برخط",
        "date": "1403/02/12",
        "body": "پاراگراف نخست.\n\nپاراگراف دوم.",
        "tags": ["شفافيت", "سامانه ۱۳۷"],
        **fields,
    }


def event(**fields):
    return {
        "type": "event",
        "source_id": "event-1",
        "title": "نشست هم‌انديشي شهر شفاف",
        "date": "۱۴۰۳/۰۲/۱۲ ۱۰:۳۰",
        "end": "1403/02/12 12:00",
        "place": "تالار شوراي شهر",
        **fields,
    }


def law(**fields):
    return {
        "type": "law",
        "source_id": "law-1",
        "title": "آيين‌نامه‌ی شفافیت",
        "number": "۱۰۶/ش/۱۴۰۳",
        "kind": "regulation",
        "approval_authority": "شورای اسلامی شهر",
        "date": "1403/04/17",
        **fields,
    }


def tender(**fields):
    return {
        "type": "tender",
        "source_id": "tender-1",
        "title": "مناقصه‌ی روکش آسفالت معابر",
        "reference_number": "م‌ع/۱۴۰۳/۰۰۴",
        "date": "1403/05/20",
        "submission_deadline": "1403/06/10 14:00",
        "estimated_value": "۸۵۰٬۰۰۰٬۰۰۰٬۰۰۰",
        **fields,
    }


def project(**fields):
    return {
        "type": "project",
        "source_id": "project-1",
        "title": "بوستان محله‌ای ياس",
        "status": "in_progress",
        "district": 3,
        "date": "1403/09/15",
        "budget": 372_000_000_000,
        "spent": 100_000_000_000,
        "progress": 30,
        "latitude": 34.6458,
        "longitude": 50.9102,
        **fields,
    }


def budget(**fields):
    return {
        "type": "budget",
        "source_id": "budget-1403",
        "title": "بودجه‌ی سال ۱۴۰۳",
        "fiscal_year": "۱۴۰۳",
        "lines": [
            {"code": "1", "title": "درآمدهای عمومی", "kind": "revenue"},
            {
                "code": "11",
                "parent_code": "1",
                "title": "عوارض",
                "kind": "revenue",
                "approved": 700,
                "revised": 750,
                "actual": 600,
            },
            {
                "code": "12",
                "parent_code": "1",
                "title": "بهای خدمات",
                "kind": "revenue",
                "approved": 300,
            },
            {"code": "5", "title": "هزینه‌های جاری", "kind": "expenditure", "approved": 1000},
        ],
        **fields,
    }


def run(*items, **options):
    return import_lines([json.dumps(item, ensure_ascii=False) for item in items], **options)


def page_count():
    return sum(model.objects.count() for model in PAGE_MODELS)


def all_items():
    return [news(), event(), law(), tender(), project(), budget()]
