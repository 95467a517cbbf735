"""Closed polls enter council review by themselves: the daily job opens one case per poll."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from participation.feedback.models import ReviewCase
from participation.models import PollIndexPage
from tests.participation.factories import PollPageFactory

pytestmark = pytest.mark.django_db

DAILY_SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "daily.sh"


@pytest.fixture
def make_poll(home):
    """``make_poll(**fields)``: a published poll in the polls section (open unless told)."""
    index = PollIndexPage.objects.child_of(home).get()

    def make(**fields):
        return PollPageFactory(parent=index, **fields)

    return make


def closed(days_ago=1):
    return {
        "opens_at": timezone.now() - datetime.timedelta(days=days_ago + 7),
        "closes_at": timezone.now() - datetime.timedelta(days=days_ago),
    }


def poll_cases():
    return ReviewCase.objects.filter(kind=ReviewCase.Kind.POLL)


def open_poll_reviews():
    call_command("open_poll_reviews", verbosity=0)


def test_a_closed_poll_gets_exactly_one_case_after_two_runs(make_poll):
    poll = make_poll(**closed())

    open_poll_reviews()
    open_poll_reviews()

    [case] = poll_cases()
    assert case.item.poll == poll
    assert case.tracking_code.startswith("PL-")


def test_an_open_poll_gets_no_case(make_poll):
    make_poll()

    open_poll_reviews()

    assert not poll_cases().exists()


def test_a_poll_without_a_closing_time_gets_no_case(make_poll):
    make_poll(closes_at=None)

    open_poll_reviews()

    assert not poll_cases().exists()


def test_an_unpublished_closed_poll_gets_no_case(make_poll):
    make_poll(live=False, **closed())

    open_poll_reviews()

    assert not poll_cases().exists()


def test_command_reports_how_many_cases_it_opened(make_poll, capsys):
    make_poll(**closed(days_ago=3))
    make_poll(**closed(days_ago=1))

    call_command("open_poll_reviews")
    call_command("open_poll_reviews")

    output = capsys.readouterr().out.splitlines()
    assert output[2] == "2 poll review case(s) opened."
    assert output[3] == "0 poll review case(s) opened."


def test_the_daily_job_opens_poll_reviews():
    assert '"open_poll_reviews"' in DAILY_SCRIPT.read_text()
