"""Who may submit service requests: the holder of an ``api_key``.

An api_key is the key of a DRF ``Token`` (``manage.py drf_create_token <username>``) whose
account may add complaints (``feedback.add_complaint``) or is in the "open311 client" group.
No model of our own: the token admin and groups already do the job.
"""

from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from participation.feedback.open311.formats import Open311Error

CLIENT_GROUP = "open311 client"
ADD_COMPLAINT = "feedback.add_complaint"


def may_submit(user):
    """True for an active account allowed to submit service requests."""
    return bool(
        user.is_active
        and (user.has_perm(ADD_COMPLAINT) or user.groups.filter(name=CLIENT_GROUP).exists())
    )


def client_for_key(api_key):
    """The account behind ``api_key``; refused (403) when missing, unknown or not allowed."""
    if not api_key:
        raise Open311Error(403, _("An api_key is required to submit a service request."))
    token = Token.objects.select_related("user").filter(key=api_key).first()
    if token is None or not may_submit(token.user):
        raise Open311Error(403, _("This api_key is not valid for submitting service requests."))
    return token.user
