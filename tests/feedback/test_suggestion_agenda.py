"""A suggestion the council takes up: onto a meeting's agenda, then a motion and a resolution."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from cms.council.models import AgendaItem, MeetingPage, Motion
from cms.models import LawIndexPage, LawPage
from participation.feedback import agenda, workflow
from tests.cms.factories import LawPageFactory
from tests.conftest import XSS
from tests.feedback.council_helpers import make_complaint, make_suggestion, set_case
from tests.feedback.council_workflow_data import make_council, scheduled_meeting
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

TITLE = "پياده‌راه‌سازي خيابان اصلي"


def in_group(name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def member(db):
    return in_group("council member")


@pytest.fixture
def council(home):
    return make_council()


@pytest.fixture
def meeting(council):
    return scheduled_meeting(council)


@pytest.fixture
def suggestion(home):
    return make_suggestion(TITLE)


def put_on_agenda(client, case, meeting, **fields):
    return client.post(
        reverse("feedback_review:agenda", args=[case.pk]),
        {"version": case.version, "meeting": meeting.pk, **fields},
        follow=True,
    )


def errors(response):
    return [str(message) for message in response.context["messages"] if message.level >= 40]


def test_a_suggestion_becomes_an_agenda_item_linked_to_its_page(
    client, member, meeting, suggestion
):
    client.force_login(member)

    put_on_agenda(client, suggestion.case, meeting, description=f"به پيشنهاد شهروندان {XSS}")

    item = AgendaItem.objects.get(meeting=meeting)
    suggestion.case.refresh_from_db()
    assert suggestion.case.agenda_item == item
    assert item.title == TITLE
    assert item.source_url == suggestion.get_full_url()
    assert item.source_url.startswith("http") and item.source_url.endswith(
        suggestion.get_absolute_url()
    )
    step = suggestion.case.transitions.last()
    assert step.from_status == step.to_status == suggestion.case.status
    assert step.public_reason == _("Put on the agenda of “%(meeting)s”.") % {
        "meeting": meeting.title
    }


def test_the_meeting_page_keeps_the_item_when_it_is_edited_later(member, meeting, suggestion):
    agenda.add_to_agenda(
        suggestion.case, meeting, actor=member, expected_version=suggestion.case.version
    )

    meeting = MeetingPage.objects.get(pk=meeting.pk)
    draft = meeting.get_latest_revision_as_object()
    assert [item.title for item in draft.agenda_items.all()] == [TITLE]
    assert not meeting.has_unpublished_changes
    draft.save_revision().publish()  # an editor's next publication
    assert AgendaItem.objects.filter(meeting=meeting, title=TITLE).exists()


def test_the_item_goes_after_the_meeting_s_own_items(member, meeting, suggestion):
    AgendaItem.objects.create(meeting=meeting, title="بودجه‌ی سال ۱۴۰۶", sort_order=3)
    meeting.save_revision().publish()

    item = agenda.add_to_agenda(
        suggestion.case,
        meeting,
        actor=member,
        title="طرح پياده‌راه",
        expected_version=suggestion.case.version,
    )

    assert [entry.title for entry in meeting.agenda_items.order_by("sort_order")] == [
        "بودجه‌ی سال ۱۴۰۶",
        "طرح پياده‌راه",
    ]
    assert item.sort_order == 4


def test_the_public_pages_show_the_agenda_and_then_the_resolution(
    client, member, meeting, suggestion, sections
):
    agenda.add_to_agenda(
        suggestion.case, meeting, actor=member, expected_version=suggestion.case.version
    )
    pages = (
        lambda: client.get(suggestion.get_absolute_url()),
        lambda: client.get(reverse("feedback:track"), {"code": suggestion.case.tracking_code}),
    )
    for page in pages:
        html = page().content.decode()
        assert f'href="{meeting.url}"' in html
        assert XSS not in html

    resolution = LawPageFactory(
        parent=sections[LawIndexPage], kind=LawPage.Kind.COUNCIL_RESOLUTION, number="۴۲/ش/۱۴۰۵"
    )
    Motion.objects.create(
        meeting=meeting,
        agenda_item=suggestion.case.agenda_item,
        text=f"تصويب طرح پياده‌راه {XSS}",
        result=Motion.Result.PASSED,
        resolution=resolution,
    )

    for page in pages:
        html = page().content.decode()
        assert f'href="{resolution.url}"' in html
        assert "۴۲/ش/۱۴۰۵" in html
        assert XSS not in html


def test_a_motion_without_a_resolution_is_shown_with_its_result(
    client, member, meeting, suggestion
):
    agenda.add_to_agenda(
        suggestion.case, meeting, actor=member, expected_version=suggestion.case.version
    )
    Motion.objects.create(
        meeting=meeting,
        agenda_item=suggestion.case.agenda_item,
        text="ارجاع طرح به كميسيون",
        result=Motion.Result.PENDING,
    )

    html = client.get(suggestion.get_absolute_url()).content.decode()

    assert "ارجاع طرح به كميسيون" in html
    assert str(Motion.Result.PENDING.label) in html


@pytest.mark.parametrize("motions", [1, 4])
def test_the_suggestion_page_takes_a_constant_number_of_queries(
    client, member, meeting, suggestion, sections, motions, django_assert_max_num_queries
):
    agenda.add_to_agenda(
        suggestion.case, meeting, actor=member, expected_version=suggestion.case.version
    )
    for number in range(motions):
        Motion.objects.create(
            meeting=meeting,
            agenda_item=suggestion.case.agenda_item,
            text=f"طرح {number}",
            resolution=LawPageFactory(
                parent=sections[LawIndexPage], kind=LawPage.Kind.COUNCIL_RESOLUTION
            ),
        )
    client.get(suggestion.get_absolute_url())  # warm the site's caches

    with django_assert_max_num_queries(25):
        response = client.get(suggestion.get_absolute_url())

    assert response.status_code == 200


def test_a_complaint_cannot_go_on_an_agenda(member, meeting):
    case = make_complaint().case

    with pytest.raises(workflow.TransitionRefused) as refusal:
        agenda.add_to_agenda(case, meeting, actor=member, expected_version=case.version)

    assert refusal.value.message == _("Only a suggestion can go on a meeting's agenda.")
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize(
    ("situation", "message"),
    [
        (
            "hidden",
            "Only a public suggestion can go on a meeting's agenda: it is the item's source.",
        ),
        ("held", "Only a published meeting that is still scheduled takes new agenda items."),
        ("draft", "The meeting page has unpublished changes: publish or discard them first."),
        ("twice", "This suggestion is already on a meeting's agenda."),
    ],
)
def test_refusals_change_nothing(client, member, meeting, suggestion, situation, message):
    if situation == "hidden":
        set_case(suggestion.case, is_public=False)
    elif situation == "held":
        MeetingPage.objects.filter(pk=meeting.pk).update(status=MeetingPage.Status.HELD)
    elif situation == "draft":
        meeting.location = "تالار جديد"
        meeting.save_revision()
    elif situation == "twice":
        agenda.add_to_agenda(
            suggestion.case, meeting, actor=member, expected_version=suggestion.case.version
        )
    items = AgendaItem.objects.count()
    suggestion.case.refresh_from_db()
    version = suggestion.case.version
    client.force_login(member)

    response = put_on_agenda(client, suggestion.case, meeting)

    if situation == "held":
        # The form offers no held meeting; the workflow refuses one all the same.
        assert len(errors(response)) == 1
        with pytest.raises(workflow.TransitionRefused) as refusal:
            agenda.add_to_agenda(suggestion.case, meeting, actor=member, expected_version=version)
        assert refusal.value.message == _(message)
    else:
        assert errors(response) == [_(message)]
    suggestion.case.refresh_from_db()
    assert suggestion.case.version == version
    assert AgendaItem.objects.count() == items


def test_a_past_meeting_is_not_offered(client, member, council, suggestion):
    past = scheduled_meeting(council, start=timezone.now() - datetime.timedelta(days=2))
    client.force_login(member)

    response = put_on_agenda(client, suggestion.case, past)

    assert errors(response)
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "citizen", "editor"])
def test_only_council_members_put_suggestions_on_an_agenda(client, meeting, suggestion, who):
    if who != "anonymous":
        client.force_login(in_group(who, is_staff=who == "editor"))

    client.post(
        reverse("feedback_review:agenda", args=[suggestion.case.pk]),
        {"version": suggestion.case.version, "meeting": meeting.pk},
    )

    suggestion.case.refresh_from_db()
    assert suggestion.case.agenda_item is None
    assert not AgendaItem.objects.exists()


def test_the_case_page_offers_the_agenda_form_then_shows_the_item(
    client, member, meeting, suggestion
):
    client.force_login(member)
    case_page = reverse("feedback_review:case", args=[suggestion.case.pk])

    before = client.get(case_page).content.decode()
    put_on_agenda(client, suggestion.case, meeting)
    after = client.get(case_page).content.decode()

    agenda_action = reverse("feedback_review:agenda", args=[suggestion.case.pk])
    assert agenda_action in before
    assert agenda_action not in after
    assert reverse("wagtailadmin_pages:edit", args=[meeting.pk]) in after
