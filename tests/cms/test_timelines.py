"""The timelines of tenders and laws, and the progress bar of every project."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from cms import models
from cms.timelines import law_timeline, tender_timeline
from tests.cms import factories

TEHRAN = ZoneInfo("Asia/Tehran")
# 1403/03/01 at noon in Tehran: after the call and before the deadline of the tender below.
NOW = datetime.datetime(2024, 5, 21, 12, 0, tzinfo=TEHRAN)


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def english(text):
    with translation.override("en"):
        return str(text)


def summary(steps):
    return [(english(step.label), step.when, step.state, step.current) for step in steps]


@pytest.fixture
def tender(sections):
    return factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        title="مناقصه‌ی لکه‌گيري آسفالت معابر منطقه‌ی يك",
        publish_date=datetime.date(2024, 5, 1),
        submission_deadline=datetime.datetime(2024, 5, 25, 14, 0, tzinfo=TEHRAN),
        opening_date=datetime.datetime(2024, 5, 26, 10, 0, tzinfo=TEHRAN),
    )


def test_a_tender_timeline_runs_from_the_call_to_the_award(tender):
    steps = tender_timeline(tender, now=NOW)

    assert summary(steps) == [
        ("Published", datetime.date(2024, 5, 1), "past", False),
        ("Submission deadline", tender.submission_deadline, "future", True),
        ("Bid opening", tender.opening_date, "future", False),
        ("Award", None, "pending", False),
    ]
    assert english(steps[-1].note) == "Not yet awarded"


def test_a_cancelled_tender_says_so_where_the_award_would_be(tender):
    tender.status = models.TenderPage.Status.CANCELLED

    award = tender_timeline(tender, now=NOW)[-1]

    assert (award.state, english(award.note)) == ("pending", "Cancelled")


def test_the_tender_page_shows_its_timeline_as_an_ordered_list_of_jalali_times(client, tender):
    html = html_of(client, tender)

    timeline = re.search(r'<ol class="timeline__steps">.*?</ol>', html, re.S).group(0)
    assert timeline.count("<li") == 4
    assert timeline.index('datetime="2024-05-01"') < timeline.index(
        'datetime="2024-05-25T14:00+03:30"'
    )
    assert "۵ خرداد ۱۴۰۳، ۱۴:۰۰" in timeline  # the deadline
    assert 'class="timeline__step timeline__step--pending"' in timeline  # not yet awarded


@pytest.fixture
def laws(sections):
    """An old regulation, amended by a second text and repealed by a third."""
    parent = sections[models.LawIndexPage]
    old = factories.LawPageFactory(
        parent=parent,
        title="آیین‌نامه‌ی ساماندهي دستفروشان",
        approval_date=datetime.date(2023, 4, 1),
        effective_date=datetime.date(2023, 4, 21),
    )
    amending = factories.LawPageFactory(
        parent=parent,
        title="اصلاحیه‌ی آیین‌نامه‌ی ساماندهي دستفروشان",
        approval_date=datetime.date(2023, 10, 1),
    )
    amending.amends.add(old)
    amending.save_revision().publish()
    repealing = factories.LawPageFactory(
        parent=parent,
        title="آیین‌نامه‌ی جديد بازارچه‌هاي محلي",
        approval_date=datetime.date(2024, 3, 1),
        effective_date=datetime.date(2024, 6, 1),
    )
    old.status = models.LawPage.Status.REPEALED
    old.repealed_by = repealing
    old.save_revision().publish()
    return (
        models.LawPage.objects.get(pk=old.pk),
        models.LawPage.objects.get(pk=amending.pk),
        repealing,
    )


def test_a_law_timeline_orders_approval_entry_into_force_amendment_and_repeal(laws):
    old, amending, repealing = laws

    steps = law_timeline(old, now=NOW)

    published = datetime.datetime.now(TEHRAN).date()
    assert [(english(s.label), s.when, s.page) for s in steps if s.when != published] == [
        ("Approved", datetime.date(2023, 4, 1), None),
        ("Takes effect", datetime.date(2023, 4, 21), None),
        ("Amended by", datetime.date(2023, 10, 1), amending),
        ("Repealed by", datetime.date(2024, 6, 1), repealing),
    ]
    assert [s.state for s in steps if s.when != published] == ["past", "past", "past", "future"]
    assert [english(s.label) for s in steps if s.current] == ["Repealed by"]


def test_the_amending_text_shows_what_it_amends_on_its_own_timeline(laws):
    old, amending, _repealing = laws

    amends = [step for step in law_timeline(amending, now=NOW) if step.page]

    assert [(english(s.label), s.when, s.page) for s in amends] == [
        ("Amends", datetime.date(2023, 10, 1), old)
    ]


def test_the_law_page_shows_its_timeline_with_links_to_the_related_texts(client, laws):
    old, amending, repealing = laws

    html = html_of(client, old)

    timeline = re.search(r'<ol class="timeline__steps">.*?</ol>', html, re.S).group(0)
    assert "۱۲ فروردین ۱۴۰۲" in timeline  # approval, 2023-04-01
    assert f'href="{amending.url}"' in timeline
    assert f'href="{repealing.url}"' in timeline
    assert timeline.index(amending.title) < timeline.index(repealing.title)
    assert '<time datetime="2024-06-01">' in timeline


@pytest.fixture
def projects(sections):
    parent = sections[models.ProjectIndexPage]
    return [
        factories.ProjectPageFactory(parent=parent, title=f"پروژه‌ی بوستان محله‌ي {n}", progress=p)
        for n, p in enumerate([0, 40, 100])
    ]


def test_every_project_in_the_list_has_a_progress_bar_with_its_percentage(client, projects):
    html = html_of(client, projects[0].get_parent())

    bars = re.findall(r'<progress max="100" value="(\d+)"[^>]*>([^<]*)</progress>', html)
    assert sorted(bars) == [("0", "۰٪"), ("100", "۱۰۰٪"), ("40", "۴۰٪")]
    cards = re.findall(r'<li class="card__progress">.*?</li>', html, re.S)
    assert len(cards) == 3 and all(re.search(r"</progress>[^<]+٪", card) for card in cards)


def test_the_project_page_has_its_progress_bar(client, projects):
    html = html_of(client, projects[1])

    assert '<progress id="project-progress" max="100" value="40">۴۰٪</progress>' in html


def test_the_project_list_takes_the_same_queries_for_few_and_many_projects(
    client, sections, django_assert_max_num_queries
):
    parent = sections[models.ProjectIndexPage]
    factories.ProjectPageFactory(parent=parent)
    with django_assert_max_num_queries(40) as few:
        client.get(parent.url)
    for _ in range(8):
        factories.ProjectPageFactory(parent=parent)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(parent.url)
