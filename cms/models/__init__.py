"""Shafaf's page types and snippets; import them from here."""

from .base import ContentPage, IndexPage, PageTag, RelatedDocument
from .budgets import BudgetIndexPage, BudgetLineItem, BudgetPage
from .directory import Department, District, StaffMember
from .home import FeaturedItem, HomePage, StaffDirectoryPage, StandardPage
from .laws import LawDocument, LawIndexPage, LawPage
from .news import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from .projects import ProjectGalleryImage, ProjectIndexPage, ProjectPage
from .tenders import TenderDocument, TenderIndexPage, TenderPage

__all__ = [
    "BudgetIndexPage",
    "BudgetLineItem",
    "BudgetPage",
    "ContentPage",
    "Department",
    "District",
    "EventIndexPage",
    "EventPage",
    "FeaturedItem",
    "HomePage",
    "IndexPage",
    "LawDocument",
    "LawIndexPage",
    "LawPage",
    "NewsIndexPage",
    "NewsPage",
    "PageTag",
    "ProjectGalleryImage",
    "ProjectIndexPage",
    "ProjectPage",
    "RelatedDocument",
    "StaffDirectoryPage",
    "StaffMember",
    "StandardPage",
    "TenderDocument",
    "TenderIndexPage",
    "TenderPage",
]
