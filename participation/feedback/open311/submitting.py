"""POST requests.json: a complaint from another system, through the same service as the site."""

from django.utils.translation import gettext as _

from participation.feedback import services
from participation.feedback.models import ComplaintCategory
from participation.feedback.open311.formats import Open311Error


def submit(data, files, *, client):
    """Create the complaint described by ``data`` (the spec's fields) and return it.

    The spec's personal fields (email, names, phone, account_id, device_id) are ignored: a
    client system speaks for the municipality's channel, not for a signed-in citizen, and we
    keep no personal data we cannot protect as the site does.
    """
    code = data.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, _("service_code is required."))
    category = ComplaintCategory.objects.filter(service_code=code, is_active=True).first()
    if category is None:
        raise Open311Error(400, _("There is no service with this service_code."))
    lat, long = data.get("lat", "").strip(), data.get("long", "").strip()
    address = data.get("address_string", "").strip()
    if not (lat and long) and not address:
        raise Open311Error(400, _("A location is required: lat and long, or address_string."))
    try:
        return services.submit_complaint(
            category=category,
            description=data.get("description", ""),
            address=address,
            latitude=lat,
            longitude=long,
            files=files.getlist("media"),
            submitter=None,
            via=client,
        )
    except services.SubmissionRefused as refusal:
        raise Open311Error(400, refusal.message) from None
