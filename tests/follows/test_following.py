"""Following a page: who may, what they hear when it changes, and where they see it."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from cms.models import ProjectIndexPage
from participation.follows import personal_data
from participation.follows.models import PageFollow
from participation.ratelimit import Limit, RateLimited
from tests.accounts.conftest import PASSWORD
from tests.cms.factories import ProjectPageFactory
from tests.follows.conftest import republish
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db


def follow_url(page):
    return reverse("follows:follow", args=[page.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def citizen():
    return UserFactory(password=PASSWORD, email="citizen-follow@example.org")


def test_a_verified_citizen_follows_a_project_and_comes_back_to_it(client, citizen, project):
    client.force_login(citizen)
    response = client.post(follow_url(project))
    assert response.status_code == 303
    assert response["Location"] == f"{project.url}#follow"
    assert PageFollow.objects.filter(page=project, user=citizen).count() == 1

    page = client.get(project.url).content.decode()
    assert 'name="action" value="unfollow"' in page


def test_following_twice_is_one_follow(client, citizen, project):
    client.force_login(citizen)
    client.post(follow_url(project))
    client.post(follow_url(project))
    assert PageFollow.objects.filter(page=project).count() == 1


def test_unfollowing_removes_the_follow(client, citizen, project):
    PageFollow.objects.create(page=project, user=citizen)
    client.force_login(citizen)
    client.post(follow_url(project), {"action": "unfollow"})
    assert not PageFollow.objects.exists()


def test_an_unverified_citizen_is_told_why_and_nothing_is_saved(client, project):
    unverified = UserFactory(password=PASSWORD, profile__email_verified_at=None)
    client.force_login(unverified)
    response = client.post(follow_url(project))
    assert response.status_code == 303
    assert not PageFollow.objects.exists()
    assert len(messages_of(response)) == 1


def test_anonymous_readers_get_a_sign_in_link_and_no_form(client, project):
    page = client.get(project.url).content.decode()
    login = reverse("accounts:login")
    assert f'href="{login}?next=' in page
    assert 'name="action" value="follow"' not in page
    response = client.post(follow_url(project))
    assert response.status_code == 303
    assert not PageFollow.objects.exists()


def test_drafts_and_private_pages_cannot_be_followed(client, citizen, sections):
    client.force_login(citizen)
    draft = ProjectPageFactory(parent=sections[ProjectIndexPage], live=False)
    private = ProjectPageFactory(parent=sections[ProjectIndexPage])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for page in (draft, private):
        assert client.post(follow_url(page)).status_code == 404
    assert client.post(follow_url(sections[ProjectIndexPage])).status_code == 404
    assert not PageFollow.objects.exists()


def test_a_get_changes_nothing(client, citizen, project):
    client.force_login(citizen)
    assert client.get(follow_url(project)).status_code == 405
    assert not PageFollow.objects.exists()


def test_following_is_rate_limited(client, citizen, project, settings):
    settings.SHAFAF_RATE_LIMITS = {"follow": {"user": Limit(2, 60)}}
    client.force_login(citizen)
    for _ in range(2):
        client.post(follow_url(project), {"action": "unfollow"})
    response = client.post(follow_url(project))
    assert not PageFollow.objects.exists()
    assert messages_of(response)[-1] == str(RateLimited.message)


def test_followers_hear_about_a_new_change_note_once(
    citizen, project, django_capture_on_commit_callbacks
):
    other = UserFactory(email="other-follow@example.org")
    PageFollow.objects.create(page=project, user=citizen)
    note = "پیشرفت فيزيكی به ۶۰٪ رسید؛ بازگشایی خیابان‌ها هفته‌ی آینده."
    with django_capture_on_commit_callbacks(execute=True):
        republish(project, note)
    assert [message.to for message in mail.outbox] == [[citizen.email]]
    assert note in mail.outbox[0].body
    assert project.title in mail.outbox[0].subject
    assert other.email not in {address for message in mail.outbox for address in message.to}

    with django_capture_on_commit_callbacks(execute=True):
        republish(project, note)  # a typo fixed elsewhere: the same note tells nobody again
        republish(project, "")
    assert len(mail.outbox) == 1


def test_my_activity_lists_followed_pages_with_their_latest_note(
    client, citizen, sections, django_assert_max_num_queries
):
    projects = [
        ProjectPageFactory(
            parent=sections[ProjectIndexPage], change_note=f"تغییر شماره‌ی {n} در برنامه‌ي كار"
        )
        for n in range(3)
    ]
    for page in projects:
        PageFollow.objects.create(page=page, user=citizen)
    client.force_login(citizen)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("accounts:activity"))
    for _ in range(9):
        page = ProjectPageFactory(parent=sections[ProjectIndexPage])
        PageFollow.objects.create(page=page, user=citizen)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("accounts:activity"))
    body = response.content.decode()
    section = body[body.index('id="activity-follows"') :]
    assert escape(projects[-1].change_note) in section  # the 10th newest: still on page 1
    assert 'name="action" value="unfollow"' in section


def test_another_citizens_follows_are_never_shown(client, citizen, project):
    stranger = UserFactory(email="stranger-follow@example.org")
    PageFollow.objects.create(page=project, user=stranger)
    client.force_login(citizen)
    body = client.get(reverse("accounts:activity")).content.decode()
    section = body[body.index('id="activity-follows"') :]
    assert escape(project.title) not in section


def test_follows_are_in_the_data_export_and_gone_after_erasure(citizen, project):
    PageFollow.objects.create(page=project, user=citizen)
    exported = personal_data.export(citizen)
    assert [item["page"] for item in exported] == [project.title]
    personal_data.erase(citizen)
    assert not PageFollow.objects.exists()
