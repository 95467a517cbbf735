"""Every public template checked by axe-core against WCAG 2.2 AA, in a real browser, on a
Persian city with real-looking content (Arabic ي ك, ZWNJ, hostile markup in names): the home
page, each section, a page of each kind, search, forms with their errors, the tracking page,
404 and the English site; then the keyboard path to the content and bidi isolation.
"""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from cms import models
from cms.catalogue.models import ServiceFee, ServiceIndexPage, ServicePage, TariffItem, TariffTable
from cms.council.models import AgendaItem, CouncilIndexPage, Membership, Organization, VoteOption
from cms.council.services import record_vote_event
from cms.models.base import CommentsMode
from cms.site_structure import ensure_translated_structure
from participation import services as polls
from participation.comments.services import post_comment
from participation.feedback import services as feedback
from participation.feedback import workflow
from participation.feedback.models import (
    ComplaintCategory,
    ReviewCase,
    SuggestionBoxPage,
    SuggestionIndexPage,
)
from participation.forums.models import ForumCategory
from participation.forums.services import reply, start_thread
from participation.models import PollChoice, PollIndexPage, PollPage
from tests.cms import factories
from tests.comments.people import make_citizen
from tests.conftest import XSS
from tests.council.factories import (
    CouncilMemberPageFactory,
    CouncilTermFactory,
    MeetingPageFactory,
    MotionFactory,
)
from tests.e2e.axe import assert_no_violations
from tests.e2e.pages import VIEWPORTS
from tests.fiscal.conftest import LINES_1402, LINES_1403, make_budget
from tests.participation.factories import PollPageFactory

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-test-password"  # UserFactory's
LAW_NUMBER = "۱۲۳/ش/۱۴۰۳"
TENDER_REFERENCE = "م-۱۴۰۳-۴۵"


@pytest.fixture
def city(wagtail_root, home, sections):
    """A small Persian city with something on every public page."""
    cache.clear()  # rate limits of earlier tests
    home.welcome = "به درگاه شفافیت شهرداری خوش آمدید؛ قوانین، مناقصه‌ها و بودجه‌ی شهر اينجاست."
    home.save_revision().publish()
    department = factories.DepartmentFactory(
        name="معاونت خدمات شهري", phone="021-5555-1234", email="services@example.org"
    )
    district = factories.DistrictFactory(name="منطقه‌ی يك")
    for number in range(3):
        factories.StaffMemberFactory(department=department, phone=f"0215555{number:04d}")
    news = factories.NewsPageFactory(
        parent=sections[models.NewsIndexPage],
        tags=["فضای سبز"],
        responsible_department=department,
        citizen_comments=CommentsMode.POST_MODERATED,
    )
    factories.NewsPageFactory(parent=sections[models.NewsIndexPage])
    event = factories.EventPageFactory(parent=sections[models.EventIndexPage])
    law = factories.LawPageFactory(
        parent=sections[models.LawIndexPage],
        number=LAW_NUMBER,
        approval_date=datetime.date(2024, 5, 1),
        tags=["شورای شهر"],
    )
    models.LawDocument.objects.create(
        page=law, document=factories.DocumentFactory(title="متن کامل مصوبه")
    )
    tender = factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage], reference_number=TENDER_REFERENCE
    )
    projects = [
        factories.ProjectPageFactory(
            parent=sections[models.ProjectIndexPage],
            title=f"پروژه‌ی بوستان محله‌ي {n} {XSS}",
            district=district,
            latitude=Decimal(f"35.{70 + n}"),
            longitude=Decimal(f"51.{30 + n}"),
        )
        for n in range(3)
    ]
    recording = factories.MediaItemPageFactory(
        parent=sections[models.MediaIndexPage], responsible_department=department
    )
    mayor = factories.DepartmentFactory(name="دفتر شهردار")
    department.parent = mayor
    department.head = department.staff.first()
    department.save()
    make_budget(sections[models.BudgetIndexPage], 1402, LINES_1402)
    budget = make_budget(sections[models.BudgetIndexPage], 1403, LINES_1403)
    citizen = make_citizen()
    post_comment(news, citizen, "لطفاً ساعت کار کتابخانه‌ي محله را تا ۲۰ تمديد كنيد.")
    return {
        "home": home,
        "department": department,
        "news": news,
        "event": event,
        "law": law,
        "tender": tender,
        "project": projects[0],
        "recording": recording,
        "budget": budget,
        "citizen": citizen,
        **council(home),
        **catalogue(home, department),
        **participation(sections, department, citizen),
        "english": english_news(home, news),
    }


