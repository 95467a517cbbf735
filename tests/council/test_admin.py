"""The admin, through its real views: creating meetings and members, recording votes."""

import datetime

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.council.models import (
    CouncilIndexPage,
    CouncilMemberPage,
    MeetingPage,
    Membership,
    Organization,
    VoteEvent,
)
from cms.site_structure import ensure_site_structure
from tests.conftest import XSS
from tests.council.factories import (
    CouncilMemberPageFactory,
    CouncilTermFactory,
    MeetingPageFactory,
    MotionFactory,
    OrganizationFactory,
)


def page_form(title, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": slugify(title, allow_unicode=True),
            "summary": f"خلاصه‌ی كوتاه {XSS}",
            "body": streamfield([("paragraph", rich_text("<p>متن كامل با نيم‌فاصله</p>"))]),
            "tags": "شورا",
            "comments": inline_formset([]),
            "citizen_comments": "closed",
            **fields,
        }
    )


class CouncilAdminTests(WagtailPageTestCase):
    def setUp(self):
        home = ensure_site_structure("شهرداری آزمایشی")
        self.index = CouncilIndexPage.objects.child_of(home).get()
        self.term = CouncilTermFactory()
        self.council = OrganizationFactory(
            name="شوراي شهر", classification=Organization.Classification.COUNCIL
        )
        self.sign_in()

    def sign_in(self):
        """Through the admin's login form: django-axes records each sign-in with the
        request's IP address, which force_login's bare request lacks (PostgreSQL refuses it)."""
        self.create_superuser("admin", password="a-long-test-password")
        response = self.client.post(
            reverse("wagtailadmin_login"),
            {"username": "admin", "password": "a-long-test-password"},
        )
        self.assertEqual(response.status_code, 302)

    def test_council_section_takes_meetings_and_members_only(self):
        self.assertAllowedSubpageTypes(CouncilIndexPage, {MeetingPage, CouncilMemberPage})
        self.assertAllowedParentPageTypes(MeetingPage, {CouncilIndexPage})
        self.assertAllowedSubpageTypes(MeetingPage, set())

    def test_admin_creates_a_meeting_with_agenda(self):
        form = page_form(
            "جلسه‌ی عادي شماره‌ی ۱۱۲",
            term=self.term.pk,
            organization=self.council.pk,
            number="۱۱۲",
            start="2024-06-01 16:00",
            location="تالار شورا",
            kind="regular",
            status="held",
            stream_url="",
            recording_url="https://example.org/video/112",
            agenda_items=inline_formset(
                [{"title": "لايحه‌ی بخشودگي", "description": XSS, "source_url": ""}]
            ),
            documents=inline_formset([]),
        )
        self.assertCanCreate(self.index, MeetingPage, form)
        meeting = MeetingPage.objects.get(number="۱۱۲")
        self.assertEqual([item.title for item in meeting.agenda_items.all()], ["لايحه‌ی بخشودگي"])
        self.assertPageIsRenderable(meeting)

    def test_admin_refuses_a_meeting_outside_the_term(self):
        form = page_form(
            "جلسه‌ی خارج از دوره",
            term=self.term.pk,
            organization=self.council.pk,
            start="2035-01-01 10:00",
            kind="regular",
            status="scheduled",
            agenda_items=inline_formset([]),
            documents=inline_formset([]),
        )
        url = reverse("wagtailadmin_pages:add", args=["council", "meetingpage", self.index.pk])
        response = self.client.post(url, form)
        self.assertEqual(response.status_code, 200)
        self.assertIn("start", response.context["form"].errors)
        self.assertFalse(MeetingPage.objects.exists())

    def test_admin_creates_a_member_with_memberships(self):
        form = page_form(
            "نرگس توكلي‌راد",
            email="member@example.org",
            phone="۰۲۱-۱۲۳۴",
            website="",
            memberships=inline_formset(
                [
                    {
                        "organization": self.council.pk,
                        "role": "secretary",
                        "start_date": "2021-08-05",
                        "end_date": "",
                    }
                ]
            ),
        )
        self.assertCanCreate(self.index, CouncilMemberPage, form)
        member = CouncilMemberPage.objects.get(email="member@example.org")
        self.assertEqual(member.memberships.get().role, Membership.Role.SECRETARY)
        self.assertPageIsRenderable(member)

    def _vote_event_form(self, motion, voters):
        return nested_form_data(
            {
                "motion": motion.pk,
                "start": "2024-06-01 17:00",
                "result": "pass",
                "votes": inline_formset([{"voter": voter.pk, "option": "yes"} for voter in voters]),
            }
        )

    def _setup_motion(self):
        meeting = MeetingPageFactory(parent=self.index, term=self.term, organization=self.council)
        member = CouncilMemberPageFactory(parent=self.index)
        Membership.objects.create(
            person=member, organization=self.council, start_date=datetime.date(2021, 8, 5)
        )
        outsider = CouncilMemberPageFactory(parent=self.index)
        return MotionFactory(meeting=meeting), member, outsider

    def test_admin_records_a_vote_event_with_votes(self):
        motion, member, _outsider = self._setup_motion()
        url = reverse("wagtailsnippets_council_voteevent:add")
        response = self.client.post(url, self._vote_event_form(motion, [member]))
        self.assertEqual(response.status_code, 302)
        event = VoteEvent.objects.get()
        self.assertEqual([(v.voter, v.option) for v in event.votes.all()], [(member, "yes")])

    def test_admin_refuses_a_vote_by_a_non_member_and_saves_nothing(self):
        motion, member, outsider = self._setup_motion()
        url = reverse("wagtailsnippets_council_voteevent:add")
        response = self.client.post(url, self._vote_event_form(motion, [member, outsider]))
        self.assertEqual(response.status_code, 200)
        self.assertFalse(VoteEvent.objects.exists())
        votes = response.context["form"].formsets["votes"].forms
        self.assertEqual([bool(form.errors) for form in votes], [False, True])
        self.assertIn("voter", votes[1].errors)

    def test_admin_refuses_two_votes_by_one_member(self):
        motion, member, _outsider = self._setup_motion()
        url = reverse("wagtailsnippets_council_voteevent:add")
        response = self.client.post(url, self._vote_event_form(motion, [member, member]))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].formsets["votes"].forms[1].errors)
        self.assertFalse(VoteEvent.objects.exists())

    def test_council_menu_lists_terms_bodies_motions_and_vote_events(self):
        for model in ("councilterm", "organization", "motion", "voteevent"):
            with self.subTest(model=model):
                response = self.client.get(reverse(f"wagtailsnippets_council_{model}:list"))
                self.assertEqual(response.status_code, 200)
