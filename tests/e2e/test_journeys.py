"""The main journeys of citizens and editors, end to end in a real browser.

Each journey starts where a person would (the home page, the admin's login) and goes through
the clicks they would make; voting, filing and tracking a suggestion and the council's answer
have their own files (test_polls, test_feedback, test_council_review).
"""

import datetime
import io
import zipfile

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import GroupPagePermission

from cms import models
from cms.models import NewsPage
from participation.follows.models import PageFollow
from tests.accounts.conftest import PASSWORD
from tests.cms import factories
from tests.e2e.pages import VIEWPORTS, open_page
from tests.participation.factories import UserFactory

pytestmark = pytest.mark.e2e

LAW_TITLE = "آیین‌نامه‌ی نگهداری درختان و فضای سبز شهری"
# How many keyboards type it: Arabic ي and ك, no ZWNJ.
LAW_QUERY_ARABIC = "آيين نامه نگهداري درختان"


def zipped_dossier():
    """A tender dossier as municipalities publish them: a zip of the conditions and the
    bill of quantities (a zip is always downloaded, where a PDF may open in the browser)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sharayet.txt", "شرایط عمومی پیمان آسفالت معابر منطقه‌ی ۲")
        archive.writestr("fehrest-baha.csv", "ردیف,شرح,مقدار\n1,روکش آسفالت,۱۲۰۰۰\n")
    return buffer.getvalue()


DOSSIER = zipped_dossier()


@pytest.fixture
def city(wagtail_root, home, sections):
    cache.clear()  # rate limit counters of earlier tests
    law = factories.LawPageFactory(
        parent=sections[models.LawIndexPage],
        title=LAW_TITLE,
        summary="ضوابط هرس، قطع و جابه‌جایی درختان معابر و بوستان‌ها.",
    )
    tender = factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        title="مناقصه‌ی عمومی آسفالت معابر منطقه‌ی ۲",
        summary="روکش آسفالت خیابان‌های اصلی منطقه‌ی دو.",
    )
    dossier = factories.DocumentFactory(
        title="اسناد مناقصه‌ی آسفالت",
        file__filename="asnad-monaghese.zip",
        file__data=DOSSIER,
    )
    tender.documents.create(document=dossier, caption="دفترچه‌ی شرایط مناقصه")
    tender.save_revision().publish()
    project = factories.ProjectPageFactory(
        parent=sections[models.ProjectIndexPage],
        title="احداث پل عابر پیاده‌ی میدان کاج",
        change_note="",
    )
    yield {"law": law, "tender": tender, "project": project}
    cache.clear()


def sign_in(page, live_server, username):
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()


def test_a_citizen_finds_a_law_typing_arabic_letters_and_opens_it(
    browser, live_server, city, artifacts
):
    page, errors = open_page(browser, live_server.url + "/", VIEWPORTS["mobile"], javascript=False)
    page.locator("#site-search-q").fill(LAW_QUERY_ARABIC)
    with page.expect_navigation():
        page.locator("form.site-search button[type=submit]").click()
    result = page.get_by_role("link", name=LAW_TITLE)
    assert result.count() == 1
    with page.expect_navigation():
        result.click()
    assert page.url == live_server.url + city["law"].url
    assert page.locator("h1").inner_text() == LAW_TITLE
    page.screenshot(path=artifacts / "journey-law-found.png", full_page=True)
    assert errors == []


def test_a_citizen_reads_a_tender_and_downloads_its_dossier(browser, live_server, city):
    page, errors = open_page(browser, live_server.url + city["tender"].url, VIEWPORTS["desktop"])
    link = page.get_by_role("link", name="دفترچه‌ی شرایط مناقصه")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".zip")
    with open(download.path(), "rb") as saved:
        assert saved.read() == DOSSIER
    assert errors == []


def test_a_citizen_follows_a_project_and_finds_it_in_their_activity(
    browser, live_server, city, artifacts
):
    citizen = UserFactory(password=PASSWORD)
    project = city["project"]
    page, errors = open_page(
        browser, live_server.url + project.url, VIEWPORTS["mobile"], javascript=False
    )
    with page.expect_navigation():
        page.locator("#follow a").click()  # not signed in: the sign-in link
    page.fill("#id_username", citizen.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()
    assert page.url.startswith(live_server.url + project.url)

    with page.expect_navigation():
        page.locator("#follow button[type=submit]").click()
    assert PageFollow.objects.filter(page=project, user=citizen).exists()
    assert page.locator("#follow input[name=action]").get_attribute("value") == "unfollow"
    page.screenshot(path=artifacts / "journey-project-followed.png", full_page=True)

    page.goto(live_server.url + reverse("accounts:activity"))
    assert page.locator("#activity-follows").get_by_role("link", name=project.title).is_visible()
    assert errors == []


@pytest.fixture
def editor(city, home):
    """An editor as the role migration makes one (the live server's flush removes groups)."""
    group, _created = Group.objects.get_or_create(name="editor")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=home,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = UserFactory(username="editor-news", password=PASSWORD)
    user.groups.add(group)
    return user


def test_an_editor_publishes_a_news_item_and_citizens_read_it(
    browser, live_server, editor, sections, artifacts
):
    title = "آغاز ثبت‌نام كلاس‌هاي تابستانی فرهنگسرا"
    news_index = sections[models.NewsIndexPage]
    page, _errors = open_page(browser, live_server.url + "/admin/login/", VIEWPORTS["desktop"])
    page.locator("input[name=username]").fill(editor.username)
    page.locator("input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").first.click()

    page.goto(f"{live_server.url}/admin/pages/add/cms/newspage/{news_index.pk}/")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("ثبت‌نام از شنبه آغاز می‌شود.")
    publish = page.locator("button[name=action-publish]")
    if not publish.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        publish.click()
    page.screenshot(path=artifacts / "journey-editor-published.png", full_page=True)

    news = NewsPage.objects.get(title=title)
    assert news.live
    assert news.owner == editor
    assert news.date == datetime.date.today()

    reader, errors = open_page(
        browser, live_server.url + news_index.url, VIEWPORTS["mobile"], javascript=False
    )
    with reader.expect_navigation():
        reader.get_by_role("link", name=title).click()
    assert reader.locator("h1").inner_text() == title
    assert errors == []