def council(home):
    index = CouncilIndexPage.objects.child_of(home).get()
    organization = Organization.objects.create(
        name="شوراي اسلامي شهر", classification=Organization.Classification.COUNCIL
    )
    meeting = MeetingPageFactory(
        parent=index,
        title="جلسه‌ی عادي شماره‌ی ۱۱۲",
        term=CouncilTermFactory(),
        organization=organization,
        agenda_items=[AgendaItem(title="لايحه‌ی بخشودگي جرايم عوارض نوسازي", sort_order=0)],
    )
    votes = {}
    for name, option in [
        (f"مريم رضايي‌نيا {XSS}", VoteOption.YES),
        ("زهرا صادق‌زاده", VoteOption.NO),
        ("حسين نوروزي‌فر", VoteOption.ABSENT),
    ]:
        member = CouncilMemberPageFactory(parent=index, title=name)
        Membership.objects.create(
            person=member, organization=organization, start_date=datetime.date(2021, 8, 5)
        )
        votes[member] = option
    motion = MotionFactory(meeting=meeting, text="تصويب لايحه‌ی بخشودگي", result="passed")
    record_vote_event(motion, result="pass", votes=votes)
    return {"meeting": meeting, "member": next(iter(votes))}


def catalogue(home, department):
    index = ServiceIndexPage.objects.child_of(home).get()
    table = TariffTable.objects.create(fiscal_year=1403, title="تعرفه‌هاي سال ۱۴۰۳", published=True)
    TariffItem.objects.create(
        table=table, code="101", title="عوارض صدور پروانه", amount=1_250_000, sort_order=0
    )
    service = ServicePage(
        title=f"صدور پروانه‌ی ساختمانی {XSS}",
        slug="parvane",
        summary="مجوز ساخت بناي مسكوني",
        eligibility="مالکان دارای سند رسمی",
        steps=[("step", {"title": "ثبت درخواست در پیشخوان", "description": "تحویل مدارک"})],
        required_documents=[("document", "تصویر سند مالکیت")],
        processing_days=15,
        phone_137=True,
        responsible_department=department,
    )
    index.add_child(instance=service)
    service.save_revision().publish()
    ServiceFee.objects.create(page=service, tariff_code="101", note="برای هر متر مربع")
    return {"services": index, "service": service}


def participation(sections, department, citizen):
    poll = PollPageFactory(
        parent=sections[PollIndexPage],
        eligibility=PollPage.Eligibility.ANYONE,
        results_visibility=PollPage.ResultsVisibility.LIVE,
        choices=[
            PollChoice(label=label, sort_order=n)
            for n, label in enumerate(["بوستان محله‌ی نارمک", "كتابخانه‌ي عمومي"])
        ],
    )
    polls.cast_vote(poll, device_id=uuid.uuid4(), choices=[poll.choices.first()])

    box = SuggestionBoxPage(
        title="صندوق پیشنهاد فرهنگی",
        slug="culture",
        department=department,
        opens_at=timezone.now() - datetime.timedelta(days=1),
        anonymity=SuggestionBoxPage.Anonymity.FULLY_ANONYMOUS,
    )
    sections[SuggestionIndexPage].add_child(instance=box)
    suggestion = feedback.submit_suggestion(
        box=box, title=f"ايجاد كتابخانه محله‌ای {XSS}", body="یک کتابخانه‌ی کوچک بسازید."
    )
    case = suggestion.case
    for status in (
        ReviewCase.Status.SCREENED,
        ReviewCase.Status.ASSIGNED,
        ReviewCase.Status.UNDER_REVIEW,
    ):
        workflow.transition(case, status, actor=None, expected_version=case.version)
    workflow.answer(
        case,
        actor=None,
        body="<p>کتابخانه در بودجه‌ی ۱۴۰۵ گنجانده شد.</p>",
        decision=ReviewCase.Decision.ACCEPTED,
    )
    ComplaintCategory.objects.create(
        name="روشنايي معابر", department=department, response_days=5, service_code="lighting"
    )

    forum = ForumCategory.objects.create(
        title="حمل‌ونقل شهری", slug="transport", description=f"گفت‌وگو درباره‌ی حمل‌ونقل {XSS}"
    )
    thread, _post = start_thread(
        forum, citizen, f"ايستگاه دوچرخه‌ی كنار پارك {XSS}", "<p>ایستگاه دوچرخه لازم است.</p>"
    )
    reply(thread, make_citizen(display_name="همسايه‌ی محله"), "<p>موافقم.</p>")
    return {
        "poll": poll,
        "box": box,
        "suggestion": suggestion,
        "tracking_code": case.tracking_code,
        "forum": forum,
        "thread": thread,
    }


