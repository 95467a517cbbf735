"""Checks that need the whole file or the database, and the page instances they produce.

``plan`` decides for every parsed item whether it creates, updates or leaves a page
unchanged, and runs the models' own validation (``full_clean``) on the result, so that a
file that passes here only fails to write on a database error or a race.
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms import budget_lines
from cms.models import BudgetLineItem, District, LawPage

from .types import LINE_KEYS, imported

CREATE, UPDATE, UNCHANGED = "created", "updated", "unchanged"
# Tree fields are set when the page is added under its section, after validation.
TREE_FIELDS = ["path", "depth"]


class Plan:
    """The pages to write: item -> (action, page instance), plus districts to create."""

    def __init__(self):
        self.actions = {}
        self.new_districts = {}
        self.districts = {}


def plan(items, errors, progress=None):
    """Check ``items`` together and against the database; add problems to ``errors``.

    ``errors`` maps a line number to its messages; items with errors are not planned.
    """
    result = Plan()
    existing = _existing_pages(items, errors)
    law_pks = _law_targets(items, errors)
    _check_unique_within_file(items, errors)
    _check_amendment_cycles(items, existing, errors)
    result.districts = {district.number: district for district in District.objects.all()}
    by_name = {district.name: district for district in result.districts.values()}
    # What Page.full_clean would look up for each new page, looked up once.
    locale = Locale.get_default() if items else None
    for done, item in enumerate(items, start=1):
        if progress and done % progress.every == 0:
            progress(_("validated %(done)d of %(total)d") % {"done": done, "total": len(items)})
        if item.line_number in errors:
            continue
        problems = []
        district = _district_of(item, result, by_name, problems)
        page = existing.get(item.key)
        if page is not None and _snapshot(page) == _wanted(item, district) and _settled(page, item):
            result.actions[item] = (UNCHANGED, page)
            continue
        page = _prepare(item, page, law_pks, result.districts.get(district), locale)
        problems.extend(_model_errors(item, page))
        if problems:
            errors.setdefault(item.line_number, []).extend(problems)
        else:
            result.actions[item] = (UPDATE if page.pk else CREATE, page)
    return result


def _existing_pages(items, errors):
    """{(type, source_id): page to update}, taking the latest draft when there is one."""
    found = {}
    by_model = {}
    for item in items:
        by_model.setdefault((item.type, item.model), []).append(item.source_id)
    for (type_name, model), source_ids in by_model.items():
        pages = imported(model).filter(source_id__in=source_ids).prefetch_related("tags")
        if model is LawPage:
            pages = pages.select_related("repealed_by").prefetch_related("amends")
        elif type_name == "project":
            pages = pages.select_related("district")
        elif type_name == "budget":
            pages = pages.prefetch_related("line_items")
        for page in pages:
            key = (type_name, page.source_id)
            if key in found:
                errors.setdefault(_line_of(items, key), []).append(
                    _("Several pages already have source_id %(id)s.") % {"id": page.source_id}
                )
            found[key] = page
    for key, page in found.items():
        if page.has_unpublished_changes and page.latest_revision_id:
            found[key] = page.get_latest_revision_as_object()
    return found


def _law_targets(items, errors):
    """{law source_id: pk or None when it is created by this file}; flags unknown ones."""
    in_file = {item.source_id: None for item in items if item.type == "law"}
    wanted = {target for item in items for target in [*item.amends, item.repealed_by] if target}
    known = dict(
        imported(LawPage).filter(source_id__in=wanted).values_list("source_id", "pk").order_by("pk")
    )
    targets = {**in_file, **known}
    for item in items:
        for target in [*item.amends, item.repealed_by]:
            if target and target not in targets:
                errors.setdefault(item.line_number, []).append(
                    _("No law with source_id %(id)s in this file or on the site.") % {"id": target}
                )
    return targets


def _check_unique_within_file(items, errors):
    """source_id per type, tender reference numbers and budget years occur once per file."""
    seen = {}
    for item in items:
        keys = [("source_id", item.key)]
        if item.type == "tender":
            keys.append(("reference_number", item.values["reference_number"]))
        if item.type == "budget":
            keys.append(("fiscal_year", item.values["fiscal_year"]))
        for name, key in keys:
            first = seen.setdefault((name, key), item.line_number)
            if first != item.line_number and key not in (None, "", (item.type, "")):
                value = item.source_id if name == "source_id" else key
                errors.setdefault(item.line_number, []).append(
                    _("%(name)s %(value)s is already used on line %(line)d.")
                    % {"name": name, "value": value, "line": first}
                )


def _check_amendment_cycles(items, existing, errors):
    """Amendments in the file, together with those on the site, must not loop."""
    laws = [item for item in items if item.type == "law"]
    if not laws:
        return
    through = LawPage.amends.through
    names = dict(LawPage.objects.exclude(source_id="").values_list("pk", "source_id"))
    edges = {}
    for from_pk, to_pk in through.objects.values_list("from_lawpage_id", "to_lawpage_id"):
        edges.setdefault(names.get(from_pk, from_pk), []).append(names.get(to_pk, to_pk))
    for item in laws:
        edges[item.source_id] = list(item.amends)
    for item in laws:
        chain = _path_back(item.source_id, edges)
        if chain:
            errors.setdefault(item.line_number, []).append(
                _("Amendments would form a cycle: %(chain)s")
                % {"chain": " ← ".join(str(node) for node in chain)}
            )


def _path_back(start, edges):
    """A chain of amendments from ``start`` that leads back to it, or []."""
    stack = [(target, [start, target]) for target in edges.get(start, [])]
    seen = set()
    while stack:
        node, chain = stack.pop()
        if node == start:
            return chain
        if node in seen:
            continue
        seen.add(node)
        stack.extend((target, [*chain, target]) for target in edges.get(node, []))
    return []


def _district_of(item, result, by_name, problems):
    """The district number of a project line, planning its creation when it is new."""
    if item.district is None:
        return None
    if isinstance(item.district, str):
        district = by_name.get(item.district)
        if district is None:
            problems.append(_("No district is named %(name)s.") % {"name": item.district})
            return None
        return district.number
    if item.district not in result.districts:
        result.new_districts[item.district] = item.line_number
    return item.district


def _wanted(item, district):
    return {
        "values": item.values,
        "body": item.body,
        "tags": sorted(item.tags),
        "amends": sorted(item.amends),
        "repealed_by": item.repealed_by,
        "district": district,
        "lines": [tuple(line[key] for key in sorted(LINE_KEYS)) for line in item.lines],
    }


def _snapshot(page):
    """What an import line would say about ``page``, to detect unchanged re-imports."""
    from .types import TYPES

    type_fields = next(fields for model, _d, fields in TYPES.values() if model is type(page))
    names = ["title", "summary", *(spec.model_field for spec in type_fields.values())]
    snapshot = {
        "values": {name: getattr(page, name) for name in names},
        "body": [
            block["value"] if block["type"] == "paragraph" else block
            for block in page.body.raw_data
        ],
        "tags": sorted(tag.name for tag in page.tags.all()),
        "amends": [],
        "repealed_by": "",
        "district": None,
        "lines": [],
    }
    if isinstance(page, LawPage):
        snapshot["amends"] = sorted(law.source_id for law in page.amends.all())
        snapshot["repealed_by"] = page.repealed_by.source_id if page.repealed_by else ""
    if hasattr(page, "district"):
        snapshot["district"] = page.district.number if page.district else None
    if hasattr(page, "line_items"):
        snapshot["lines"] = [
            tuple(getattr(line, key) for key in sorted(LINE_KEYS)) for line in page.line_items.all()
        ]
    return snapshot


def _settled(page, item):
    """Whether the page's publication state already matches the line's ``live``."""
    if item.live:
        return page.live and not page.has_unpublished_changes
    return not page.live


def _prepare(item, page, law_pks, district, locale):
    """A page instance carrying the line's values (not saved; relations come at write time)."""
    if page is None:
        page = item.model(
            slug=_base_slug(item), source_id=item.source_id, live=False, locale=locale
        )
    for name, value in item.values.items():
        setattr(page, name, value)
    page.body = [("paragraph", RichText(html)) for html in item.body]
    if item.type == "law":
        # A law repealed by one that this file creates: any id passes clean(), the real one
        # is set once that law exists.
        page.repealed_by_id = (law_pks.get(item.repealed_by) or -1) if item.repealed_by else None
    if item.type == "project":
        # None for a district this import creates; the writer sets it.
        page.district = district
    return page


