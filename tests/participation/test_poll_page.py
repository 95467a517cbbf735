"""The public poll page through the real views: form, voting, refusals, results and chart."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from participation import devices, services
from participation.models import PollPage, Vote
from tests.conftest import XSS
from tests.participation.factories import UserFactory, poll_choices

pytestmark = pytest.mark.django_db


def choice_ids(poll):
    return list(poll.choices.values_list("pk", flat=True))


def closed_poll(make_poll, **fields):
    now = timezone.now()
    return make_poll(
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
        **fields,
    )


def test_citizen_sees_a_form_with_a_radio_per_choice_in_a_fieldset(client, poll, citizen):
    client.force_login(citizen)

    response = client.get(poll.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<fieldset" in html and "<legend>" in html
    assert html.count('type="radio"') == 3
    assert 'name="csrfmiddlewaretoken"' in html
    assert XSS not in html


def test_multiple_choice_poll_offers_checkboxes(client, make_poll, citizen):
    poll = make_poll(multiple_choice=True, max_selections=2, choices=poll_choices(4))
    client.force_login(citizen)

    html = client.get(poll.url).content.decode()

    assert html.count('type="checkbox"') == 4


def test_voting_records_the_vote_and_says_so_after_the_redirect(client, poll, citizen):
    client.force_login(citizen)
    choice = choice_ids(poll)[1]

    response = client.post(poll.url, {"choices": choice}, follow=True)

    assert response.redirect_chain[0][1] == 303
    assert list(Vote.objects.get(voter=citizen).choices.values_list("pk", flat=True)) == [choice]
    assert len(list(response.context["messages"])) == 1
    assert 'role="status"' in response.content.decode()
    assert response.context["form"] is None  # one vote, no change allowed


def test_second_vote_by_same_citizen_is_refused(client, poll, citizen):
    client.force_login(citizen)
    first, second = choice_ids(poll)[:2]
    client.post(poll.url, {"choices": first})

    response = client.post(poll.url, {"choices": second})

    assert response.status_code == 409
    assert 'role="alert"' in response.content.decode()
    assert list(Vote.objects.get(voter=citizen).choices.values_list("pk", flat=True)) == [first]


def test_unverified_account_is_refused_with_a_clear_message(client, poll):
    unverified = UserFactory(profile__email_verified_at=None)
    client.force_login(unverified)

    response = client.post(poll.url, {"choices": choice_ids(poll)[0]})

    assert response.status_code == 403
    html = response.content.decode()
    assert 'role="alert"' in html
    refusal = gettext(
        "Confirm your email address to vote in this poll: open the link we mailed "
        "you, or ask for a new one on your account page."
    )
    assert escape(refusal) in html
    assert not Vote.objects.exists()


def test_citizen_changes_their_vote_when_the_poll_allows_it(client, make_poll, citizen):
    poll = make_poll(allow_vote_change=True)
    client.force_login(citizen)
    first, second = choice_ids(poll)[:2]
    client.post(poll.url, {"choices": first})

    page = client.get(poll.url)
    assert page.context["form"].initial == {"choices": first}
    response = client.post(poll.url, {"choices": second}, follow=True)

    assert response.status_code == 200
    assert list(Vote.objects.get(voter=citizen).choices.values_list("pk", flat=True)) == [second]


def test_empty_form_is_answered_with_the_error_next_to_the_choices(client, poll, citizen):
    client.force_login(citizen)

    response = client.post(poll.url, {})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="vote-error"' in html
    assert not Vote.objects.exists()


def test_two_choices_in_a_single_choice_poll_are_refused(client, poll, citizen):
    client.force_login(citizen)

    response = client.post(poll.url, {"choices": choice_ids(poll)[:2]})

    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_anonymous_visitor_is_asked_to_sign_in_and_cannot_vote(client, poll):
    page = client.get(poll.url)
    assert page.context["form"] is None
    assert page.context["needs_sign_in"]

    response = client.post(poll.url, {"choices": choice_ids(poll)[0]})

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_device_votes_once_through_its_signed_cookie(client, make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    choice = choice_ids(poll)[0]

    first = client.post(poll.url, {"choices": choice})
    assert first.status_code == 303
    assert devices.COOKIE_NAME in first.cookies
    second = client.post(poll.url, {"choices": choice})

    assert second.status_code == 409
    vote = Vote.objects.get()
    assert vote.by_device
    assert str(vote.device_id) in first.cookies[devices.COOKIE_NAME].value


def test_tampered_device_cookie_counts_as_a_new_device(client, make_poll):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    client.cookies[devices.COOKIE_NAME] = f"{uuid.uuid4()}:forged-signature"

    response = client.post(poll.url, {"choices": choice_ids(poll)[0]})

    assert response.status_code == 303
    assert devices.COOKIE_NAME in response.cookies


def test_device_votes_are_marked_apart_in_the_results(client, make_poll, citizen):
    poll = make_poll(eligibility=PollPage.Eligibility.ANYONE)
    services.cast_vote(poll, device_id=uuid.uuid4(), choices=choice_ids(poll)[:1])
    services.cast_vote(poll, user=citizen, choices=choice_ids(poll)[:1])

    response = client.get(poll.url)

    assert response.context["results"].device_votes == 1
    assert response.context["results"].citizen_votes == 1


def test_closed_poll_shows_no_form_and_refuses_votes(client, make_poll, citizen):
    poll = closed_poll(make_poll)
    client.force_login(citizen)

    assert client.get(poll.url).context["form"] is None
    response = client.post(poll.url, {"choices": choice_ids(poll)[0]})

    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("visibility", "closed", "shown"),
    [
        (PollPage.ResultsVisibility.LIVE, False, True),
        (PollPage.ResultsVisibility.LIVE, True, True),
        (PollPage.ResultsVisibility.AFTER_CLOSE, False, False),
        (PollPage.ResultsVisibility.AFTER_CLOSE, True, True),
        (PollPage.ResultsVisibility.NEVER, False, False),
        (PollPage.ResultsVisibility.NEVER, True, False),
    ],
)
def test_results_are_shown_as_the_poll_says(client, make_poll, visibility, closed, shown):
    fields = {"results_visibility": visibility}
    poll = closed_poll(make_poll, **fields) if closed else make_poll(**fields)

    response = client.get(poll.url)

    assert (response.context["results"] is not None) is shown
    assert ("poll-results__table" in response.content.decode()) is shown


def test_staff_see_results_the_public_does_not(client, make_poll, staff):
    poll = make_poll(results_visibility=PollPage.ResultsVisibility.NEVER)
    client.force_login(staff)

    response = client.get(poll.url)

    assert response.context["results"] is not None
    assert response.context["export_url"] in response.content.decode()


def test_results_chart_is_an_accessible_svg_with_the_same_numbers_in_a_table(client, make_poll):
    poll = make_poll(choices=poll_choices(3))
    first, second, _third = choice_ids(poll)
    for choice in [first, first, first, second]:
        services.cast_vote(poll, user=UserFactory(), choices=[choice])

    html = client.get(poll.url).content.decode()

    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    assert 'aria-labelledby="poll-chart-title poll-chart-desc"' in svg
    assert '<title id="poll-chart-title">' in svg and '<desc id="poll-chart-desc">' in svg
    assert svg.count("<rect") == 3
    assert XSS not in svg
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    # Persian digits: 3 votes (75%), 1 vote (25%), 0 votes.
    assert "۷۵٫۰٪" in table and "۲۵٫۰٪" in table
    assert table.count('<th scope="row">') == 3


def test_results_take_the_same_queries_for_few_and_many_votes(make_poll):
    def queries_for(choices, voters):
        poll = make_poll(eligibility=PollPage.Eligibility.ANYONE, choices=poll_choices(choices))
        ids = choice_ids(poll)
        for n in range(voters):
            services.cast_vote(poll, device_id=uuid.uuid4(), choices=[ids[n % choices]])
        with CaptureQueriesContext(connection) as captured:
            services.poll_results(poll)
        return len(captured)

    assert queries_for(2, 2) == queries_for(6, 30) == 2


def test_poll_page_takes_the_same_queries_for_few_and_many_choices(client, make_poll, citizen):
    client.force_login(citizen)

    def queries_for(choices):
        poll = make_poll(choices=poll_choices(choices))
        services.cast_vote(poll, user=citizen, choices=choice_ids(poll)[:1])
        client.get(poll.url)  # warm the caches that the site keeps (site root, locales)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(poll.url).status_code == 200
        return len(captured)

    assert queries_for(2) == queries_for(6)


def test_poll_index_lists_polls_in_constant_queries(client, poll_index, make_poll):
    def queries_with(count):
        for _ in range(count):
            make_poll()
        client.get(poll_index.url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(poll_index.url)
        assert response.status_code == 200
        return len(captured), response

    few, _response = queries_with(2)
    many, response = queries_with(10)

    assert few == many
    assert XSS not in response.content.decode()
    assert response.content.decode().count("card--pollpage") == 12
