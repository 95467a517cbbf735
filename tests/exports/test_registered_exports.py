"""Exports the council, the catalogue and participation register: what they hold and leave out."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from cms.catalogue.models import ServiceIndexPage, TariffItem, TariffTable
from cms.council.models import CouncilIndexPage, Motion, Organization
from cms.exports.datasets import DATASETS, Dataset, register
from participation.models import PollIndexPage, PollPage
from participation.services import cast_vote
from tests.catalogue.test_services import make_service
from tests.council.factories import (
    CouncilMemberPageFactory,
    CouncilTermFactory,
    MeetingPageFactory,
    MotionFactory,
    OrganizationFactory,
)
from tests.participation.factories import PollPageFactory, UserFactory

pytestmark = pytest.mark.django_db

PERSIAN = "عوارض نوسازي ملك‌های «ي ك»"


def rows(client, name):
    response = client.get(reverse("exports:download", args=[name, "csv"]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def items(client, name):
    response = client.get(reverse("exports:download", args=[name, "json"]))
    data = json.loads(b"".join(response.streaming_content))
    assert data["license"]["url"]
    assert data["columns"] == DATASETS[name].column_names
    return data["items"]


@pytest.fixture
def meeting(home):
    council = OrganizationFactory(
        name="شوراي اسلامي شهر", classification=Organization.Classification.COUNCIL
    )
    return MeetingPageFactory(
        parent=CouncilIndexPage.objects.child_of(home).get(),
        term=CouncilTermFactory(),
        organization=council,
        number="۱۲",
        # 1403/03/12 16:00 Tehran: fixed, whatever the factory's sequence has reached.
        start=timezone.make_aware(datetime.datetime(2024, 6, 1, 16)),
    )


def test_meetings_and_motions_with_their_results(client, home, meeting):
    member = CouncilMemberPageFactory(parent=CouncilIndexPage.objects.child_of(home).get())
    MotionFactory(meeting=meeting, proposer=member, text=PERSIAN, result=Motion.Result.PASSED)
    [row] = rows(client, "meetings")
    assert row["title"] == meeting.title
    assert row["organization"] == "شوراي اسلامي شهر"
    assert row["start_jalali"] == "1403/03/12 16:00"
    [motion] = rows(client, "motions")
    assert motion["text"] == PERSIAN
    assert motion["result"] == "passed"
    assert motion["proposer"] == member.title
    assert motion["meeting_url"].endswith(meeting.url)
    assert [m["title"] for m in rows(client, "councilmembers")] == [member.title]


def test_motions_of_unpublished_meetings_are_left_out(client, meeting):
    MotionFactory(meeting=meeting)
    meeting.unpublish()
    assert rows(client, "motions") == []
    assert rows(client, "meetings") == []


def test_services_and_only_published_tariffs(client, home):
    service = make_service(ServiceIndexPage.objects.child_of(home).get())
    published = TariffTable.objects.create(fiscal_year=1403, title="تعرفه‌ی ۱۴۰۳", published=True)
    draft = TariffTable.objects.create(fiscal_year=1404, title="پیش‌نویس ۱۴۰۴")
    TariffItem.objects.create(table=published, code="۱۰۱", title=PERSIAN, amount=2_500_000)
    TariffItem.objects.create(table=draft, code="۱۰۲", title="هنوز منتشر نشده", amount=1)
    [row] = items(client, "services")
    assert row["title"] == service.title and row["processing_days"] == 15
    assert row["life_event"] == "building" and row["phone_137"] is True
    assert row["url"].endswith(service.url)
    [tariff] = items(client, "tariffs")
    assert tariff["fiscal_year"] == 1403
    assert tariff["amount"] == 2_500_000 and tariff["currency"] == "IRR"


def test_poll_results_only_once_closed_and_public(client, home):
    index = PollIndexPage.objects.child_of(home).get()
    poll = PollPageFactory(parent=index)
    hidden = PollPageFactory(parent=index, results_visibility=PollPage.ResultsVisibility.NEVER)
    choices = list(poll.choices.all())
    for user, choice in zip(UserFactory.create_batch(3), [0, 0, 1], strict=True):
        cast_vote(poll, user=user, choices=[choices[choice]])
    assert rows(client, "polls") == []  # still open
    closed = timezone.now() - datetime.timedelta(minutes=1)
    PollPage.objects.filter(pk__in=[poll.pk, hidden.pk]).update(closes_at=closed)
    result = rows(client, "polls")
    assert [(r["choice"], r["votes"], r["percent"]) for r in result] == [
        (choices[0].label, "2", "66.7"),
        (choices[1].label, "1", "33.3"),
        (choices[2].label, "0", "0.0"),
    ]
    assert {r["total_votes"] for r in result} == {"3"}


def test_exports_run_a_constant_number_of_queries(client, meeting, django_assert_max_num_queries):
    for _ in range(5):
        MotionFactory(meeting=meeting)
    with django_assert_max_num_queries(8):
        assert len(rows(client, "motions")) == 5


@pytest.mark.parametrize("name", ["news", "Motions", "مصوبات"])
def test_a_taken_or_malformed_name_cannot_be_registered(name):
    with pytest.raises(ImproperlyConfigured):
        register(Dataset(name, "x", []))


def test_public_suggestions_with_their_latest_answer(client, home):
    from cms.models import Department
    from participation.feedback.models import (
        OfficialResponse,
        ReviewCase,
        SuggestionBoxPage,
        SuggestionIndexPage,
    )
    from participation.feedback.services import submit_suggestion

    department = Department.objects.create(name="معاونت خدمات شهري")
    box = SuggestionBoxPage(
        title="صندوق پیشنهاد", slug="box", department=department, opens_at=timezone.now()
    )
    SuggestionIndexPage.objects.child_of(home).get().add_child(instance=box)
    citizen = UserFactory()
    answered = submit_suggestion(box=box, title=PERSIAN, body="متن پیشنهاد", author=citizen)
    hidden = submit_suggestion(box=box, title="پنهان", body="متن", author=citizen)
    ReviewCase.objects.filter(pk=hidden.case.pk).update(is_public=False)
    OfficialResponse.objects.create(case=answered.case, body="<p>بررسی شد &amp; پذیرفته شد</p>")
    [row] = items(client, "suggestions")
    assert row["title"] == PERSIAN
    assert row["tracking_code"] == answered.case.tracking_code
    assert row["department"] == "معاونت خدمات شهري"
    assert row["latest_answer"] == "بررسی شد & پذیرفته شد"
    assert citizen.email not in json.dumps(row, ensure_ascii=False)