def _model_errors(item, page):
    """The models' validation of the prepared page and of its budget lines, as messages."""
    exclude = list(TREE_FIELDS)
    if item.type == "law":
        exclude.append("repealed_by")
        # Amendments are checked as a graph above; the model would see unsaved pages.
        page.amends = []
    messages = []
    try:
        page.full_clean(exclude=exclude)
    except ValidationError as error:
        messages.extend(messages_of(error))
    for position, message in budget_lines.line_errors(item.lines):
        messages.append(_budget_message(item.lines[position], position, message))
    for position, line in enumerate(item.lines):
        try:
            BudgetLineItem(**line).full_clean(exclude=["page"])
        except ValidationError as error:
            messages.extend(_budget_message(line, position, text) for text in messages_of(error))
    return messages


def _budget_message(line, position, message):
    return _("budget line %(position)d (%(code)s): %(message)s") % {
        "position": position + 1,
        "code": line["code"],
        "message": message,
    }


def messages_of(error):
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def _base_slug(item):
    """A slug from the title; the writer makes it unique among the section's pages."""
    # A half-space (ZWNJ) separates word parts: keep the parts apart in the slug too.
    title = item.values["title"].replace("\u200c", "-")
    slug = slugify(title, allow_unicode=True)[:80].strip("-")
    return slug or slugify(item.source_id)[:80] or item.type


def _line_of(items, key):
    return next(item.line_number for item in items if item.key == key)
