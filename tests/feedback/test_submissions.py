"""Suggestions and complaints end to end through the site's forms: saved, receipted, mailed."""

import pytest
from django.urls import reverse

from participation.feedback.models import Complaint, ReviewCase, Suggestion, SuggestionBoxPage
from tests.conftest import XSS
from tests.feedback.uploads_data import jpeg, svg

pytestmark = pytest.mark.django_db

TITLE = "ايجاد پارك محله‌ای"  # Arabic ي and ك, a ZWNJ
BODY = f"زمین خالی کنار مدرسه را پارک کنید.\n{XSS}"


def new_url(box):
    return box.url + box.reverse_subpage("new_suggestion")


def post_suggestion(client, box, **fields):
    data = {"title": TITLE, "body": BODY, **fields}
    return client.post(new_url(box), data)


def test_signed_in_citizen_files_a_suggestion_and_sees_the_code_once(
    client, box, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_suggestion(client, box, show_author="on")

    assert response.status_code == 303
    assert response["Location"] == reverse("feedback:receipt")
    suggestion = Suggestion.objects.select_related("case").get()
    case = suggestion.case
    assert (suggestion.title, suggestion.body, suggestion.author) == (TITLE, BODY, citizen)
    assert case.kind == ReviewCase.Kind.SUGGESTION
    assert case.tracking_code.startswith("SG-")
    assert case.department == box.department
    assert case.due_at > case.received_at
    assert case.is_public
    assert list(case.transitions.values_list("from_status", "to_status")) == [("", "received")]
    assert case.tracking_code not in response["Location"]

    receipt = client.get(response["Location"])
    assert case.tracking_code in receipt.content.decode()
    assert client.get(reverse("feedback:receipt")).status_code == 302  # shown once

    assert [message.to for message in mailoutbox] == [[citizen.email]]
    assert case.tracking_code in mailoutbox[0].subject + mailoutbox[0].body


def test_form_keeps_what_was_typed_and_ties_errors_to_fields(client, box, citizen):
    client.force_login(citizen)
    response = post_suggestion(client, box, title="")

    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="id_title_error"' in html or "id_title_error" in html
    assert "آن را پارک کنید" not in html
    assert "زمین خالی کنار مدرسه را پارک کنید." in html
    assert not Suggestion.objects.exists()


def test_named_box_refuses_anonymous_visitors(client, box):
    response = post_suggestion(client, box)
    assert response.status_code == 403
    assert not ReviewCase.objects.exists()


def test_fully_anonymous_box_takes_a_visitor_with_an_email(
    client, open_box, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_suggestion(client, open_box, contact_email="nabi@example.org")

    assert response.status_code == 303
    suggestion = Suggestion.objects.get()
    assert suggestion.author is None
    assert suggestion.fully_anonymous
    assert [message.to for message in mailoutbox] == [["nabi@example.org"]]


def test_fully_anonymous_suggestion_from_a_signed_in_citizen_stores_no_author(
    client, open_box, citizen
):
    client.force_login(citizen)
    response = post_suggestion(client, open_box, fully_anonymous="on")

    assert response.status_code == 303
    suggestion = Suggestion.objects.get()
    assert suggestion.author is None
    assert suggestion.case.transitions.get().actor is None


def test_anonymous_to_public_box_never_shows_the_name(client, make_box, citizen):
    box = make_box(anonymity=SuggestionBoxPage.Anonymity.ANONYMOUS_TO_PUBLIC)
    client.force_login(citizen)
    post_suggestion(client, box, show_author="on")

    suggestion = Suggestion.objects.get()
    assert suggestion.author == citizen
    assert not suggestion.show_author


def test_closed_box_takes_nothing(client, make_box, citizen):
    import datetime

    from django.utils import timezone

    past = timezone.now() - datetime.timedelta(days=5)
    box = make_box(opens_at=past, closes_at=past + datetime.timedelta(days=1))
    client.force_login(citizen)
    assert post_suggestion(client, box).status_code == 404


def test_latitude_without_longitude_is_refused(client, box, citizen):
    client.force_login(citizen)
    response = post_suggestion(client, box, latitude="35.7")
    assert response.status_code == 400
    assert not ReviewCase.objects.exists()


def test_same_suggestion_twice_is_received_once(client, box, citizen):
    client.force_login(citizen)
    assert post_suggestion(client, box).status_code == 303
    again = post_suggestion(client, box)
    assert again.status_code == 400
    assert Suggestion.objects.count() == 1


def test_suggestion_refused_for_its_file_may_be_sent_again_at_once(client, box, citizen):
    client.force_login(citizen)
    refused = post_suggestion(client, box, files=svg())
    assert refused.status_code == 400
    assert not Suggestion.objects.exists()

    corrected = post_suggestion(client, box, files=jpeg())

    assert corrected.status_code == 303
    assert Suggestion.objects.count() == 1


def test_suggestions_are_rate_limited(client, box, citizen):
    client.force_login(citizen)
    codes = [post_suggestion(client, box, title=f"{TITLE} {n}").status_code for n in range(6)]
    assert codes == [303] * 5 + [429]
    assert Suggestion.objects.count() == 5


def test_honeypot_refuses_bots(client, box, citizen):
    client.force_login(citizen)
    assert post_suggestion(client, box, website="http://spam.example").status_code == 400
    assert not Suggestion.objects.exists()


def test_anonymous_complaint_is_filed_with_its_category_deadline(
    client, complaints_page, category, district_one, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            complaints_page.url,
            {
                "category": category.pk,
                "description": f"چراغ‌های کوچه خاموش است {XSS}",
                "address": "خیابان ولیعصر، کوچه ۱۲",
                "latitude": "35.700000",
                "longitude": "51.400000",
                "district": district_one.pk,
                "contact_email": "reza@example.org",
                "contact_phone": "09120000000",
            },
        )

    assert response.status_code == 303
    complaint = Complaint.objects.select_related("case").get()
    case = complaint.case
    assert case.tracking_code.startswith("CP-")
    assert case.department == category.department
    assert case.district == district_one
    assert not case.is_public
    assert complaint.author is None
    assert (complaint.contact_email, complaint.contact_phone) == (
        "reza@example.org",
        "09120000000",
    )
    assert [message.to for message in mailoutbox] == [["reza@example.org"]]


def test_complaint_without_category_names_the_field(client, complaints_page, category):
    response = client.post(complaints_page.url, {"description": "چاله"})
    assert response.status_code == 400
    assert "id_category_error" in response.content.decode()
    assert not ReviewCase.objects.exists()


def test_complaint_page_lists_categories(client, complaints_page, category):
    html = client.get(complaints_page.url).content.decode()
    assert category.name in html
    assert 'enctype="multipart/form-data"' in html
