"""Demo suggestion boxes, complaint categories (with departments), suggestions and complaints.

Idempotent: boxes are found by slug, categories by service code, and the sample submissions
are added only to an empty database of cases.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cms.models import Department
from cms.site_structure import ensure_site_structure
from participation.feedback import services, workflow
from participation.feedback.models import (
    ComplaintCategory,
    ReviewCase,
    SuggestionBoxPage,
    SuggestionIndexPage,
)

# (service code, name, department, working days, keywords)
CATEGORIES = [
    ("waste", "پسماند و نظافت معابر", "سازمان مدیریت پسماند", 3, "زباله، نظافت، سطل"),
    ("street-lighting", "روشنایی معابر", "معاونت فنی و عمرانی", 5, "چراغ، روشنایی، تیر برق"),
    ("potholes", "آسفالت و چاله", "معاونت فنی و عمرانی", 7, "چاله، آسفالت، ترک"),
    ("green-space", "فضای سبز", "سازمان پارک‌ها و فضای سبز", 7, "درخت، پارک، آبیاری"),
    ("sidewalk-obstruction", "سد معبر", "معاونت خدمات شهری", 5, "دستفروش، پیاده‌رو، سد معبر"),
    ("stray-animals", "حیوانات بلاتکلیف", "معاونت خدمات شهری", 5, "سگ، حیوانات"),
]
# (slug, title, department, anonymity, intro)
BOXES = [
    (
        "urban-services",
        "پیشنهادهای خدمات شهری",
        "معاونت خدمات شهری",
        SuggestionBoxPage.Anonymity.NAMED,
        "پیشنهادهای خود را برای بهبود نظافت، پیاده‌روها و خدمات محله بنویسید.",
    ),
    (
        "budget-1405",
        "پیشنهاد برای بودجه ۱۴۰۵",
        "معاونت برنامه‌ریزی و توسعه",
        SuggestionBoxPage.Anonymity.FULLY_ANONYMOUS,
        "کدام طرح‌ها در بودجه سال آینده اولویت داشته باشند؟ بدون حساب کاربری هم می‌توانید بنویسید.",
    ),
]
SUGGESTIONS = [
    ("مسیر دوچرخه تا دانشگاه", "یک مسیر ایمن دوچرخه از میدان اصلی تا دانشگاه بسازید."),
    ("سطل‌های زباله تفکیکی در پارک‌ها", "در پارک‌های محله سطل جداگانه برای پسماند خشک بگذارید."),
    ("نیمکت در ایستگاه‌های اتوبوس", "ایستگاه‌های خیابان آزادی نیمکت و سایه‌بان ندارند."),
]
COMPLAINTS = [
    ("street-lighting", "سه چراغ کوچه بهار خاموش است و شب‌ها کوچه تاریک است.", "کوچه بهار، پلاک ۱۲"),
    (
        "potholes",
        "چاله بزرگ جلوی مدرسه باعث آسیب به خودروها شده است.",
        "خیابان امام، روبه‌روی مدرسه",
    ),
    ("waste", "زباله‌های محله دو روز است جمع‌آوری نشده است.", "محله سعدی"),
]


def _department(name):
    department, _created = Department.objects.get_or_create(name=name)
    return department


class Command(BaseCommand):
    help = "Add demo suggestion boxes, complaint categories, suggestions and complaints."

    @transaction.atomic
    def handle(self, *args, **options):
        home = ensure_site_structure(settings.WAGTAIL_SITE_NAME)
        for code, name, department, days, keywords in CATEGORIES:
            ComplaintCategory.objects.get_or_create(
                service_code=code,
                defaults={
                    "name": name,
                    "department": _department(department),
                    "response_days": days,
                    "keywords": keywords,
                },
            )
        index = SuggestionIndexPage.objects.child_of(home).get()
        boxes = {}
        for slug, title, department, anonymity, intro in BOXES:
            box = SuggestionBoxPage.objects.child_of(index).filter(slug=slug).first()
            if box is None:
                box = SuggestionBoxPage(
                    title=title,
                    slug=slug,
                    intro=intro,
                    department=_department(department),
                    anonymity=anonymity,
                    opens_at=timezone.now() - datetime.timedelta(days=30),
                )
                index.add_child(instance=box)
            boxes[slug] = box
        if ReviewCase.objects.exists():
            self.stdout.write("Demo feedback: categories and boxes checked; cases already there.")
            return
        # Sent anonymously, so the demo needs no citizen accounts.
        suggestions = [
            services.submit_suggestion(box=boxes["budget-1405"], title=title, body=body)
            for title, body in SUGGESTIONS
        ]
        for code, description, address in COMPLAINTS:
            services.submit_complaint(
                category=ComplaintCategory.objects.get(service_code=code),
                description=description,
                address=address,
            )
        answered = suggestions[0].case
        for status in (
            ReviewCase.Status.SCREENED,
            ReviewCase.Status.ASSIGNED,
            ReviewCase.Status.UNDER_REVIEW,
        ):
            workflow.transition(answered, status, actor=None, expected_version=answered.version)
        workflow.answer(
            answered,
            actor=None,
            body="<p>طرح مسیر دوچرخه در پیش‌نویس بودجه ۱۴۰۵ گنجانده شد.</p>",
            decision=ReviewCase.Decision.ACCEPTED,
        )
        self.stdout.write(
            f"Demo feedback: {len(suggestions)} suggestions and "
            f"{len(COMPLAINTS)} complaints created."
        )
