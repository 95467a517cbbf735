"""CSV export of results: who may download it, and a file Excel reads in Persian."""

import csv
import io

import pytest
from django.urls import reverse

from participation import services
from participation.models import PollPage
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db


def export_url(poll):
    return reverse("participation_api:poll-results-csv", args=[poll.pk])


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (None, 403),
        ("citizen", 403),
        ("inactive_staff", 403),
        ("staff", 200),
        ("council_member", 200),
    ],
    ids=["anonymous", "citizen", "inactive staff", "staff", "council member"],
)
def test_export_permission_matrix(request, client, make_poll, role, status):
    poll = make_poll(results_visibility=PollPage.ResultsVisibility.NEVER)
    if role:
        client.force_login(request.getfixturevalue(role))

    response = client.get(export_url(poll))

    assert response.status_code == status


@pytest.fixture
def inactive_staff(db):
    return UserFactory(is_staff=True, is_active=False)


def test_csv_starts_with_a_byte_order_mark_and_holds_the_counts(client, make_poll, staff):
    poll = make_poll()
    first, second, third = poll.choices.all()
    for choice in [first, first, second]:
        services.cast_vote(poll, user=UserFactory(), choices=[choice.pk])
    client.force_login(staff)

    response = client.get(export_url(poll))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1:4] == [
        [first.label, "2", "66.7"],
        [second.label, "1", "33.3"],
        [third.label, "0", "0.0"],
    ]


def test_labels_that_look_like_formulas_are_defused(client, make_poll, staff):
    poll = make_poll()
    choice = poll.choices.first()
    choice.label = '=HYPERLINK("http://example.com")'
    choice.save()
    client.force_login(staff)

    rows = list(csv.reader(io.StringIO(client.get(export_url(poll)).content.decode("utf-8-sig"))))

    assert rows[1][0] == '\'=HYPERLINK("http://example.com")'


def test_export_of_an_unknown_poll_is_a_404(client, staff):
    client.force_login(staff)
    assert (
        client.get(reverse("participation_api:poll-results-csv", args=[999999])).status_code == 404
    )
