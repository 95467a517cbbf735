"""Official responses written in the admin: rich text, documents attached, shown publicly."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

# Until feedback's wagtail_hooks imports it, load the admin views' hooks here.
import participation.feedback.admin_hooks  # noqa: F401
from participation.feedback import response_documents, workflow
from participation.feedback.models import ReviewCase
from tests.conftest import XSS
from tests.feedback.council_helpers import make_suggestion, set_case
from tests.feedback.council_workflow_data import draftail
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.django_db

RESPONSE = "طرح در كميسيون عمران بررسي و تصويب شد‌."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def in_group(name, **fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def member(db):
    return in_group("council member")


def pdf(name="نامه رسمي پاسخ.pdf", size=None):
    content = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * (size or 10)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def case_under_review(home):
    suggestion = make_suggestion()
    return suggestion, set_case(suggestion.case, status=ReviewCase.Status.UNDER_REVIEW)


def post_answer(client, case, *, body=None, files=()):
    return client.post(
        reverse("feedback_review:answer", args=[case.pk]),
        {
            "version": case.version,
            "body": body if body is not None else draftail(RESPONSE, bold=True),
            "decision": ReviewCase.Decision.ACCEPTED,
            "documents": list(files),
        },
        follow=True,
    )


def errors(response):
    return [str(message) for message in response.context["messages"]]


def test_a_response_with_a_document_is_published_in_the_council_responses_collection(
    client, member, home
):
    _suggestion, case = case_under_review(home)
    client.force_login(member)

    post_answer(client, case, files=[pdf()])

    case.refresh_from_db()
    assert case.status == ReviewCase.Status.ANSWERED
    response = case.responses.get()
    assert response.body == f"<p><b>{RESPONSE}</b></p>"
    document = response.documents.get().document
    assert document.title == "نامه رسمي پاسخ"
    assert document.collection.name == _("Council responses")
    assert document.uploaded_by_user == member


def test_the_response_and_its_document_are_shown_on_the_suggestion_and_tracking_pages(
    client, member, home
):
    suggestion, case = case_under_review(home)
    client.force_login(member)
    post_answer(client, case, files=[pdf()])
    client.logout()
    document = get_document_model().objects.get()

    pages = [
        client.get(suggestion.get_absolute_url()),
        client.get(reverse("feedback:track"), {"code": case.tracking_code}),
    ]

    for page in pages:
        html = page.content.decode()
        assert RESPONSE in html
        assert f'href="{document.url}"' in html
        assert document.title in html


def exe():
    return SimpleUploadedFile("برنامه.exe", b"MZ\x90\x00", content_type="application/x-msdownload")


@pytest.mark.parametrize(
    ("make_upload", "expected"),
    [
        (
            exe,
            lambda upload: (
                _("“%(name)s” cannot be attached: use a %(formats)s file.")
                % {"name": upload.name, "formats": response_documents.formats()}
            ),
        ),
        (
            lambda: pdf(size=2048),
            lambda upload: (
                _("“%(name)s” is too big (%(size)s); a file may be %(limit)s at most.")
                % {
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(1024),
                }
            ),
        ),
    ],
    ids=["bad extension", "too big"],
)
def test_a_refused_document_leaves_the_case_unanswered(
    client, member, home, settings, make_upload, expected
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    _suggestion, case = case_under_review(home)
    version = case.version
    upload = make_upload()
    client.force_login(member)

    response = post_answer(client, case, files=[upload])

    assert errors(response) == [_("Documents") + ": " + expected(upload)]
    case.refresh_from_db()
    assert (case.status, case.version) == (ReviewCase.Status.UNDER_REVIEW, version)
    assert not case.responses.exists()
    assert not get_document_model().objects.exists()


def test_the_workflow_checks_files_too(member, home, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    _suggestion, case = case_under_review(home)

    with pytest.raises(workflow.TransitionRefused):
        workflow.answer(
            case,
            actor=member,
            body="<p>پاسخ</p>",
            decision=ReviewCase.Decision.ACCEPTED,
            files=[pdf(size=4096)],
            expected_version=case.version,
        )

    case.refresh_from_db()
    assert case.status == ReviewCase.Status.UNDER_REVIEW
    assert not get_document_model().objects.exists()


def test_a_stale_answer_stores_no_document(member, home):
    _suggestion, case = case_under_review(home)

    with pytest.raises(workflow.StaleCase):
        workflow.answer(
            case,
            actor=member,
            body="<p>پاسخ</p>",
            decision=ReviewCase.Decision.ACCEPTED,
            files=[pdf()],
            expected_version=case.version - 1,
        )

    assert not get_document_model().objects.exists()


def test_too_many_documents_are_refused(client, member, home):
    _suggestion, case = case_under_review(home)
    client.force_login(member)

    response = post_answer(
        client, case, files=[pdf(f"نامه {n}.pdf") for n in range(response_documents.MAX_FILES + 1)]
    )

    assert errors(response) == [
        _("Documents")
        + ": "
        + _("Attach at most %(count)s files to one response.")
        % {"count": response_documents.MAX_FILES}
    ]
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(
    "body",
    [draftail(""), "not the editor's JSON", ""],
    ids=["empty editor", "broken post", "nothing"],
)
def test_an_empty_response_is_refused(client, member, home, body):
    _suggestion, case = case_under_review(home)
    client.force_login(member)

    response = post_answer(client, case, body=body)

    assert errors(response) == [_("Official response") + ": " + _("Write the official response.")]
    case.refresh_from_db()
    assert case.status == ReviewCase.Status.UNDER_REVIEW


def test_markup_the_editor_cannot_make_is_removed(client, member, home):
    suggestion, case = case_under_review(home)
    client.force_login(member)

    post_answer(client, case, body=draftail(f"{RESPONSE} {XSS}"))
    page = client.get(suggestion.get_absolute_url())

    assert XSS not in page.content.decode()
    assert RESPONSE in case.responses.get().body


@pytest.mark.parametrize("who", ["anonymous", "citizen", "editor"])
def test_only_council_members_publish_responses_with_documents(client, home, who):
    _suggestion, case = case_under_review(home)
    if who != "anonymous":
        client.force_login(in_group(who, is_staff=who == "editor"))

    client.post(
        reverse("feedback_review:answer", args=[case.pk]),
        {
            "version": case.version,
            "body": draftail(RESPONSE),
            "decision": ReviewCase.Decision.ACCEPTED,
            "documents": [pdf()],
        },
    )

    case.refresh_from_db()
    assert case.status == ReviewCase.Status.UNDER_REVIEW
    assert not get_document_model().objects.exists()


def test_the_answer_form_offers_the_rich_text_editor_and_a_file_field(client, member, home):
    _suggestion, case = case_under_review(home)
    client.force_login(member)

    html = client.get(reverse("feedback_review:case", args=[case.pk])).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert "data-draftail-input" in html
    assert 'type="file" name="documents"' in html
