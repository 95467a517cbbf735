"""What search needs to know about the page types it finds: public type names and dates.

Pages of ``cms`` and the participation items published as pages (polls) alike.
"""

import datetime

from django.apps import apps
from django.db.models import DateField, DateTimeField, F, Manager, Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from wagtail.models import Page
from wagtail.search import index

from cms import models as cms
from cms.catalogue.models import ServicePage
from cms.council.models import CouncilMemberPage, MeetingPage
from cms.jalali import jalali_year_of, jalali_year_range
from participation.models import PollPage
from search.attachments import document_text

#: Public name of each page type in URLs and the API (``?type=tender``), in facet order.
TYPE_NAMES = {
    cms.NewsPage: "news",
    cms.EventPage: "event",
    cms.LawPage: "law",
    cms.TenderPage: "tender",
    cms.ProjectPage: "project",
    cms.BudgetPage: "budget",
    cms.MediaItemPage: "media",
    PollPage: "poll",
    ServicePage: "service",
    MeetingPage: "meeting",
    CouncilMemberPage: "council_member",
    cms.StandardPage: "page",
}
TYPES_BY_NAME = {name: model for model, name in TYPE_NAMES.items()}

#: The field that dates an item for readers; pages without one are dated by first publication.
DATE_FIELDS = {
    cms.NewsPage: "date",
    cms.EventPage: "start",
    cms.LawPage: "approval_date",
    cms.TenderPage: "publish_date",
    cms.ProjectPage: "start_date",
    cms.BudgetPage: "approved_on",
    cms.MediaItemPage: "date",
    PollPage: "opens_at",
    MeetingPage: "start",
}


def type_name(model):
    """``tender`` for TenderPage; other page types (sections, home) by their model name."""
    return TYPE_NAMES.get(model, model._meta.model_name)


def model_for_type(name):
    """The page model of a public type name, or None."""
    if name in TYPES_BY_NAME:
        return TYPES_BY_NAME[name]
    for model in apps.get_models():
        if issubclass(model, Page) and model not in TYPE_NAMES and model._meta.model_name == name:
            return model
    return None


def type_label(model):
    return model._meta.verbose_name


def content_date_expression():
    """SQL for each page's reader-facing date, as a date in the site's time zone."""
    dates = []
    for model, field in DATE_FIELDS.items():
        lookup = f"{model._meta.model_name}__{field}"
        is_datetime = isinstance(model._meta.get_field(field), DateTimeField)
        dates.append(TruncDate(lookup) if is_datetime else F(lookup))
    dates.append(TruncDate("first_published_at"))
    return Coalesce(*dates, output_field=DateField())


def annotate_content_dates(queryset):
    """Pages with ``content_date`` and ``fiscal_year`` (budgets are dated by their fiscal year)."""
    return queryset.annotate(
        content_date=content_date_expression(),
        fiscal_year=F("budgetpage__fiscal_year"),
    )


def jalali_year_filter(year):
    """A Q for pages of Jalali ``year``: budgets by fiscal year, the rest by their date."""
    start, end = jalali_year_range(year)
    dated = Q(content_date__gte=start, content_date__lt=end, budgetpage__isnull=True)
    return Q(budgetpage__fiscal_year=year) | dated


def jalali_year(content_date, fiscal_year=None):
    if fiscal_year:
        return fiscal_year
    if content_date:
        return jalali_year_of(content_date)
    return None


def display_date(page):
    """The date a result shows: the page type's own date, else its first publication."""
    field = DATE_FIELDS.get(type(page))
    value = getattr(page, field, None) if field else None
    if value is None:
        value = page.first_published_at
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return value


def page_texts(page):
    """A page's searchable text fields other than the title, as strings, in index order."""
    texts = []
    for field in type(page).get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name != "title":
            value = field.get_value(page)
            if isinstance(value, list | tuple):
                texts.extend(str(item) for item in value if item)
            elif value:
                texts.append(str(value))
    return texts


#: Related objects indexed apart: tags are read for all pages of a chunk in one query.
SEPARATELY_INDEXED_RELATIONS = {"tags"}


def related_search_fields(model):
    """``(relation name, sub-fields)`` of a page type's indexed related objects (poll choices,
    a project's district)."""
    return [
        (field.field_name, field.fields)
        for field in model.get_search_fields()
        if isinstance(field, index.RelatedFields)
        and field.field_name not in SEPARATELY_INDEXED_RELATIONS
    ]


def related_texts(page):
    """Text of a page's indexed related objects, as the database backend indexes it in the body.

    Reads ``all()`` of each relation, so prefetch them for many pages.
    """
    texts = []
    for relation, fields in related_search_fields(type(page)):
        related = getattr(page, relation)
        if related is None:
            continue
        # A reverse relation or many-to-many (choices) is a manager; a foreign key one object.
        items = related.all() if isinstance(related, Manager) else [related]
        for item in items:
            for field in fields:
                if isinstance(field, index.SearchField):
                    value = field.get_value(item)
                    if value:
                        texts.append(str(value))
    return texts


#: Pages whose attached documents are searched with them: the relation to their document rows.
ATTACHED_DOCUMENTS = {cms.LawPage: "documents", cms.TenderPage: "documents"}


def attached_documents_relation(model):
    """The relation of ``model``'s attached documents, or None when it has none to search."""
    return next(
        (relation for owner, relation in ATTACHED_DOCUMENTS.items() if issubclass(model, owner)),
        None,
    )


def attached_documents_text(page):
    """The extractable text of a page's attached documents, one document after another.

    Reads ``<relation>.all()`` and each row's ``document``, so prefetch them for many pages.
    """
    relation = attached_documents_relation(type(page))
    if relation is None:
        return ""
    texts = (document_text(item.document) for item in getattr(page, relation).all())
    return "\n".join(text for text in texts if text)


class AttachedDocumentsField(index.SearchField):
    """Body text from a page's attached documents, added to what the database backend indexes.

    Not declared on the cms page types: :func:`extra_search_fields` gives it to search's own
    indexers, so ``cms`` knows nothing of search.
    """

    def __init__(self):
        super().__init__("attached_documents_text")

    def get_value(self, obj):
        return attached_documents_text(obj)


def extra_search_fields(model):
    """Fields search indexes for ``model`` beyond its ``search_fields``."""
    return [AttachedDocumentsField()] if attached_documents_relation(model) else []


def pages_attaching(document):
    """Ids of the pages that attach ``document`` (to re-index them when its file changes)."""
    ids = set()
    for model, relation in ATTACHED_DOCUMENTS.items():
        rows = model._meta.get_field(relation).related_model.objects.filter(document=document)
        ids.update(rows.values_list("page_id", flat=True))
    return sorted(ids)
