"""The demo polls: loaded once, with live results that match the votes cast."""

from django.core.management import call_command

from participation.demo import PARTICIPATORY_BUDGET
from participation.models import PollPage, Vote
from participation.services import poll_results


def test_demo_polls_load_once_with_their_votes(home):
    call_command("load_demo_polls")
    call_command("load_demo_polls")

    assert PollPage.objects.live().count() == 2
    budget_poll = PollPage.objects.get(eligibility=PollPage.Eligibility.ANYONE)
    results = poll_results(budget_poll)
    assert [(c.label, c.votes) for c in results.choices] == PARTICIPATORY_BUDGET
    assert (
        results.total_votes == results.device_votes == Vote.objects.filter(poll=budget_poll).count()
    )
    assert all(poll.is_open() for poll in PollPage.objects.all())
