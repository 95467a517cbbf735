"""The polls section joins the portal through cms's register_site_section hook."""

from cms.site_structure import ensure_translated_structure
from participation.models import PollIndexPage


def test_a_fresh_site_has_a_polls_section_in_the_menu(home):
    polls = PollIndexPage.objects.child_of(home).get()

    assert polls.slug == "polls"
    assert polls.live and polls.show_in_menus


def test_the_polls_section_is_translated_with_the_others(home):
    english_home = ensure_translated_structure(home, "en")

    assert PollIndexPage.objects.child_of(english_home).get().title == "Polls"
