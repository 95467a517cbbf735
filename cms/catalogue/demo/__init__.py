"""The demo city's service catalogue and its tariff table for 1404."""

from pathlib import Path

from django.db import transaction

from cms.catalogue.models import (
    LifeEvent,
    ServiceFee,
    ServiceIndexPage,
    ServicePage,
    TariffTable,
)
from cms.catalogue.tariff_import import import_tariffs
from cms.models import Department

TARIFFS = Path(__file__).with_name("tariffs-1404.csv")

# (slug, title, life event, department, summary, eligibility, steps, documents, days, fees, 137)
SERVICES = [
    (
        "building-permit",
        "صدور پروانه‌ی ساختمانی",
        LifeEvent.BUILDING,
        "معاونت شهرسازی و معماری",
        "مجوز ساخت، تخریب و نوسازی بنای مسکونی یا تجاری در محدوده‌ی شهر.",
        "مالک یا وکیل رسمی مالک ملکی که سند رسمی دارد.",
        [
            (
                "ثبت درخواست در دفتر پیشخوان خدمات الکترونیک شهر",
                "مدارک اسکن و کد رهگیری صادر می‌شود.",
            ),
            ("بازدید کارشناس از ملک", "در سه روز کاری پس از ثبت درخواست."),
            ("صدور دستور نقشه و تهیه‌ی نقشه‌ها با مهندس ناظر", ""),
            ("پرداخت عوارض و صدور پروانه", "مبلغ بر پایه‌ی تعرفه‌ی سال محاسبه می‌شود."),
        ],
        ["تصویر سند مالکیت", "کارت ملی مالک", "نقشه‌ی تفکیکی ثبتی", "قرارداد مهندس ناظر"],
        30,
        [("101", ""), ("102", "")],
        False,
    ),
    (
        "tree-removal",
        "مجوز قطع یا جابه‌جایی درخت",
        LifeEvent.ENVIRONMENT,
        "معاونت خدمات شهری و محیط زیست",
        "قطع یا جابه‌جایی درخت در ملک خصوصی یا معبر، تنها با مجوز کمیسیون ماده‌ی ۷.",
        "مالک ملک یا نماینده‌ی او.",
        [
            ("ثبت درخواست در سامانه‌ی ۱۳۷ یا دفتر منطقه", ""),
            ("بازدید کارشناس فضای سبز", ""),
            ("رأی کمیسیون ماده‌ی ۷ قانون حفظ و گسترش فضای سبز", ""),
        ],
        ["کارت ملی", "تصویر سند یا اجاره‌نامه"],
        15,
        [("201", "برای هر اصله")],
        True,
    ),
    (
        "waste-collection",
        "جمع‌آوری پسماند و نخاله‌ی ساختمانی",
        LifeEvent.CLEANING,
        "معاونت خدمات شهری و محیط زیست",
        "برنامه‌ی جمع‌آوری پسماند خانگی، تفکیک از مبدأ و درخواست حمل نخاله.",
        "همه‌ی شهروندان.",
        [("تماس با ۱۳۷ یا ثبت در سامانه", ""), ("هماهنگی زمان حمل", "")],
        [],
        3,
        [("301", "واحدهای مسکونی"), ("302", "واحدهای تجاری")],
        True,
    ),
]


@transaction.atomic
def load_demo_services(home):
    """Fill the services section and the 1404 tariffs, once; return how many services were made."""
    index = ServiceIndexPage.objects.child_of(home).first()
    if index is None or ServicePage.objects.child_of(index).exists():
        return 0
    # A published year is never re-imported (import_tariffs refuses): keep one already there.
    if not TariffTable.objects.filter(fiscal_year=1404, published=True).exists():
        import_tariffs(
            TARIFFS.read_bytes(),
            TARIFFS.name,
            fiscal_year=1404,
            publish=True,
            title="تعرفه‌ی عوارض و بهای خدمات شهرداری — ۱۴۰۴",
        )
    departments = {department.name: department for department in Department.objects.all()}
    for (
        slug,
        title,
        life_event,
        department,
        summary,
        eligibility,
        steps,
        documents,
        days,
        fees,
        by_phone,
    ) in SERVICES:
        page = ServicePage(
            title=title,
            slug=slug,
            summary=summary,
            life_event=life_event,
            responsible_department=departments.get(department),
            eligibility=eligibility,
            steps=[("step", {"title": step, "description": note}) for step, note in steps],
            required_documents=[("document", document) for document in documents],
            processing_days=days,
            phone_137=by_phone,
            source_authority="دفترچه‌ی خدمات شهرداری نمونه",
        )
        for code, note in fees:
            page.fees.add(ServiceFee(tariff_code=code, note=note))
        index.add_child(instance=page)
        page.save_revision().publish()
    return len(SERVICES)
