"""The monthly report and the public accountability figures, on a known data set."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from participation.feedback import accountability
from participation.feedback.models import ReviewCase
from participation.feedback.reports import median_days, month_bounds, monthly_report
from tests.feedback.council_helpers import (
    make_category,
    make_complaint,
    make_departments,
    make_districts,
    make_reviewer,
    make_suggestion,
    set_case,
    support,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments(db):
    return make_departments()


@pytest.fixture
def districts(db):
    return make_districts()


@pytest.fixture
def reviewer(db):
    return make_reviewer()


# Mehr 1405 runs from 2026-09-23 to 2026-10-22 (Tehran time).
YEAR, MONTH = 1405, 7
DAY = datetime.timedelta(days=1)
ANSWERED = ReviewCase.Status.ANSWERED


def tehran(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_month_bounds_are_tehran_midnights_of_the_jalali_month():
    start, end = month_bounds(YEAR, MONTH)
    assert (timezone.localtime(start).date(), timezone.localtime(end).date()) == (
        datetime.date(2026, 9, 23),
        datetime.date(2026, 10, 23),
    )
    assert timezone.localtime(start).hour == 0
    assert month_bounds(1404, 12)[1] == month_bounds(1405, 1)[0]


def test_median_days():
    assert median_days([]) is None
    assert median_days([DAY, 3 * DAY]) == 2.0
    assert median_days([DAY, 2 * DAY, 10 * DAY]) == 2.0


@pytest.fixture
def dataset(home, departments, districts):
    """Five cases in Mehr 1405 and one in Shahrivar (outside), with known answers and deadlines."""
    start = tehran(2026, 9, 25, 10)
    water, roads = departments
    pothole = make_category(service_code="pothole", name="چاله")
    light = make_category(service_code="light", name="روشنايي")
    # Answered in 2 days, on time.
    a = make_complaint(category=pothole, received_at=start, department=water, district=districts[0])
    set_case(a.case, status=ANSWERED, answered_at=start + 2 * DAY, due_at=start + 5 * DAY)
    # Answered in 6 days, late.
    b = make_complaint(category=pothole, received_at=start, department=water, district=districts[1])
    set_case(b.case, status=ANSWERED, answered_at=start + 6 * DAY, due_at=start + 5 * DAY)
    # Unanswered, past its deadline.
    c = make_complaint(category=light, received_at=start, department=roads, district=districts[0])
    set_case(c.case, due_at=start + 5 * DAY)
    # Suggestions: one answered in 4 days with 3 supports, one unanswered and not due, 1 support.
    s1 = make_suggestion(title="پیاده‌راه", received_at=start, department=roads)
    set_case(s1.case, status=ANSWERED, answered_at=start + 4 * DAY, due_at=start + 10 * DAY)
    s2 = make_suggestion(title="دوچرخه", received_at=start, department=roads)
    set_case(s2.case, due_at=tehran(2027, 1, 1))
    support(s1, 3)
    support(s2, 1)
    # Last month: counted nowhere in Mehr.
    make_complaint(category=pothole, received_at=tehran(2026, 9, 20), department=water)
    return {"now": tehran(2026, 10, 20)}


def test_monthly_report_figures(dataset):
    report = monthly_report(YEAR, MONTH, now=dataset["now"])

    assert report.total == 5
    assert report.answered == 3
    assert report.median_response_days == 4.0
    assert report.overdue == 2
    assert report.overdue_share == 40.0
    assert {(row.label, row.count) for row in report.by_category} == {("چاله", 2), ("روشنايي", 1)}
    assert sum(row.count for row in report.by_kind) == 5
    assert [(row.label, row.count) for row in report.top_suggestions] == [
        ("پیاده‌راه", 3),
        ("دوچرخه", 1),
    ]


@pytest.fixture
def closed_unanswered(departments):
    """A complaint closed without an answer three days after its deadline, and a later now."""
    start = tehran(2026, 9, 25, 10)
    complaint = make_complaint(received_at=start, department=departments[0])
    set_case(
        complaint.case,
        status=ReviewCase.Status.CLOSED,
        closed_at=start + 8 * DAY,
        due_at=start + 5 * DAY,
    )
    return {"now": tehran(2026, 10, 20)}


def test_a_case_closed_without_an_answer_is_not_overdue_in_the_report(closed_unanswered):
    report = monthly_report(YEAR, MONTH, now=closed_unanswered["now"])
    assert (report.total, report.overdue) == (1, 0)


def test_a_case_closed_without_an_answer_is_not_overdue_on_the_accountability_page(
    closed_unanswered,
):
    overall, [row] = accountability.compute_figures(now=closed_unanswered["now"])
    assert (overall.overdue, row.overdue) == (0, 0)


def test_report_csv_and_pages_for_a_reviewer(client, dataset, reviewer):
    client.force_login(reviewer)
    query = {"year": YEAR, "month": MONTH}

    csv_response = client.get(reverse("feedback_review:report-csv"), query)
    assert csv_response.status_code == 200
    text = csv_response.content.decode("utf-8-sig")
    assert "summary,received,5" in text
    assert client.get(reverse("feedback_review:report"), query).status_code == 200
    printable = client.get(reverse("feedback_review:report-print"), query)
    assert printable.status_code == 200
    assert "report-print.css" in printable.content.decode()


def test_accountability_page_shows_figures_per_department(client, dataset, departments):
    overall, rows = accountability.compute_figures(now=dataset["now"])
    assert (overall.received, overall.answered) == (6, 3)
    water = next(row for row in rows if row.department_id == departments[0].pk)
    # Water: a (2 days), b (6 days, late) and last month's complaint, still open past its
    # deadline on 20 Oct: all time, not one month.
    assert (water.received, water.answered, water.overdue, water.median_days) == (3, 2, 2, 4.0)

    response = client.get(reverse("feedback:accountability"))
    assert response.status_code == 200
    assert "۶" in response.content.decode()


def test_accountability_figures_take_a_constant_number_of_queries(
    client, dataset, django_assert_max_num_queries
):
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(4):
        accountability.compute_figures()
