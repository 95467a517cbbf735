"""Poll pages in the tree and the admin, their validation, and the vote constraints."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import RestrictedError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import HomePage
from participation import services
from participation.models import PollIndexPage, PollPage, Vote, VoteChoice

pytestmark = pytest.mark.django_db


def in_persian(message):
    with translation.override("fa"):
        return gettext(message)


def test_polls_section_goes_under_the_home_page_and_takes_only_polls():
    assert PollIndexPage in HomePage.allowed_subpage_models()
    assert PollIndexPage.allowed_subpage_models() == [PollPage]
    assert PollPage.allowed_parent_page_models() == [PollIndexPage]
    assert PollPage.allowed_subpage_models() == []


def test_home_page_takes_one_polls_section(home, poll_index):
    assert not PollIndexPage.can_create_at(home)


def poll_with(**fields):
    now = timezone.now()
    defaults = {"title": "نظرسنجی", "opens_at": now, "closes_at": now + datetime.timedelta(days=1)}
    return PollPage(**{**defaults, **fields})


def errors_of(poll):
    with pytest.raises(ValidationError) as error:
        poll.clean()
    return error.value.message_dict


def test_poll_must_close_after_it_opens():
    now = timezone.now()
    assert "closes_at" in errors_of(poll_with(opens_at=now, closes_at=now))


def test_maximum_is_for_multiple_choice_polls_only():
    assert "max_selections" in errors_of(poll_with(max_selections=2))


def test_results_after_close_need_a_closing_time():
    poll = poll_with(closes_at=None, results_visibility=PollPage.ResultsVisibility.AFTER_CLOSE)
    assert "closes_at" in errors_of(poll)


def test_valid_poll_passes_validation():
    poll_with(multiple_choice=True, max_selections=2).clean()


def test_database_refuses_a_poll_that_closes_before_it_opens(poll):
    with pytest.raises(IntegrityError), transaction.atomic():
        PollPage.objects.filter(pk=poll.pk).update(closes_at=poll.opens_at)


def test_database_refuses_a_second_vote_by_the_same_citizen(poll, citizen):
    Vote.objects.create(poll=poll, voter=citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(poll=poll, voter=citizen)


def test_database_refuses_a_second_vote_from_the_same_device(poll):
    device = uuid.uuid4()
    Vote.objects.create(poll=poll, device_id=device)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(poll=poll, device_id=device)


@pytest.mark.parametrize("identity", ["neither", "both"])
def test_database_refuses_a_vote_by_neither_or_both_citizen_and_device(poll, citizen, identity):
    fields = {"voter": citizen, "device_id": uuid.uuid4()} if identity == "both" else {}
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(poll=poll, **fields)


def test_database_refuses_the_same_choice_twice_in_a_vote(poll, citizen):
    vote = Vote.objects.create(poll=poll, voter=citizen)
    choice = poll.choices.first()
    VoteChoice.objects.create(vote=vote, choice=choice)
    with pytest.raises(IntegrityError), transaction.atomic():
        VoteChoice.objects.create(vote=vote, choice=choice)


def test_choice_with_votes_cannot_be_deleted_alone_but_goes_with_its_poll(poll, citizen):
    choice = poll.choices.first()
    services.cast_vote(poll, user=citizen, choices=[choice.pk])

    with pytest.raises(RestrictedError), transaction.atomic():
        choice.delete()
    poll.delete()

    assert not Vote.objects.exists()


# The admin, through its real views.


def choice_forms(*labels):
    return inline_formset([{"label": label} for label in labels])


def poll_form(title="کدام پارک را نوسازی کنیم؟", choices=None, **fields):
    return nested_form_data(
        {
            "title": title,
            "slug": "park-poll",
            "summary": "",
            "body": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
            "citizen_comments": "closed",
            "choices": choices if choices is not None else choice_forms("پارک لاله", "پارک ملت"),
            "opens_at": "2024-05-01 08:00",
            "closes_at": "2024-05-10 20:00",
            "eligibility": "citizens",
            "results_visibility": "after_close",
            **fields,
        }
    )


def post_new(admin_client, poll_index, form):
    url = reverse("wagtailadmin_pages:add", args=["participation", "pollpage", poll_index.pk])
    return admin_client.post(url, {**form, "action-publish": "action-publish"})


def test_admin_creates_a_poll_with_its_choices(admin_client, poll_index):
    response = post_new(admin_client, poll_index, poll_form())

    assert response.status_code == 302, response.context["form"].errors
    poll = PollPage.objects.get()
    assert poll.live
    assert [choice.label for choice in poll.choices.all()] == ["پارک لاله", "پارک ملت"]


def test_admin_refuses_a_poll_with_one_choice(admin_client, poll_index):
    response = post_new(admin_client, poll_index, poll_form(choices=choice_forms("پارک لاله")))

    assert response.status_code == 200
    assert in_persian("A poll needs at least two choices.") in response.content.decode()
    assert not PollPage.objects.exists()


def test_admin_refuses_a_maximum_above_the_number_of_choices(admin_client, poll_index):
    response = post_new(
        admin_client, poll_index, poll_form(multiple_choice="on", max_selections="3")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["max_selections"]
    assert not PollPage.objects.exists()


def test_admin_refuses_closing_before_opening(admin_client, poll_index):
    response = post_new(admin_client, poll_index, poll_form(closes_at="2024-04-01 08:00"))

    assert response.status_code == 200
    assert [str(error) for error in response.context["form"].errors["closes_at"]] == [
        in_persian("A poll must close after it opens.")
    ]


def test_admin_refuses_removing_a_choice_that_has_votes(admin_client, poll, citizen):
    first, second, third = poll.choices.all()
    services.cast_vote(poll, user=citizen, choices=[first.pk])
    form = poll_form(
        title=poll.title,
        choices=inline_formset(
            [
                {"id": first.pk, "label": first.label, "DELETE": "1"},
                {"id": second.pk, "label": second.label},
                {"id": third.pk, "label": third.label},
            ],
            initial=3,
        ),
        opens_at=timezone.localtime(poll.opens_at).strftime("%Y-%m-%d %H:%M"),
        closes_at=timezone.localtime(poll.closes_at).strftime("%Y-%m-%d %H:%M"),
    )
    url = reverse("wagtailadmin_pages:edit", args=[poll.pk])

    response = admin_client.post(url, {**form, "slug": poll.slug, "action-publish": "1"})

    assert response.status_code == 200
    assert (
        in_persian("People have voted for this choice, so it cannot be removed.")
        in response.content.decode()
    )
    assert poll.choices.count() == 3
