"""Videos and audio: a file or an embed, always a transcript to read and to find; news galleries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms import models
from search.services import SearchParams, search_pages
from tests.cms import factories
from tests.conftest import XSS

EMBED_URL = "https://vimeo.com/76979871"
TRANSCRIPT = (
    "جلسه‌ي علني شوراي اسلامي شهر درباره‌ی بودجه‌ی ۱۴۰۳ برگزار شد و لايحه‌ی "
    f"نوسازي ناوگان اتوبوسراني با هفت رأي موافق تصويب شد. {XSS}"
)


class MediaItemPageFactory(factories.MediaItemPageFactory):
    transcript = TRANSCRIPT
    embed_url = ""


def document(filename, data=b"\x00" * 64):
    return factories.DocumentFactory(
        title=f"پرونده‌ی {filename}", file__filename=filename, file__data=data
    )


@pytest.fixture
def media_section(sections):
    return sections[models.MediaIndexPage]


@pytest.fixture
def cached_embed(db):
    """The embed as Wagtail caches it after asking the provider, so no test goes online."""
    return Embed.objects.create(
        url=EMBED_URL,
        hash=get_embed_hash(EMBED_URL),
        type="video",
        html='<iframe src="https://player.vimeo.com/video/76979871" title="ويدئو"></iframe>',
    )


@pytest.fixture
def video(media_section):
    return MediaItemPageFactory(
        parent=media_section,
        kind="video",
        media_file=document("jalase.mp4"),
        captions=document("jalase.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nسلام\n".encode()),
        duration=datetime.timedelta(minutes=90, seconds=30),
    )


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_video_file_plays_with_captions_and_shows_its_transcript(client, video):
    html = html_of(client, video)

    assert "<video controls" in html
    assert f'<source src="{video.media_file.url}" type="video/mp4">' in html
    assert f'<track kind="captions" src="{video.captions.url}" srclang="fa"' in html
    assert "لايحه‌ی نوسازي ناوگان" in html and "&lt;script&gt;" in html and XSS not in html
    assert f'href="{video.media_file.url}"' in html  # the download link
    assert "۱:۳۰:۳۰" in html


def test_an_audio_file_plays_in_an_audio_player(client, media_section):
    page = MediaItemPageFactory(parent=media_section, kind="audio", media_file=document("a.mp3"))

    html = html_of(client, page)

    assert "<audio controls" in html and "<video" not in html
    assert 'type="audio/mpeg"' in html


def test_an_embed_shows_the_providers_player_and_a_link_to_it(client, media_section, cached_embed):
    page = MediaItemPageFactory(parent=media_section, embed_url=EMBED_URL)

    html = html_of(client, page)

    assert cached_embed.html in html
    assert f'<a href="{EMBED_URL}" rel="external noopener">' in html
    assert "لايحه‌ی نوسازي ناوگان" in html


def test_the_section_lists_its_items(client, video):
    html = html_of(client, video.get_parent())

    assert video.title in html and 'class="card card--mediaitempage"' in html


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"embed_url": EMBED_URL, "with_file": True}, "embed_url"),
        ({}, "media_file"),
        ({"embed_url": "https://example.com/film/12"}, "embed_url"),
        ({"embed_url": EMBED_URL, "transcript": "  \n "}, "transcript"),
        ({"embed_url": EMBED_URL, "transcript": ""}, "transcript"),
        ({"with_file": True, "kind": "video", "filename": "jalase.pdf"}, "media_file"),
        ({"with_file": True, "kind": "video", "filename": "jalase.mp3"}, "media_file"),
        ({"with_file": True, "kind": "audio", "filename": "jalase.mp4"}, "media_file"),
        ({"with_file": True, "captions": "jalase.srt"}, "captions"),
        ({"embed_url": EMBED_URL, "captions": "jalase.vtt"}, "captions"),
    ],
    ids=[
        "file-and-embed",
        "neither",
        "unknown-provider",
        "blank-transcript",
        "empty-transcript",
        "pdf-as-video",
        "mp3-as-video",
        "mp4-as-audio",
        "srt-captions",
        "captions-on-embed",
    ],
)
def test_an_invalid_item_is_refused_and_nothing_is_saved(media_section, fields, field):
    fields = dict(fields)
    if fields.pop("with_file", False):
        filename = fields.pop(
            "filename", "jalase.webm" if fields.get("kind") != "audio" else "a.ogg"
        )
        fields["media_file"] = document(filename)
    if "captions" in fields:
        fields["captions"] = document(fields["captions"])

    with pytest.raises(ValidationError) as error:
        MediaItemPageFactory(parent=media_section, **fields)

    assert field in error.value.message_dict
    assert not models.MediaItemPage.objects.exists()


def test_the_transcript_is_found_by_the_site_search_however_it_is_spelled(video):
    for query in ("ناوگان اتوبوسرانی", "نوسازی ناوگان", "لایحه"):
        outcome = search_pages(SearchParams(query=query))
        assert [hit.page.pk for hit in outcome.hits] == [video.pk], query
    outcome = search_pages(SearchParams(query="ناوگان", type="media"))
    assert outcome.count == 1
    assert [value.value for value in outcome.facets["type"]] == ["media"]


def test_the_api_gives_the_transcript_and_the_media_and_captions_addresses(client, video):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "cms.MediaItemPage",
            "fields": "kind,date,duration,transcript,media_url,captions_url,embed_url",
        },
    )

    (item,) = response.json()["items"]
    assert item["transcript"] == TRANSCRIPT
    assert item["kind"] == "video" and item["embed_url"] == ""
    assert item["media_url"].startswith("http") and item["media_url"].endswith(video.media_file.url)
    assert item["captions_url"].endswith(video.captions.url)


@pytest.mark.parametrize("count", [2, 8])
def test_the_api_lists_items_in_the_same_number_of_queries(
    client, media_section, count, django_assert_max_num_queries
):
    for _n in range(count):
        MediaItemPageFactory(parent=media_section, media_file=document("f.webm"))
    params = {"type": "cms.MediaItemPage", "fields": "transcript,media_url,captions_url,tags"}
    client.get("/api/v2/pages/", params)  # warms the site and locale caches

    with django_assert_max_num_queries(12):
        response = client.get("/api/v2/pages/", params)

    assert len(response.json()["items"]) == count


def test_a_news_item_shows_its_gallery_as_projects_do(client, sections):
    news = factories.NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        gallery_images=[
            models.NewsGalleryImage(image=factories.ImageFactory(), caption=f"بازگشايي {XSS}")
        ],
    )

    html = html_of(client, news)

    assert 'class="gallery"' in html and 'class="gallery__list"' in html
    assert "<figcaption>بازگشايي &lt;script&gt;" in html


def test_an_editor_creates_an_audio_item_in_the_admin(admin_client, media_section):
    recording = document("goftogoo.mp3")
    captions = document("goftogoo.vtt", b"WEBVTT\n")
    url = reverse("wagtailadmin_pages:add", args=("cms", "mediaitempage", media_section.pk))
    form = nested_form_data(
        {
            "title": "گفت‌وگوی رادیویی سامانه‌ی ۱۳۷",
            "slug": "radio-137",
            "kind": "audio",
            "date": "2024-05-12",
            "duration": "00:12:30",
            "media_file": recording.pk,
            "embed_url": "",
            "captions": captions.pk,
            "transcript": TRANSCRIPT,
            "summary": "",
            "body": streamfield([]),
            "tags": "",
            "comments": inline_formset([]),
            "citizen_comments": "closed",
            "action-publish": "publish",
        }
    )

    response = admin_client.post(url, form)

    assert response.status_code == 302, response.context["form"].errors
    page = models.MediaItemPage.objects.get(slug="radio-137")
    assert page.live and page.media_file == recording and page.captions == captions
    assert page.duration == datetime.timedelta(minutes=12, seconds=30)
