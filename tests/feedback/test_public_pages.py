"""The public side: box listings, a suggestion's page, support, and the tracking page.

No personal data anywhere unless the author chose to show their display name; citizen text
is escaped; lists cost a constant number of queries.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from participation.feedback import services, workflow
from participation.feedback.models import ReviewCase, SuggestionSupport
from tests.conftest import XSS
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db


def suggest(box, author, n=0, **fields):
    return services.submit_suggestion(
        box=box, title=f"پیشنهاد {n} {XSS}", body=f"متن {XSS}", author=author, **fields
    )


def complain(category, **fields):
    return services.submit_complaint(
        category=category,
        description=f"شکایت محرمانه {XSS}",
        address="خیابان خصوصی ۷",
        contact_email="secret@example.org",
        contact_phone="09129999999",
        **fields,
    )


def test_box_lists_public_suggestions_escaped_without_personal_data(client, box, citizen):
    suggest(box, citizen, contact_email="hidden@example.org")

    html = client.get(box.url).content.decode()

    assert "پیشنهاد 0" in html
    assert XSS not in html
    assert "&lt;script&gt;" in html
    assert citizen.last_name not in html
    assert citizen.email not in html


def test_name_is_shown_only_when_the_author_chose_it(client, box, signed_up_citizen):
    suggestion = suggest(box, signed_up_citizen, show_author=True)
    html = client.get(suggestion.get_absolute_url()).content.decode()
    assert signed_up_citizen.citizen_profile.display_name in html
    assert signed_up_citizen.username not in html  # the internal citizen-… handle
    assert signed_up_citizen.email not in html


@pytest.mark.parametrize("count", [3, 12])
def test_box_listing_queries_do_not_grow(
    client, box, citizen, count, django_assert_max_num_queries
):
    for n in range(count):
        suggestion = suggest(box, citizen, n, show_author=True)
        SuggestionSupport.objects.create(suggestion=suggestion, user=UserFactory())
    with django_assert_max_num_queries(20):
        response = client.get(box.url + "?sort=supported")
    assert response.status_code == 200
    assert response.content.decode().count("card__title") == count


def test_support_once_each_and_by_verified_citizens_only(
    client, box, citizen, other_citizen, unverified
):
    suggestion = suggest(box, citizen)
    url = suggestion.get_absolute_url() + "support/"

    client.force_login(other_citizen)
    assert client.post(url).status_code == 303
    assert client.post(url).status_code == 303
    client.force_login(unverified)
    client.post(url)
    client.force_login(citizen)  # the author
    client.post(url)

    assert list(SuggestionSupport.objects.values_list("user", flat=True)) == [other_citizen.pk]
    html = client.get(suggestion.get_absolute_url()).content.decode()
    assert "۱" in html or ">1<" in html


def test_support_is_unique_in_the_database(box, citizen, other_citizen):
    suggestion = suggest(box, citizen)
    SuggestionSupport.objects.create(suggestion=suggestion, user=other_citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        SuggestionSupport.objects.create(suggestion=suggestion, user=other_citizen)


def test_support_needs_post(client, box, citizen, other_citizen):
    suggestion = suggest(box, citizen)
    client.force_login(other_citizen)
    assert client.get(suggestion.get_absolute_url() + "support/").status_code == 405


def test_tracking_page_shows_history_and_answer_without_personal_data(client, category, citizen):
    complaint = complain(category, submitter=citizen)
    case = complaint.case
    reviewer = UserFactory(first_name="مامور", last_name="بازبين")
    workflow.assign(
        case,
        actor=reviewer,
        department=category.department,
        assignee=reviewer,
        expected_version=case.version,
    )
    workflow.transition(
        case,
        ReviewCase.Status.UNDER_REVIEW,
        actor=reviewer,
        reason="یادداشت داخلی",
        expected_version=case.version,
    )
    workflow.answer(
        case,
        actor=reviewer,
        body=f"<p>چراغ‌ها تعمیر شد</p>{XSS}",
        decision=ReviewCase.Decision.ACCEPTED,
    )

    typed = case.tracking_code.lower().replace("-", " ")
    response = client.get(reverse("feedback:track"), {"code": typed})

    html = response.content.decode()
    assert response.status_code == 200
    assert case.tracking_code in html
    assert category.name in html
    assert "چراغ‌ها تعمیر شد" in html
    assert XSS not in html
    for private in (
        "شکایت محرمانه",
        "خیابان خصوصی",
        "secret@example.org",
        "09129999999",
        citizen.last_name,
        citizen.email,
        reviewer.last_name,
        "یادداشت داخلی",
    ):
        assert private not in html, private
    assert html.count("<li><time") == 5  # received, screened, assigned, under review, answered


def test_wrong_code_gets_a_clear_message(client, db):
    response = client.get(reverse("feedback:track"), {"code": "SG-AAAAAAAA"})
    assert response.status_code == 404
    assert "id_code_error" in response.content.decode()


def test_tracking_is_rate_limited(client, db):
    codes = [
        client.get(reverse("feedback:track"), {"code": f"SG-AAAAAA{n:02d}"}).status_code
        for n in range(21)
    ]
    assert codes[:20] == [404] * 20
    assert codes[20] == 429


def test_empty_tracking_form_is_plain(client, db):
    response = client.get(reverse("feedback:track"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_complaints_are_never_listed_publicly(client, box, category, citizen):
    complain(category)
    assert "شکایت محرمانه" not in client.get(box.url).content.decode()


def test_personal_data_export_and_erase(box, category, citizen):
    from participation.feedback.personal_data import erase_data, export_data

    suggestion = suggest(box, citizen, show_author=True)
    complain(category, submitter=citizen)

    exported = export_data(citizen)
    assert exported["suggestions"][0]["tracking_code"] == suggestion.case.tracking_code
    assert exported["complaints"][0]["contact_phone"] == "09129999999"

    erase_data(citizen)
    suggestion.refresh_from_db()
    assert (suggestion.author, suggestion.show_author) == (None, False)
    assert export_data(citizen) == {
        "suggestions": [],
        "complaints": [],
        "supported_suggestions": [],
    }


def past_its_deadline(case):
    ReviewCase.objects.filter(pk=case.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))


def overdue_mark():
    """The overdue mark as the (Persian) pages show it: words, not a colour alone."""
    with translation.override("fa"):
        return f'<strong class="status status--overdue">{gettext("Overdue")}</strong>'


def track(client, case):
    return client.get(reverse("feedback:track"), {"code": case.tracking_code}).content.decode()


def test_tracking_page_marks_an_unanswered_case_past_its_deadline_as_overdue(client, category):
    case = complain(category).case
    past_its_deadline(case)

    assert overdue_mark() in track(client, case)


def test_tracking_page_does_not_mark_a_case_within_its_deadline(client, category):
    case = complain(category).case

    assert overdue_mark() not in track(client, case)


def test_tracking_page_does_not_mark_a_case_closed_after_its_deadline(client, category):
    case = complain(category).case
    past_its_deadline(case)
    workflow.transition(case, ReviewCase.Status.CLOSED, actor=None, expected_version=None)

    assert overdue_mark() not in track(client, case)


def test_suggestion_page_marks_an_unanswered_suggestion_past_its_deadline(client, box, citizen):
    suggestion = suggest(box, citizen)
    past_its_deadline(suggestion.case)

    html = client.get(suggestion.get_absolute_url()).content.decode()
    assert overdue_mark() in html
