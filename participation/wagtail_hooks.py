from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from participation.models import PollIndexPage


@hooks.register("register_site_section")
def polls_section():
    return [(PollIndexPage, "polls", _("Polls"))]
