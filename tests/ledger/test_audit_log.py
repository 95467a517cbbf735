"""Moderation and council review actions land in Wagtail's own audit log (who, what, when,
before and after) and show in Reports › Site history."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from cms.models import Department, NewsIndexPage
from participation import moderation
from participation import services as votes
from participation.comments.models import Comment, CommentFlag
from participation.comments.personal_data import erase_comments
from participation.feedback import services as feedback
from participation.feedback import workflow
from participation.feedback.models import ReviewCase
from participation.forums.models import ForumCategory, Post, Thread
from participation.ledger import receivers
from participation.ledger.models import LedgerEntry
from participation.moderation import Status
from participation.roles import MODERATOR
from tests.cms.factories import NewsPageFactory
from tests.comments.people import make_citizen
from tests.ledger.conftest import SUGGESTION_BODY, SUGGESTION_TITLE

pytestmark = pytest.mark.django_db
REASON = "توهين به ديگران؛ لطفاً محترمانه بنويسيد"
CaseStatus = ReviewCase.Status


@pytest.fixture
def moderator(db):
    user = make_citizen(display_name="ناظر محله‌ي يك")
    user.groups.add(Group.objects.get(name=MODERATOR))
    return user


@pytest.fixture
def author(db):
    return make_citizen(display_name="شهروند آزمايشي‌ك")


@pytest.fixture
def news(sections):
    return NewsPageFactory(parent=sections[NewsIndexPage])


@pytest.fixture
def make_comment(news, author):
    def make(**fields):
        return Comment.objects.create(page=news, author=author, body="نظری تند و كوتاه", **fields)

    return make


@pytest.fixture
def case(box, citizen):
    return feedback.submit_suggestion(
        box=box, title=SUGGESTION_TITLE, body=SUGGESTION_BODY, author=citizen
    ).case


def decide(client, comment, action, **data):
    url = reverse("comments_moderation:decide", args=["comments", "comment", comment.pk, action])
    return client.post(url, data)


def entries_for(obj):
    return list(ModelLogEntry.objects.for_instance(obj).order_by("timestamp", "pk"))


def site_history(client, user, model):
    """Site history filtered to ``model``, as ``user`` sees it in English."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    content_type = ContentType.objects.get_for_model(model)
    response = client.get(
        reverse("wagtailadmin_reports:site_history"), {"object_type": content_type.pk}
    )
    assert response.status_code == 200
    return response.content.decode()


# == Moderation ==


def test_hiding_a_comment_in_the_queue_is_logged_with_who_and_before_and_after(
    client, make_comment, moderator
):
    comment = make_comment()
    client.force_login(moderator)

    decide(client, comment, "hide", reason=REASON)

    (entry,) = entries_for(comment)
    assert (entry.action, entry.user) == (receivers.HIDE, moderator)
    assert entry.data["before"] == {"status": Status.PUBLISHED, "hidden_reason": ""}
    assert entry.data["after"] == {"status": Status.HIDDEN, "hidden_reason": REASON}
    comment.refresh_from_db()
    assert entry.timestamp == comment.moderated_at


def test_approving_a_pending_comment_is_logged(client, make_comment, moderator):
    comment = make_comment(status=Status.PENDING)
    client.force_login(moderator)

    decide(client, comment, "approve")

    (entry,) = entries_for(comment)
    assert entry.action == receivers.APPROVE
    assert (entry.data["before"]["status"], entry.data["after"]["status"]) == (
        Status.PENDING,
        Status.PUBLISHED,
    )


def test_restoring_a_hidden_comment_is_logged(client, make_comment, moderator):
    comment = make_comment(status=Status.HIDDEN, hidden_reason=REASON)
    client.force_login(moderator)

    decide(client, comment, "restore")

    (entry,) = entries_for(comment)
    assert entry.action == receivers.RESTORE
    assert entry.data["before"] == {"status": Status.HIDDEN, "hidden_reason": REASON}
    assert entry.data["after"] == {"status": Status.PUBLISHED, "hidden_reason": ""}


def test_hiding_a_forum_post_is_logged(moderator, author):
    category = ForumCategory.objects.create(title="حمل و نقل", slug="حمل-و-نقل")
    thread = Thread.objects.create(category=category, title="ایستگاه اتوبوس", author=author)
    post = Post.objects.create(thread=thread, author=author, body="متن پست", is_opening=True)

    moderation.hide(post, moderator, REASON)

    (entry,) = entries_for(post)
    assert (entry.action, entry.user) == (receivers.HIDE, moderator)


def test_an_author_editing_a_comment_is_not_moderation(make_comment):
    comment = make_comment()
    comment.body = "نظری ملایم‌تر"
    comment.save(update_fields=["body"])

    assert entries_for(comment) == []


