"""The monthly report as JSON (council only, the CSV's figures) and the public accountability
figures as JSON (counts only, cached like every public GET)."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from participation.feedback import accountability
from participation.feedback.models import ReviewCase
from tests.feedback.council_helpers import (
    PERSONAL,
    make_category,
    make_complaint,
    make_departments,
    make_districts,
    make_reviewer,
    make_suggestion,
    set_case,
    support,
)
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

# Mehr 1405 runs from 2026-09-23 to 2026-10-22 (Tehran time).
YEAR, MONTH = 1405, 7
DAY = datetime.timedelta(days=1)
ANSWERED = ReviewCase.Status.ANSWERED
REPORT = reverse("participation_api:feedback-council-report")
ACCOUNTABILITY = reverse("participation_api:feedback-accountability")


def tehran(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def dataset(home):
    """Mehr 1405: two complaints answered (one late), one overdue, two suggestions with
    supports; and one complaint of the month before."""
    water, roads = make_departments()
    one, two = make_districts()
    start = tehran(2026, 9, 25, 10)
    pothole = make_category(service_code="pothole", name="چاله‌ي معبر")
    light = make_category(service_code="light", name="روشنايي")
    a = make_complaint(category=pothole, received_at=start, department=water, district=one)
    set_case(a.case, status=ANSWERED, answered_at=start + 2 * DAY, due_at=start + 5 * DAY)
    b = make_complaint(category=pothole, received_at=start, department=water, district=two)
    set_case(b.case, status=ANSWERED, answered_at=start + 6 * DAY, due_at=start + 5 * DAY)
    c = make_complaint(category=light, received_at=start, department=roads, district=one)
    set_case(c.case, due_at=start + 5 * DAY)
    s1 = make_suggestion(title="پیاده‌راه كوي", received_at=start, department=roads)
    set_case(s1.case, status=ANSWERED, answered_at=start + 4 * DAY, due_at=start + 10 * DAY)
    s2 = make_suggestion(title="دوچرخه", received_at=start, department=roads)
    set_case(s2.case, due_at=timezone.now() + 30 * DAY)
    support(s1, 3)
    support(s2, 1)
    make_complaint(category=pothole, received_at=tehran(2026, 9, 20), department=water)
    return {"water": water, "roads": roads}


@pytest.fixture
def reviewer(db):
    return make_reviewer()


@pytest.fixture
def api():
    return APIClient()


def csv_of(client):
    response = client.get(reverse("feedback_review:report-csv"), {"year": YEAR, "month": MONTH})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return rows[1:]


def json_as_csv_rows(report):
    """The JSON report flattened the CSV's way: (section, label, value) as text."""
    rows = [
        ["summary", name, "" if value is None else str(value)]
        for name, value in report["summary"].items()
    ]
    for section in ("by_kind", "by_category", "by_district", "by_status", "top_suggestions"):
        rows += [[section, row["label"], str(row["count"])] for row in report[section]]
    return rows


def test_the_report_json_has_the_csv_figures(client, api, dataset, reviewer):
    client.force_login(reviewer)
    api.force_authenticate(reviewer)

    response = api.get(REPORT, {"year": YEAR, "month": MONTH})

    assert response.status_code == 200
    report = response.json()
    assert (report["year"], report["month"]) == (YEAR, MONTH)
    assert report["summary"] == {
        "received": 5,
        "answered": 3,
        "overdue": 2,
        "overdue_share_percent": 40.0,
        "median_response_days": 4.0,
    }
    assert report["top_suggestions"] == [
        {"label": "پیاده‌راه كوي", "count": 3},
        {"label": "دوچرخه", "count": 1},
    ]
    assert json_as_csv_rows(report) == csv_of(client)


def test_without_a_month_the_report_is_of_the_current_one(api, reviewer):
    api.force_authenticate(reviewer)
    make_complaint()

    report = api.get(REPORT).json()

    assert report["summary"]["received"] == 1


@pytest.mark.parametrize(
    "params", [{"year": YEAR, "month": 13}, {"year": "هزار", "month": 1}, {"month": 1}]
)
def test_a_bad_month_is_a_400(api, reviewer, params):
    api.force_authenticate(reviewer)

    response = api.get(REPORT, params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.parametrize("group", [None, "citizen", "editor"])
def test_the_report_is_for_council_members_only(api, dataset, group):
    if group is not None:
        user = UserFactory(is_staff=group == "editor")
        user.groups.add(Group.objects.get(name=group))
        api.force_authenticate(user)

    response = api.get(REPORT, {"year": YEAR, "month": MONTH})

    assert response.status_code == 403
    assert "summary" not in response.json()


def test_public_accountability_json_has_the_page_figures(api, dataset):
    response = api.get(ACCOUNTABILITY)

    assert response.status_code == 200
    body = response.json()
    overall, rows = accountability.compute_figures()
    assert body["as_of"] == timezone.localdate().isoformat()
    assert body["overall"] == {
        "received": overall.received,
        "answered": overall.answered,
        "overdue": overall.overdue,
        "median_days_to_answer": overall.median_days,
    }
    assert (body["overall"]["received"], body["overall"]["answered"]) == (6, 3)
    water = next(row for row in body["departments"] if row["id"] == dataset["water"].pk)
    assert water == {
        "id": dataset["water"].pk,
        "name": dataset["water"].name,
        "received": 3,
        "answered": 2,
        "overdue": 2,
        "median_days_to_answer": 4.0,
    }
    assert [row["name"] for row in body["departments"]] == [row.department_name for row in rows]
    text = response.content.decode()
    for value in PERSONAL.values():
        assert value not in text


def test_public_accountability_json_is_cacheable_and_cached(
    api, dataset, django_assert_max_num_queries
):
    first = api.get(ACCOUNTABILITY)
    assert {part.strip() for part in first["Cache-Control"].split(",")} == {
        "public",
        "max-age=300",
    }
    assert "Authorization" in first["Vary"]
    make_complaint(department=dataset["water"])

    with django_assert_max_num_queries(0):
        again = api.get(ACCOUNTABILITY)
    # The figures are the day's: the page and the JSON change together, tomorrow.
    assert again.json() == first.json()
