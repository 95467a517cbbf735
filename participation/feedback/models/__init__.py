"""Suggestions and complaints: one review case per item, so the council has one queue."""

from .attachments import Attachment
from .cases import OfficialResponse, OfficialResponseDocument, ReviewCase, ReviewTransition
from .complaints import Complaint, ComplaintCategory, ComplaintsPage
from .polls import PollReview
from .suggestions import Suggestion, SuggestionBoxPage, SuggestionIndexPage, SuggestionSupport

__all__ = [
    "Attachment",
    "Complaint",
    "ComplaintCategory",
    "ComplaintsPage",
    "OfficialResponse",
    "OfficialResponseDocument",
    "PollReview",
    "ReviewCase",
    "ReviewTransition",
    "Suggestion",
    "SuggestionBoxPage",
    "SuggestionIndexPage",
    "SuggestionSupport",
]