def test_dismissing_flags_in_the_queue_logs_each_flag_for_the_comment(
    client, make_comment, moderator, citizen
):
    comment = make_comment()
    flags = [
        CommentFlag.objects.create(item=comment, citizen=flagger)
        for flagger in (citizen, make_citizen(display_name="همسايه‌ی محله"))
    ]
    client.force_login(moderator)

    decide(client, comment, "dismiss")

    entries = entries_for(comment)
    assert [entry.action for entry in entries] == [receivers.DISMISS_FLAG] * 2
    assert {entry.user for entry in entries} == {moderator}
    assert {entry.data["before"]["flag"] for entry in entries} == {flag.pk for flag in flags}
    assert len({entry.uuid for entry in entries}) == 1  # one decision, one request


def test_a_citizen_erasing_their_data_dismisses_no_flag(make_comment, citizen):
    comment = make_comment()
    CommentFlag.objects.create(item=comment, citizen=citizen)

    erase_comments(citizen)

    assert not CommentFlag.objects.exists()
    assert entries_for(comment) == []


def test_moderation_shows_in_site_history_with_before_and_after(
    client, make_comment, moderator, superuser
):
    comment = make_comment()
    client.force_login(moderator)
    decide(client, comment, "hide", reason=REASON)

    html = site_history(client, superuser, Comment)

    assert escape("Hidden: “Published” → “Hidden by a moderator”") in html
    assert escape(str(comment)) in html
    assert escape(moderator.get_full_name()) in html


# == Council review ==


def test_a_case_transition_in_the_review_dashboard_is_logged(client, case, reviewer):
    client.force_login(reviewer)

    client.post(
        reverse("feedback_review:transition", args=[case.pk]),
        {"to_status": CaseStatus.SCREENED, "reason": "مدارك كامل است", "version": case.version},
    )

    (entry,) = entries_for(case)
    assert (entry.action, entry.user, entry.label) == (
        receivers.TRANSITION,
        reviewer,
        case.tracking_code,
    )
    assert entry.data["before"] == {"status": CaseStatus.RECEIVED}
    assert entry.data["after"] == {"status": CaseStatus.SCREENED, "decision": ""}
    assert entry.data["reason"] == "مدارك كامل است"


def test_a_submission_is_not_logged_as_a_council_action(case):
    assert entries_for(case) == []


def test_a_refused_transition_is_not_logged(case, reviewer):
    with pytest.raises(workflow.StaleCase):
        workflow.transition(
            case, CaseStatus.SCREENED, actor=reviewer, expected_version=case.version + 1
        )

    assert entries_for(case) == []


def test_an_assignment_is_logged_with_department_and_assignee_before_and_after(
    case, reviewer, department
):
    parks = Department.objects.create(name="سازمان بوستان‌ها و فضاي سبز")
    workflow.transition(case, CaseStatus.SCREENED, actor=reviewer, expected_version=case.version)

    workflow.assign(
        case, actor=reviewer, department=parks, assignee=reviewer, expected_version=case.version
    )

    actions = [entry.action for entry in entries_for(case)]
    assert actions == [receivers.TRANSITION, receivers.ASSIGN, receivers.TRANSITION]
    assignment = entries_for(case)[1]
    assert assignment.data["before"] == {
        "department": {"id": department.pk, "name": department.name},
        "assignee": None,
    }
    assert assignment.data["after"] == {
        "department": {"id": parks.pk, "name": parks.name},
        "assignee": {"id": reviewer.pk, "name": reviewer.get_full_name()},
    }


def test_an_official_response_is_logged_for_its_case(case, reviewer):
    ReviewCase.objects.filter(pk=case.pk).update(status=CaseStatus.UNDER_REVIEW)

    response = workflow.answer(
        case, actor=reviewer, body="<p>انجام مي‌شود.</p>", decision=ReviewCase.Decision.ACCEPTED
    )

    transition, published = entries_for(case)
    assert transition.data["after"] == {
        "status": CaseStatus.ANSWERED,
        "decision": ReviewCase.Decision.ACCEPTED,
    }
    assert (published.action, published.user) == (receivers.RESPOND, reviewer)
    assert published.data["after"] == {"response": response.pk}


def test_a_case_transition_shows_in_site_history_linked_to_the_case(
    client, case, reviewer, superuser
):
    workflow.transition(
        case, CaseStatus.SCREENED, actor=reviewer, reason="بررسي شد", expected_version=case.version
    )

    html = site_history(client, superuser, ReviewCase)

    assert escape("Status: “Received” → “Screened”") in html
    assert reverse("feedback_review:case", args=[case.pk]) in html
    assert case.tracking_code in html


# == The participation log in the admin ==


def test_superusers_can_read_the_participation_log_in_the_admin(client, superuser, poll, citizen):
    votes.cast_vote(poll, user=citizen, choices=[poll.choices.first().pk])
    client.force_login(superuser)

    response = client.get(reverse("ledger:index"))

    assert response.status_code == 200
    assert LedgerEntry.objects.get().entry_hash in response.content.decode()


def test_moderators_cannot_read_the_participation_log(client, moderator):
    client.force_login(moderator)

    response = client.get(reverse("ledger:index"))

    # Wagtail turns a refusal into a redirect to the dashboard, with a message.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
