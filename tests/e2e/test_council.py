"""A council meeting in a real browser: the agenda, the motion and its vote table, read as a
screen reader would (caption, row headers), with Persian names and digits, on both viewports."""

import datetime

import pytest

from cms.council.models import (
    AgendaItem,
    CouncilIndexPage,
    Membership,
    Organization,
    VoteOption,
)
from cms.council.services import record_vote_event
from tests.conftest import XSS
from tests.council.factories import (
    CouncilMemberPageFactory,
    CouncilTermFactory,
    MeetingPageFactory,
    MotionFactory,
    OrganizationFactory,
)
from tests.e2e.pages import VIEWPORTS, open_page

pytestmark = pytest.mark.e2e

# Arabic ي and ك as many keyboards type them, ZWNJ inside words, and a payload in a name.
VOTES = [
    (f"مريم رضايي‌نيا {XSS}", VoteOption.YES),
    ("علي‌رضا كاظمي‌پور", VoteOption.YES),
    ("زهرا صادق‌زاده", VoteOption.NO),
    ("حسين نوروزي‌فر", VoteOption.ABSENT),
]
AGENDA = "لايحه‌ی بخشودگي جرايم عوارض نوسازي"
MOTION = "تصويب لايحه‌ی بخشودگي تا پايان شهريور"


@pytest.fixture
def meeting(wagtail_root, home):
    index = CouncilIndexPage.objects.child_of(home).get()
    council = OrganizationFactory(
        name="شوراي اسلامي شهر", classification=Organization.Classification.COUNCIL
    )
    meeting = MeetingPageFactory(
        parent=index,
        title="جلسه‌ی عادي شماره‌ی ۱۱۲",
        term=CouncilTermFactory(),
        organization=council,
        agenda_items=[AgendaItem(title=AGENDA, sort_order=0)],
    )
    members = {}
    for name, option in VOTES:
        member = CouncilMemberPageFactory(parent=index, title=name)
        Membership.objects.create(
            person=member, organization=council, start_date=datetime.date(2021, 8, 5)
        )
        members[member] = option
    motion = MotionFactory(meeting=meeting, text=MOTION, result="passed")
    record_vote_event(motion, result="pass", votes=members)
    return meeting


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_reader_finds_how_each_member_voted(browser, live_server, meeting, artifacts, viewport):
    page, errors = open_page(
        browser, live_server.url + meeting.url, VIEWPORTS[viewport], javascript=False
    )
    assert page.locator("h1").inner_text() == meeting.title
    assert page.locator(".agenda__title").inner_text() == AGENDA
    assert page.locator(".motion__text").inner_text() == MOTION

    table = page.locator("table.vote-table")
    assert table.locator("caption").inner_text().endswith("۱")
    for name, option in VOTES:
        row = table.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=name))
        assert row.count() == 1, name  # the payload in a name is text, never markup
        assert row.locator("td").get_attribute("class") == f"vote vote--{option}"
    counts = page.locator(".vote-event__counts li")
    assert counts.locator("strong").all_inner_texts() == ["۲", "۱", "۰", "۱"]
    page.screenshot(path=artifacts / f"council-meeting-{viewport}.png", full_page=True)
    assert errors == []
