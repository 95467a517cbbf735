"""participation.uploads: the content decides, images lose their metadata, refusals save nothing."""

import pytest
from django.core.exceptions import ValidationError

from participation import uploads
from participation.feedback.models import Attachment, ReviewCase
from tests.feedback.uploads_data import GPS_MARK, jpeg, pdf, php_as_jpeg, png_with_exif, svg


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_png_is_reencoded_without_its_exif():
    upload = png_with_exif()
    assert GPS_MARK in upload.read()

    checked = uploads.check_upload(upload)

    data = checked.content.read()
    assert checked.content_type == "image/png"
    assert data.startswith(b"\x89PNG")
    assert GPS_MARK not in data
    assert b"eXIf" not in data


@pytest.mark.parametrize("make", [svg, php_as_jpeg])
def test_svg_and_a_php_script_named_jpg_are_refused(make):
    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(make())
    assert "JPEG" in refusal.value.messages[0]


def test_too_big_is_refused(settings):
    settings.SHAFAF_UPLOAD_MAX_BYTES = 100
    with pytest.raises(ValidationError) as refusal:
        uploads.check_upload(png_with_exif())
    assert refusal.value.code == "too_big"


def test_pdf_is_kept_as_it_is():
    checked = uploads.check_upload(pdf())
    assert checked.content_type == "application/pdf"
    assert checked.content.read().startswith(b"%PDF")


def test_too_many_files_are_refused():
    with pytest.raises(ValidationError):
        uploads.check_uploads([jpeg() for _ in range(uploads.MAX_FILES + 1)])


@pytest.mark.django_db
@pytest.mark.parametrize("make", [svg, php_as_jpeg])
def test_a_refused_file_saves_nothing_of_the_complaint(
    client, complaints_page, category, media, make
):
    response = client.post(
        complaints_page.url,
        {"category": category.pk, "description": "چاله در خیابان", "files": [jpeg(), make()]},
    )

    assert response.status_code == 400
    assert "JPEG" in response.content.decode()
    assert not ReviewCase.objects.exists()
    assert not Attachment.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*"))


@pytest.mark.django_db
def test_stored_attachment_has_a_random_name_and_no_exif(client, complaints_page, category, media):
    response = client.post(
        complaints_page.url,
        {"category": category.pk, "description": "چاله", "files": [png_with_exif("خانه من.png")]},
    )

    assert response.status_code == 303
    attachment = Attachment.objects.get()
    assert attachment.original_name == "خانه من.png"
    assert "خانه" not in attachment.file.name
    assert attachment.is_public is False
    assert GPS_MARK not in attachment.file.read()
