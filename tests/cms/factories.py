"""factory-boy factories for the page types, with Persian text (Arabic letters, ZWNJ)
and an XSS payload, so every view that shows them is tested against it."""

import datetime

import factory
from django.utils import timezone

from cms import models
from tests.conftest import XSS


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a page as a live child of ``parent`` (required)."""

    title = factory.Sequence(lambda n: f"صفحه‌ی آزمایشی ي ك شماره {n}")
    summary = factory.Sequence(lambda n: f"خلاصه‌ی مطلب {n} {XSS}")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, tags=(), live=True, **kwargs):
        page = model_class(*args, **kwargs)
        for tag in tags:
            page.tags.add(tag)
        parent.add_child(instance=page)
        if live:
            page.save_revision().publish()
        else:
            page.live = False
            page.save_revision()
            type(page).objects.filter(pk=page.pk).update(live=False)
        return type(page).objects.get(pk=page.pk)


class NewsPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"خبر شماره‌ی {n}: بازگشايي پارك محله")
    date = factory.Sequence(lambda n: datetime.date(2024, 5, 1) - datetime.timedelta(days=n))

    class Meta:
        model = models.NewsPage


class EventPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"نشست هم‌اندیشی شماره‌ی {n}")
    start = factory.Sequence(lambda n: timezone.now() + datetime.timedelta(days=n + 1))
    place = "تالار شهر"

    class Meta:
        model = models.EventPage


class LawPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"آیین‌نامه‌ی شماره‌ی {n} شوراي اسلامي شهر")
    number = factory.Sequence(lambda n: f"{n}/ش/۱۴۰۳")
    approval_authority = "شورای اسلامی شهر"
    approval_date = factory.Sequence(
        lambda n: datetime.date(2024, 4, 20) - datetime.timedelta(days=n)
    )

    class Meta:
        model = models.LawPage


class TenderPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"مناقصه‌ی شماره‌ی {n} آسفالت معابر")
    reference_number = factory.Sequence(lambda n: f"م-۱۴۰۳-{n}")
    publish_date = datetime.date(2024, 5, 1)
    submission_deadline = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2024, 5, 20, 14, 0))
    )
    estimated_value = 12_500_000_000

    class Meta:
        model = models.TenderPage


class ProjectPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"پروژه‌ی شماره‌ی {n} بوستان محله")
    budget = 40_000_000_000
    spent = 10_000_000_000
    progress = 25
    status = models.ProjectPage.Status.IN_PROGRESS

    class Meta:
        model = models.ProjectPage


class BudgetPageFactory(PageFactory):
    # Wraps within the valid 1300-1499 so a long test run never leaves the Jalali range.
    title = factory.Sequence(lambda n: f"بودجه‌ی سال {1300 + n % 200}")
    fiscal_year = factory.Sequence(lambda n: 1300 + n % 200)

    class Meta:
        model = models.BudgetPage


class MediaItemPageFactory(PageFactory):
    """A video embedded from Vimeo; pass ``media_file`` and ``embed_url=""`` for an uploaded one."""

    title = factory.Sequence(lambda n: f"فیلم جلسه‌ی شورا شماره‌ی {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 2, 27) - datetime.timedelta(days=n))
    embed_url = "https://vimeo.com/76979871"
    transcript = f"جلسه‌ي علني شوراي اسلامي شهر درباره‌ی بودجه‌ی ۱۴۰۳ برگزار شد. {XSS}"

    class Meta:
        model = models.MediaItemPage


class DistrictFactory(factory.django.DjangoModelFactory):
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"منطقه‌ی {n + 1}")

    class Meta:
        model = models.District


class DepartmentFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"معاونت شماره‌ی {n}")

    class Meta:
        model = models.Department


class StaffMemberFactory(factory.django.DjangoModelFactory):
    full_name = factory.Sequence(lambda n: f"علي كريمي {n}")
    position = "کارشناس"
    department = factory.SubFactory(DepartmentFactory)

    class Meta:
        model = models.StaffMember


def budget_lines(*rows):
    """BudgetLineItem instances from (code, parent_code, kind, approved, revised, actual) rows."""
    return [
        models.BudgetLineItem(
            code=code,
            title=f"ردیف {code} درآمد‌های عمومي",
            parent_code=parent_code,
            kind=kind,
            approved=approved,
            revised=revised,
            actual=actual,
        )
        for code, parent_code, kind, approved, revised, actual in rows
    ]


class StandardPageFactory(PageFactory):
    title = factory.Sequence(lambda n: f"درباره‌ی شهرداری {n}")

    class Meta:
        model = models.StandardPage


class DocumentFactory(factory.django.DjangoModelFactory):
    """A small PDF-named document; the file holds plain text, which is all pages need."""

    title = factory.Sequence(lambda n: f"متن کامل مصوبه‌ی {n} {XSS}")
    file = factory.django.FileField(filename="mosavabe.pdf", data=b"%PDF-1.4 test" * 100)

    class Meta:
        model = "wagtaildocs.Document"


class ImageFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"عکس پیشرفت کار {n}")
    file = factory.django.ImageField(width=64, height=48, color="teal")

    class Meta:
        model = "wagtailimages.Image"
