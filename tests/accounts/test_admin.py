"""The admin's list of citizens: found by name or address, edited, never added or deleted there."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from participation.accounts.models import CitizenProfile
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin", "admin@example.org", "x"))
    return client


def test_the_listing_finds_a_citizen_by_email_in_constant_queries(
    admin_client, django_assert_max_num_queries
):
    UserFactory(email="narges@example.org", profile__display_name="نرگس كريمي‌پور")
    url = reverse("citizen_profiles:index")
    with django_assert_max_num_queries(30) as few:
        response = admin_client.get(url, {"q": "narges@"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "narges@example.org" in html
    for _n in range(20):
        UserFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url).status_code == 200


def test_staff_edit_a_display_name(admin_client):
    user = UserFactory()
    profile = user.citizen_profile
    response = admin_client.post(
        reverse("citizen_profiles:edit", args=[profile.pk]),
        {"display_name": "نام اصلاح‌شده", "mobile": "", "notification_frequency": "none"},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.display_name == "نام اصلاح‌شده"


def test_profiles_cannot_be_added_or_deleted_in_the_admin(admin_client):
    profile = UserFactory().citizen_profile
    assert admin_client.get(reverse("citizen_profiles:add")).status_code in (302, 403)
    admin_client.post(reverse("citizen_profiles:delete", args=[profile.pk]))
    assert CitizenProfile.objects.filter(pk=profile.pk).exists()


def test_citizens_without_admin_access_cannot_see_the_list(client):
    client.force_login(UserFactory())
    response = client.get(reverse("citizen_profiles:index"))
    assert response.status_code == 302


def test_staff_cannot_give_an_account_an_address_another_citizen_has(admin_client):
    UserFactory(email="maryam@example.org")
    other = UserFactory(email="ali@example.org", first_name="علي", last_name="رضايي")
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[other.pk]),
        {
            "username": other.username,
            "email": "Maryam@Example.org",
            "first_name": other.first_name,
            "last_name": other.last_name,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    with translation.override("en"):
        assert "Another account already has this email address." in [
            str(error) for error in response.context["form"].errors["email"]
        ]
    other.refresh_from_db()
    assert other.email == "ali@example.org"