def english_news(home, news):
    ensure_translated_structure(home, "en")
    english = news.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = english.draft_title = "The neighbourhood park reopens"
    english.summary = "The park in district one opens on Friday."
    english.save_revision().publish()
    return english


# (name, URL of the page in ``city``, HTTP status): every public template once.
PAGES = [
    ("home", lambda city: city["home"].url, 200),
    ("news index", lambda city: city["news"].get_parent().url, 200),
    ("news", lambda city: city["news"].url, 200),
    ("event index", lambda city: city["event"].get_parent().url, 200),
    ("event", lambda city: city["event"].url, 200),
    ("law index", lambda city: city["law"].get_parent().url, 200),
    ("law", lambda city: city["law"].url, 200),
    ("tender index", lambda city: city["tender"].get_parent().url, 200),
    ("tender", lambda city: city["tender"].url, 200),
    ("project index and map", lambda city: city["project"].get_parent().url, 200),
    ("project", lambda city: city["project"].url, 200),
    ("budget index", lambda city: city["budget"].get_parent().url, 200),
    ("budget with charts", lambda city: city["budget"].url, 200),
    ("budget comparison", lambda city: city["budget"].url + "compare/?year=1402", 200),
    ("council", lambda city: city["meeting"].get_parent().url, 200),
    ("council meeting", lambda city: city["meeting"].url, 200),
    ("council member", lambda city: city["member"].url, 200),
    ("service catalogue", lambda city: city["services"].url, 200),
    ("service", lambda city: city["service"].url, 200),
    ("tariffs", lambda city: city["services"].url + "tariffs/", 200),
    ("staff directory", lambda city: city["home"].url + "staff/", 200),
    ("organisation chart", lambda city: city["home"].url + "staff/chart/", 200),
    ("videos and audio", lambda city: city["recording"].get_parent().url, 200),
    ("video with transcript", lambda city: city["recording"].url, 200),
    ("about", lambda city: city["home"].url + "about/", 200),
    ("poll index", lambda city: city["poll"].get_parent().url, 200),
    ("poll with results", lambda city: city["poll"].url, 200),
    ("suggestion boxes", lambda city: city["box"].get_parent().url, 200),
    ("suggestion box", lambda city: city["box"].url, 200),
    ("suggestion with a response", lambda city: city["suggestion"].get_absolute_url(), 200),
    ("suggestion form", lambda city: city["box"].url + "new/", 200),
    ("complaints", lambda city: city["home"].url + "complaints/", 200),
    ("tracking form", lambda city: reverse("feedback:track"), 200),
    (
        "tracked case",
        lambda city: reverse("feedback:track") + f"?code={city['tracking_code']}",
        200,
    ),
    ("accountability", lambda city: reverse("feedback:accountability"), 200),
    (
        "accountability of a department",
        lambda city: reverse("feedback:accountability-department", args=[city["department"].pk]),
        200,
    ),
    ("forums", lambda city: reverse("forums:index"), 200),
    ("forum category", lambda city: reverse("forums:category", args=[city["forum"].slug]), 200),
    ("forum thread", lambda city: reverse("forums:thread", args=[city["thread"].pk]), 200),
    ("search results", lambda city: reverse("search:search") + "?q=بوستان", 200),
    ("empty search", lambda city: reverse("search:search"), 200),
    ("search without results", lambda city: reverse("search:search") + "?q=زرافه", 200),
    ("signup", lambda city: reverse("accounts:signup"), 200),
    ("login", lambda city: reverse("accounts:login"), 200),
    ("password reset", lambda city: reverse("accounts:password-reset"), 200),
    ("404", lambda city: "/no-such-page/", 404),
    ("English home", lambda city: city["english"].get_parent().get_parent().url, 200),
    ("English news", lambda city: city["english"].url, 200),
    ("English search", lambda city: "/en" + reverse("search:search") + "?q=park", 200),
]
ENGLISH = {"English home", "English news", "English search"}


