"""Public council pages with Persian data: index, meeting and member pages, and their queries."""

import datetime

import pytest
from django.utils import timezone

from cms.council.models import AgendaItem, CouncilIndexPage, Membership
from cms.site_structure import ensure_translated_structure
from tests.cms.factories import LawPageFactory
from tests.conftest import XSS
from tests.council.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def get_html(client, page, **params):
    response = client.get(page.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert XSS not in html
    return html


def test_fresh_site_has_a_council_section_in_both_languages(home, council_index):
    assert council_index.live and council_index.slug == "council"
    english = ensure_translated_structure(home, "en")
    assert CouncilIndexPage.objects.child_of(english).get().title == "City council"


def test_index_lists_current_members_committees_and_meetings(
    client, council_index, make_member, make_meeting, council
):
    committee = OrganizationFactory(parent=council, name="كميسيون عمران‌ و شهرسازي")
    chair = make_member(role="chair", title=f"زهرا صادق‌زاده {XSS}")
    Membership.objects.create(
        person=chair, organization=committee, role="secretary", start_date="2022-01-01"
    )
    former = make_member(title="عضو پيشين")
    former.memberships.update(end_date=datetime.date(2023, 1, 1))
    past = make_meeting(title="جلسه‌ی گذشته")
    upcoming = make_meeting(
        title="جلسه‌ی آينده", start=timezone.now() + datetime.timedelta(days=3), status="scheduled"
    )
    html = get_html(client, council_index)
    assert f"زهرا صادق‌زاده {ESCAPED}" in html
    assert "عضو پيشين" not in html
    assert "كميسيون عمران‌ و شهرسازي" in html
    upcoming_part, past_part = html.split('id="results-heading"')
    assert upcoming.title in upcoming_part and past.title in past_part
    assert past.title not in upcoming_part


def test_meeting_page_shows_agenda_motions_vote_table_and_resolution(
    client, make_member, make_meeting, make_voted_motion, sections
):
    from cms.models import LawIndexPage

    members = [make_member(title=f"عضو شماره‌ي {n}") for n in range(3)]
    meeting = make_meeting()
    AgendaItem.objects.create(
        meeting=meeting, title=f"لايحه‌ی بخشودگي {XSS}", source_url="https://example.org/s/1"
    )
    motion = make_voted_motion(members, ["yes", "yes", "no"], meeting=meeting)
    motion.resolution = LawPageFactory(parent=sections[LawIndexPage], kind="resolution")
    motion.save()
    html = get_html(client, meeting)
    assert f"لايحه‌ی بخشودگي {ESCAPED}" in html
    assert '<table class="data-table vote-table">' in html
    assert "<caption>" in html and 'scope="row"' in html
    assert html.count('class="vote vote--yes"') == 2 and html.count('class="vote vote--no"') == 1
    assert "<strong>۲</strong>" in html  # two yes votes, in Persian digits
    assert motion.resolution.title in html
    assert "۱۴۰۳" in html  # Jalali year of the meeting date


def test_member_page_shows_memberships_attendance_and_votes(client, make_member, make_voted_motion):
    member, other = make_member(role="chair"), make_member()
    make_voted_motion([member, other], ["absent", "yes"])
    make_voted_motion([member, other], ["no", "yes"])
    html = get_html(client, member)
    assert "vote-table" in html
    assert "۱" in html and "۲" in html  # present at 1 of 2 recorded votes
    assert "شوراي اسلامي شهر" in html


def test_index_queries_do_not_grow_with_members_and_meetings(
    client, council_index, make_member, make_meeting, council, django_assert_max_num_queries
):
    def add(count):
        committee = OrganizationFactory(parent=council)
        for _n in range(count):
            member = make_member()
            Membership.objects.create(
                person=member, organization=committee, start_date="2022-01-01"
            )
            make_meeting()
            make_meeting(start=timezone.now() + datetime.timedelta(days=2), status="scheduled")

    add(2)
    client.get(council_index.url)
    with django_assert_max_num_queries(40) as small:
        client.get(council_index.url)
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(council_index.url)


def test_meeting_and_member_queries_do_not_grow_with_motions_and_votes(
    client, make_member, make_meeting, make_voted_motion, django_assert_max_num_queries
):
    meeting = make_meeting()
    members = [make_member() for _n in range(2)]

    def add(count):
        for _n in range(count):
            make_voted_motion(members, ["yes", "no"], meeting=meeting)

    add(1)
    for page in (meeting, members[0]):
        client.get(page.url)
    small = {}
    for page in (meeting, members[0]):
        with django_assert_max_num_queries(40) as captured:
            client.get(page.url)
        small[page.pk] = len(captured.captured_queries)
    add(6)
    for page in (meeting, members[0]):
        with django_assert_max_num_queries(small[page.pk]):
            client.get(page.url)


def test_meetings_and_members_are_in_the_wagtail_api(client, make_member, make_meeting):
    member = make_member()
    meeting = make_meeting()
    AgendaItem.objects.create(meeting=meeting, title="دستور نخست")
    response = client.get(
        "/api/v2/pages/", {"type": "council.MeetingPage", "fields": "start,status,agenda_items"}
    )
    assert response.status_code == 200
    item = response.json()["items"][0]
    assert item["agenda_items"][0]["title"] == "دستور نخست"
    response = client.get("/api/v2/pages/", {"type": "council.CouncilMemberPage", "fields": "*"})
    assert response.json()["items"][0]["memberships"][0]["role"] == "member"
    assert response.json()["items"][0]["id"] == member.pk


@pytest.mark.parametrize("page_type", ["council.MeetingPage", "council.CouncilMemberPage"])
def test_wagtail_api_queries_do_not_grow(
    client, make_member, make_meeting, council, page_type, django_assert_max_num_queries
):
    def add(count):
        committee = OrganizationFactory(parent=council)
        for _n in range(count):
            member = make_member()
            Membership.objects.create(
                person=member, organization=committee, start_date="2022-01-01"
            )
            meeting = make_meeting()
            AgendaItem.objects.create(meeting=meeting, title="دستور")

    params = {"type": page_type, "fields": "*"}
    add(2)
    client.get("/api/v2/pages/", params)
    with django_assert_max_num_queries(30) as small:
        assert client.get("/api/v2/pages/", params).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v2/pages/", params)


def test_committee_lists_its_officers_before_its_members(
    client, council_index, make_member, council
):
    committee = OrganizationFactory(parent=council, name="كميسيون فرهنگي")
    make_member(organization=committee, role="member", title="آرش الف")
    make_member(organization=committee, role="chair", title="ياسمن ي")
    make_member(organization=committee, role="secretary", title="بهرام ب")
    html = get_html(client, council_index)
    section = html.split("كميسيون فرهنگي", 1)[1]
    positions = [section.index(name) for name in ("ياسمن ي", "بهرام ب", "آرش الف")]
    assert positions == sorted(positions)
