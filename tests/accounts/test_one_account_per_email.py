"""One citizen account per email address, whatever its case, held by the database."""

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse

from participation.accounts import services
from participation.accounts.models import CitizenProfile
from tests.accounts.conftest import PASSWORD, last_mail_to
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "Maryam.Kazemi@Example.org"
NAME = "مريم كاظمی‌پور"


def create(email=EMAIL):
    return services.create_citizen(email=email, password=PASSWORD, display_name=NAME)


def test_a_new_citizen_claims_the_address_in_lower_case():
    user = create()
    assert CitizenProfile.objects.get(user=user).normalized_email == EMAIL.lower()


def test_a_second_citizen_with_the_address_in_another_case_is_refused_and_nothing_is_kept():
    create()
    with pytest.raises(services.EmailInUse):
        create(EMAIL.upper())
    assert User.objects.filter(email__iexact=EMAIL).count() == 1
    assert CitizenProfile.objects.count() == 1


def test_the_database_refuses_two_profiles_claiming_one_address():
    first, second = UserFactory.create_batch(2)
    with pytest.raises(IntegrityError), transaction.atomic():
        CitizenProfile.objects.filter(user=second).update(
            normalized_email=first.citizen_profile.normalized_email
        )


def test_a_sign_up_the_database_refuses_gets_the_same_page_and_tells_the_owner(client, on_commit):
    """As when two sign-ups race: the first check finds no account, the database refuses."""
    owner = create()
    # The address is claimed but, at the moment of the first check, no account shows it.
    User.objects.filter(pk=owner.pk).update(email="moved-away@example.org")
    data = {
        "email": EMAIL,
        "display_name": NAME,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "website": "",
    }
    with on_commit():
        response = client.post(reverse("accounts:signup"), data)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup-done")
    assert User.objects.count() == 1
    notice = last_mail_to(EMAIL.lower())
    assert reverse("accounts:password-reset") in notice.body
    assert "/verify/" not in notice.body


def test_changing_a_citizens_email_moves_the_claim(citizen):
    citizen.email = "Karim.New@Example.org"
    citizen.save()
    assert CitizenProfile.objects.get(user=citizen).normalized_email == "karim.new@example.org"
    # The old address is free for someone else again.
    create(EMAIL)


def test_an_email_another_citizen_has_is_refused_and_the_account_keeps_its_own(citizen):
    other = UserFactory()
    original = other.email
    other.email = citizen.email.upper()
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()
    other.refresh_from_db()
    assert other.email == original


def test_an_account_made_in_the_admin_with_a_citizens_address_still_gets_a_profile(citizen):
    staff = User.objects.create_user(username="staff-kowsar", email=citizen.email.upper())
    profile = services.profile_for(staff)
    assert profile.pk is not None
    assert profile.normalized_email == ""
