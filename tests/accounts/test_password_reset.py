"""Resetting a forgotten password, without telling anyone which addresses have accounts."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.accounts.conftest import last_mail_to, links_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-long-password-۱۴۰۳"


def ask_for_reset(client, on_commit, email):
    with on_commit():
        return client.post(reverse("accounts:password-reset"), {"email": email}, follow=True)


def test_a_known_and_an_unknown_address_get_the_same_page(client, on_commit, citizen):
    known = ask_for_reset(client, on_commit, citizen.email)
    unknown = ask_for_reset(client, on_commit, "nobody@example.org")
    assert known.redirect_chain == unknown.redirect_chain
    assert known.redirect_chain[-1][0] == reverse("accounts:password-reset-done")
    assert known.content == unknown.content
    assert [message.to for message in mail.outbox] == [[citizen.email]]


def test_the_mailed_link_sets_a_new_password(client, on_commit, citizen):
    ask_for_reset(client, on_commit, citizen.email)
    [link] = links_in(last_mail_to(citizen.email))
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password-reset-complete")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    # A used link does not work again.
    assert client.get(link, follow=True).context["validlink"] is False


def test_password_reset_requests_are_rate_limited(client, on_commit, citizen):
    for _attempt in range(5):
        ask_for_reset(client, on_commit, "nobody@example.org")
    assert ask_for_reset(client, on_commit, citizen.email).status_code == 429
    assert mail.outbox == []


def test_a_signed_in_citizen_changes_the_password(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": "a-long-test-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
