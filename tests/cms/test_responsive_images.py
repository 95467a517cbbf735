"""Pages send images in the size the screen needs, WebP where the browser takes it, and
reserve their space (width and height) so nothing shifts when they arrive."""

import re

import pytest
from django.core.cache import cache

from cms import models
from cms.council.models import CouncilIndexPage
from tests.cms import factories
from tests.council.factories import CouncilMemberPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_renditions():
    """Wagtail caches renditions by image id, and ids come back in the next test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def photo(db):
    return factories.ImageFactory(
        title="بازگشايي بوستان محله‌ی نارمک",
        file__width=1600,
        file__height=900,
    )


@pytest.fixture
def news_with_photos(sections, photo):
    return factories.NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        image=photo,
        body=[("image", {"image": photo, "alt_text": "نمای بوستان", "decorative": False})],
        gallery_images=[models.NewsGalleryImage(image=photo, caption="پیشرفت کار")],
    )


def pictures_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return re.findall(r"<picture>.*?</picture>", response.content.decode(), flags=re.S)


def img_of(picture):
    return re.search(r"<img [^>]*>", picture).group(0)


def test_every_image_offers_webp_and_several_widths_with_its_size(client, news_with_photos):
    pictures = pictures_of(client, news_with_photos)
    assert len(pictures) == 3  # the main photo, the one in the body, the gallery's
    for picture in pictures:
        assert '<source sizes="' in picture
        assert 'type="image/webp"' in picture
        img = img_of(picture)
        assert re.search(r'srcset="[^"]+ \d+w, [^"]+ \d+w', img)
        assert re.search(r'width="\d+"', img)
        assert re.search(r'height="\d+"', img)
        assert 'sizes="' in img


def test_the_main_photo_loads_first_and_the_others_when_scrolled_to(client, news_with_photos):
    main, in_body, in_gallery = (img_of(p) for p in pictures_of(client, news_with_photos))
    assert 'fetchpriority="high"' in main
    assert 'loading="lazy"' not in main
    for img in (in_body, in_gallery):
        assert 'loading="lazy"' in img
        assert "fetchpriority" not in img


def test_the_body_image_keeps_the_editors_alt_text(client, news_with_photos):
    _main, in_body, _gallery = (img_of(p) for p in pictures_of(client, news_with_photos))
    assert 'alt="نمای بوستان"' in in_body


def test_a_small_original_is_never_enlarged(client, sections):
    small = factories.ImageFactory(file__width=300, file__height=200)
    page = factories.NewsPageFactory(parent=sections[models.NewsIndexPage], image=small)
    (main,) = pictures_of(client, page)
    widths = {int(width) for width in re.findall(r" (\d+)w", main)}
    assert widths == {300}


def test_a_council_members_photo_is_sized_for_its_box(client, home, photo):
    member = CouncilMemberPageFactory(
        parent=CouncilIndexPage.objects.child_of(home).get(), photo=photo
    )
    (picture,) = pictures_of(client, member)
    img = img_of(picture)
    assert 'class="member__photo"' in img
    assert 'sizes="240px"' in img
    assert 'width="240"' in img
    assert 'height="300"' in img
    assert " 480w" in img