def open_page(browser, url, status=200, javascript=True):
    """Open ``url`` in a fresh desktop context and check the answer's status.

    axe arrives as an inline script, which the site's Content-Security-Policy (rightly)
    refuses; the context bypasses the policy for it. Nothing of ours is inline.
    """
    context = browser.new_context(
        viewport=VIEWPORTS["desktop"], java_script_enabled=javascript, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(5000)
    response = page.goto(url)
    assert response.status == status
    return page


def check_each(items, check):
    """Run ``check(item)`` on every item and fail once, naming every item that failed.

    Building the city costs more than checking a page (the live server's flush forbids
    sharing it between tests), so one test walks all the pages and reports them all.
    """
    failures = {}
    for name, *rest in items:
        try:
            check(name, *rest)
        except AssertionError as error:
            failures[name] = str(error)
    assert not failures, "\n\n".join(f"[{name}] {error}" for name, error in failures.items())


def test_every_public_page_meets_wcag_aa(browser, live_server, city):
    def check(name, url, status):
        page = open_page(browser, live_server.url + url(city), status)
        try:
            html = page.locator("html")
            language, direction = ("en", "ltr") if name in ENGLISH else ("fa", "rtl")
            assert (html.get_attribute("lang"), html.get_attribute("dir")) == (
                language,
                direction,
            )
            assert_no_violations(page)
        finally:
            page.context.close()

    check_each(PAGES, check)


def sign_in(page, live_server, user):
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("form.account-form button[type=submit]").click()


# (name, URL, the form): each form sent empty, past the browser's own checks, so the server
# answers with its error messages; the login form with a wrong password.
FORMS = [
    ("suggestion", lambda city: city["box"].url + "new/", "form.feedback-form"),
    ("signup", lambda city: reverse("accounts:signup"), "form.account-form"),
    ("login", lambda city: reverse("accounts:login"), "form.account-form"),
    ("comment", lambda city: city["news"].url, "form.comment-form"),
    ("tracking", lambda city: reverse("feedback:track"), "form.feedback-track"),
]


def test_every_form_with_errors_meets_wcag_aa(browser, live_server, city):
    def check(name, url, form):
        page = open_page(browser, live_server.url + reverse("search:search"))
        try:
            if name == "comment":
                sign_in(page, live_server, city["citizen"])
            page.goto(live_server.url + url(city))
            if name == "login":
                page.fill("#id_username", city["citizen"].email)
                page.fill("#id_password", "not-the-password")
            if name == "tracking":
                page.fill("#id_code", "SG-AAAAAAAA")
            page.locator(form).evaluate("form => { form.noValidate = true; }")
            with page.expect_navigation():
                page.locator(f"{form} button[type=submit]").click()

            errors = page.locator("[role=alert], .errorlist, [aria-invalid=true]")
            assert errors.count() > 0, "the server answered without an error message"
            assert_no_violations(page)
        finally:
            page.context.close()

    check_each(FORMS, check)


KEYBOARD_PAGES = ["home", "budget with charts", "suggestion form", "404", "English news"]


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_main(browser, live_server, city):
    def check(name, url, status):
        page = open_page(browser, live_server.url + url(city), status)
        try:
            page.keyboard.press("Tab")
            skip = page.locator(":focus")
            assert skip.get_attribute("class") == "skip-link"
            assert skip.get_attribute("href") == "#main"
            assert skip.is_visible()  # shown once focused
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == "main"
            page.keyboard.press("Tab")  # and onwards from the content, never back to the header
            assert page.evaluate(
                """() => {
                    const main = document.getElementById("main"), next = document.activeElement;
                    return main.contains(next)
                        || Boolean(main.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING);
                }"""
            )
        finally:
            page.context.close()

    check_each([entry for entry in PAGES if entry[0] in KEYBOARD_PAGES], check)


ISOLATED = [
    ("law", ".facts bdi", LAW_NUMBER),
    ("tender", ".facts bdi", TENDER_REFERENCE),
    ("tracked case", "#case-heading", None),
]


def test_codes_and_numbers_are_isolated_from_the_persian_text(browser, live_server, city):
    def check(name, selector, text):
        [url] = [url for page_name, url, _status in PAGES if page_name == name]
        page = open_page(browser, live_server.url + url(city))
        try:
            isolated = page.locator(selector).first
            assert isolated.inner_text() == (text or city["tracking_code"])
            assert isolated.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
        finally:
            page.context.close()

    check_each(ISOLATED, check)
