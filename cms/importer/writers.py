"""Writing planned pages: new ones under their section, then revisions, relations, publishing.

Runs inside the caller's transaction; any exception leaves the database as it was.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from cms.jalali import to_persian_digits
from cms.models import BudgetLineItem, District, LawPage
from cms.site_structure import SECTIONS, ensure_site_structure, section

from .bulk import can_bulk_create, create_published
from .types import imported
from .validation import CREATE, UNCHANGED


class WriteFailed(Exception):
    """A planned item could not be saved; carries the line to blame."""

    def __init__(self, item, error):
        super().__init__(str(error))
        self.item = item
        self.error = error


def write(plan, progress=None, *, bulk=False, note_written=None):
    """Save every planned page that is new or changed. Returns nothing; raises WriteFailed.

    With ``bulk``, new published pages are written in batches (see ``bulk``) and
    ``note_written(model, pks)`` hears of them, since they are saved without ``save()``.
    """
    home = ensure_site_structure(settings.WAGTAIL_SITE_NAME)
    districts = _create_districts(plan)
    pending = [(item, action, page) for item, (action, page) in plan.actions.items()]
    pending = [entry for entry in pending if entry[1] != UNCHANGED]
    pages_by_source = {
        item.source_id: page for item, (_action, page) in plan.actions.items() if item.type == "law"
    }
    law_pks = _law_pks(plan, pages_by_source)
    used_slugs = {}
    parents = {}
    batches = {}
    # New pages first, unpublished, so that laws can point at laws later in the file.
    for item, action, page in pending:
        if action == CREATE:
            parent = parents.get(item.model) or parents.setdefault(
                item.model, section(home, _index_model(item.model))
            )
            taken = used_slugs.get(parent.pk)
            if taken is None:
                taken = used_slugs[parent.pk] = set(
                    parent.get_children().values_list("slug", flat=True)
                )
            page.slug = _unique(page.slug, taken)
            if bulk and can_bulk_create(item, action):
                _fill_relations(item, page, law_pks, districts)
                batches.setdefault(parent, []).append((item, page))
                continue
            page.live = False
            _guarded(item, lambda page=page, parent=parent: parent.add_child(instance=page))
    done = 0
    for parent, entries in batches.items():
        pages = [page for _item, page in entries]
        _guarded(entries[0][0], lambda parent=parent, pages=pages: create_published(parent, pages))
        note_written(type(pages[0]), [page.pk for page in pages])
        done += len(pages)
        if progress:
            progress(_("written %(done)d of %(total)d") % {"done": done, "total": len(pending)})
    batched = {item for entries in batches.values() for item, _page in entries}
    for item, _action, page in pending:
        if item in batched:
            continue
        done += 1
        if progress and done % progress.every == 0:
            progress(_("written %(done)d of %(total)d") % {"done": done, "total": len(pending)})
        _fill_relations(item, page, law_pks, districts)
        _guarded(item, lambda item=item, page=page: _save(item, page))


def _save(item, page):
    revision = page.save_revision()
    if item.live:
        revision.publish()
    elif page.live:
        page.unpublish()


def _fill_relations(item, page, law_pks, districts):
    page.tags.set(item.tags)
    if item.type == "law":
        page.amends = [law_pks[target] for target in item.amends]
        page.repealed_by_id = law_pks[item.repealed_by].pk if item.repealed_by else None
    elif item.type == "project" and isinstance(item.district, int):
        page.district = districts[item.district]
    elif item.type == "budget":
        page.line_items = [
            BudgetLineItem(sort_order=position, **line) for position, line in enumerate(item.lines)
        ]


def _law_pks(plan, pages_by_source):
    """{law source_id: law} for every law a line points at, on the site or just created."""
    wanted = {t for item in plan.actions for t in [*item.amends, item.repealed_by] if t}
    laws = {law.source_id: law for law in imported(LawPage).filter(source_id__in=wanted)}
    laws.update(pages_by_source)
    return laws


def _create_districts(plan):
    """Districts named by number in the file and missing on the site, as «منطقه‌ی N».

    The name is Persian, not a translated message: it is content, and content is imported
    in Persian only.
    """
    districts = dict(plan.districts)
    for number in sorted(plan.new_districts):
        districts[number] = District.objects.create(
            number=number, name=f"منطقه‌ی {to_persian_digits(number)}"
        )
    return districts


def _index_model(model):
    return next(
        index for index, _slug, _title in SECTIONS if getattr(index, "child_model", None) is model
    )


def _unique(slug, taken):
    candidate, suffix = slug, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{slug}-{suffix}"
    taken.add(candidate)
    return candidate


def _guarded(item, operation):
    try:
        return operation()
    except (ValidationError, DatabaseError) as error:
        raise WriteFailed(item, error) from error
