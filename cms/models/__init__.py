"""Shafaf's page types and snippets; import them from here."""

from .base import ContentPage, GalleryImage, IndexPage, PageTag, RelatedDocument
from .budgets import BudgetIndexPage, BudgetLineItem, BudgetPage
from .contracts import ContractAmendment, ContractStatus
from .directory import Department, District, StaffMember
from .home import FeaturedItem, HomePage, StaffDirectoryPage, StandardPage
from .laws import LawDocument, LawIndexPage, LawPage
from .media import MediaIndexPage, MediaItemPage
from .news import EventIndexPage, EventPage, NewsGalleryImage, NewsIndexPage, NewsPage
from .projects import ProjectGalleryImage, ProjectIndexPage, ProjectPage
from .tenders import TenderDocument, TenderIndexPage, TenderPage

__all__ = [
    "BudgetIndexPage",
    "BudgetLineItem",
    "BudgetPage",
    "ContentPage",
    "ContractAmendment",
    "ContractStatus",
    "Department",
    "District",
    "EventIndexPage",
    "EventPage",
    "FeaturedItem",
    "GalleryImage",
    "HomePage",
    "IndexPage",
    "LawDocument",
    "LawIndexPage",
    "LawPage",
    "MediaIndexPage",
    "MediaItemPage",
    "NewsGalleryImage",
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
