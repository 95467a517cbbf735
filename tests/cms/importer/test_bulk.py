"""Bulk mode: the same checks and the same end state as page-by-page writing, in batches."""

import json
import re

from django.db.models import ForeignKey
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published

from cms.models import District, LawPage, NewsPage, ProjectPage
from tests.cms.importer.items import (
    PAGE_MODELS,
    all_items,
    event,
    law,
    news,
    page_count,
    project,
    run,
    tender,
)

# What differs between two imports of one file at different moments: ids, clocks, keys.
VOLATILE = {
    "id",
    "pk",
    "page_ptr",
    "translation_key",
    "latest_revision",
    "live_revision",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "content_object",
}
# Kept from the page, not the revision, when Wagtail loads a revision (Page.with_content_json).
PAGE_STATE = {"live", "has_unpublished_changes", "numchild"}


def items():
    return [
        news(),
        news(source_id="news-2", title="بازگشايي كتابخانه‌ی محله", tags=["فرهنگ"]),
        event(),
        law(),
        tender(),
        project(),
    ]


def end_state():
    """Everything an editor or a visitor sees of the imported pages, by source_id."""
    state = {}
    for model in PAGE_MODELS:
        for page in model.objects.all():
            revisions = list(Revision.objects.for_instance(page))
            state[page.source_id] = {
                "page": {
                    field.name: getattr(page, field.attname)
                    for field in page._meta.concrete_fields
                    if field.name not in VOLATILE | {"body"} and not isinstance(field, ForeignKey)
                }
                | {"body": _blocks(page.body.raw_data)}
                | {"district": page.district.number if isinstance(page, ProjectPage) else None},
                "revisions": [_content(revision.content) for revision in revisions],
                "live_revision_is_latest": page.live_revision_id
                == page.latest_revision_id
                == revisions[-1].pk,
                "tags": sorted(tag.name for tag in page.tags.all()),
                "log": sorted(
                    (entry.action, entry.content_changed, entry.revision_id is not None)
                    for entry in PageLogEntry.objects.filter(page_id=page.pk)
                ),
                "references": sorted(
                    (
                        ref.to_content_type_id,
                        ref.model_path,
                        re.sub(r"\.\d+\.", ".*.", ref.content_path),
                    )
                    for ref in ReferenceIndex.objects.filter(object_id=str(page.pk))
                ),
            }
    state["parents"] = sorted(
        (parent.slug, parent.numchild)
        for parent in Page.objects.filter(depth=3).exclude(numchild=0)
    )
    state["found"] = [
        NewsPage.objects.live().search(word).count() for word in ("كتابخانه", "سامانه", "۱۳۷")
    ]
    return state


def _blocks(raw_data):
    """Body blocks without their random ids."""
    return [(block["type"], block["value"]) for block in raw_data]


def _content(content):
    # The district is compared on the page: each import creates it anew, with a new id.
    kept = {k: v for k, v in content.items() if k not in VOLATILE | PAGE_STATE | {"district"}}
    kept["body"] = _blocks(json.loads(content["body"]))
    kept["tagged_items"] = sorted(tagged["tag"] for tagged in content.get("tagged_items", []))
    return kept


def _delete_imported_pages():
    for model in PAGE_MODELS:
        for page in model.objects.all():
            page.delete()
    PageLogEntry.objects.all().delete()
    District.objects.all().delete()


def test_bulk_import_ends_in_the_same_state_as_page_by_page(home):
    published = []

    def note(sender, instance, **kwargs):
        published.append(instance.source_id)

    page_published.connect(note)
    try:
        assert run(*items()).ok
        by_page = end_state()
        published_by_page = sorted(published)
        _delete_imported_pages()
        published.clear()

        report = run(*items(), bulk=True)
    finally:
        page_published.disconnect(note)

    assert report.ok, report.errors
    assert report.totals() == {"created": 6}
    assert end_state() == by_page
    assert sorted(published) == published_by_page


def test_bulk_import_is_rerunnable_and_updates_go_page_by_page(home):
    run(*items(), bulk=True)
    revisions = Revision.objects.count()

    again = run(*items(), bulk=True)
    changed = run(*items()[:-1], project(title="بوستان محله‌اي ياس، فاز دوم"), bulk=True)

    assert again.totals() == {"unchanged": 6}
    assert Revision.objects.count() == revisions + 1
    assert changed.count("project", "updated") == 1
    page = ProjectPage.objects.get()
    assert page.title == "بوستان محله‌ای یاس، فاز دوم"
    assert page.live and not page.has_unpublished_changes
    assert page.revisions.count() == 2


def test_bulk_import_writes_drafts_amending_laws_and_budgets_too(home):
    report = run(
        *all_items(),
        law(source_id="law-2", number="۲", amends=["law-1"]),
        news(source_id="news-draft", live=False),
        bulk=True,
    )

    assert report.ok, report.errors
    assert page_count() == 8
    assert [law.source_id for law in LawPage.objects.get(source_id="law-2").amends.all()] == [
        "law-1"
    ]
    assert not NewsPage.objects.get(source_id="news-draft").live


def test_bulk_import_checks_every_line_first_and_writes_nothing_on_error(home):
    report = run(news(), tender(), event(place=""), bulk=True)

    assert report.errors[0].line_number == 3
    assert page_count() == 0


def test_bulk_pages_get_tree_paths_after_existing_children(home):
    run(news(source_id="first"))

    run(
        news(source_id="second", title="خبر دوم"),
        news(source_id="third", title="خبر سوم"),
        bulk=True,
    )

    pages = list(NewsPage.objects.order_by("path"))
    assert [page.source_id for page in pages] == ["first", "second", "third"]
    parent = pages[0].get_parent()
    assert parent.numchild == 3
    assert [page.pk for page in parent.get_children()] == [page.pk for page in pages]
    assert Page.find_problems() == ([], [], [], [], [])
