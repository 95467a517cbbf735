"""A citizen's suggestions, complaints and supports: exported on request, unlinked on erasure.

Erasure keeps the public record (a suggestion and its answer stay, the council still owes
answers to complaints) but removes everything that points to the person: the account link,
contact details and the choice to show their name.
"""

from participation.feedback.models import (
    Complaint,
    ReviewTransition,
    Suggestion,
    SuggestionSupport,
)


def export_data(user):
    suggestions = Suggestion.objects.filter(author=user).select_related("case", "box")
    complaints = Complaint.objects.filter(author=user).select_related("case", "category")
    return {
        "suggestions": [
            {
                "tracking_code": s.case.tracking_code,
                "box": s.box.title,
                "title": s.title,
                "body": s.body,
                "contact_email": s.contact_email,
                "show_author": s.show_author,
                "received_at": s.case.received_at.isoformat(),
                "status": s.case.status,
            }
            for s in suggestions
        ],
        "complaints": [
            {
                "tracking_code": c.case.tracking_code,
                "category": c.category.name,
                "description": c.description,
                "address": c.address,
                "contact_email": c.contact_email,
                "contact_phone": c.contact_phone,
                "received_at": c.case.received_at.isoformat(),
                "status": c.case.status,
            }
            for c in complaints
        ],
        "supported_suggestions": list(
            SuggestionSupport.objects.filter(user=user).values_list(
                "suggestion__case__tracking_code", flat=True
            )
        ),
    }


def erase_data(user):
    Suggestion.objects.filter(author=user).update(author=None, contact_email="", show_author=False)
    Complaint.objects.filter(author=user).update(author=None, contact_email="", contact_phone="")
    SuggestionSupport.objects.filter(user=user).delete()
    # The first step of their own submissions names them as its actor.
    ReviewTransition.objects.filter(actor=user, from_status="").update(actor=None)
