"""What each ``type`` of import line holds and how its keys map to page fields.

``parse_item`` turns one decoded JSON object into an ``Item``: model values read and
checked one by one, every problem collected rather than stopping at the first.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.jalali import to_ascii_digits
from cms.models import (
    BudgetLineItem,
    BudgetPage,
    ContractStatus,
    EventPage,
    LawPage,
    NewsPage,
    ProjectPage,
)
from cms.models import TenderPage as Tender

from . import fields as read


@dataclass(frozen=True)
class Field:
    """One key of a line: the model field it fills, its reader, and whether it is required."""

    model_field: str
    reader: object
    required: bool = False


@dataclass(eq=False)
class Item:
    """One valid-looking line, ready to be checked against the database and written."""

    line_number: int
    type: str
    model: type
    source_id: str
    values: dict
    body: list
    tags: list
    live: bool = True
    amends: list = field(default_factory=list)
    repealed_by: str = ""
    district: object = None
    lines: list = field(default_factory=list)

    @property
    def key(self):
        return (self.type, self.source_id)


def _text(limit):
    return lambda value: read.text(value, limit)


def _amount(value):
    return read.integer(value, minimum=0)


COMMON = {
    "title": Field("title", _text(255), required=True),
    "summary": Field("summary", _text(600)),
}

# type -> (model, key meant by "date", {key: Field}). Keys not listed here are refused.
TYPES = {
    "news": (
        NewsPage,
        "date",
        {
            "kind": Field("kind", read.choice(NewsPage.Kind)),
            "date": Field("date", read.date, required=True),
        },
    ),
    "event": (
        EventPage,
        "start",
        {
            "start": Field("start", read.moment, required=True),
            "end": Field("end", read.moment),
            "place": Field("place", _text(255), required=True),
            "address": Field("address", _text(255)),
        },
    ),
    "law": (
        LawPage,
        "approval_date",
        {
            "number": Field("number", _text(60), required=True),
            "kind": Field("kind", read.choice(LawPage.Kind)),
            "status": Field("status", read.choice(LawPage.Status)),
            "approval_authority": Field("approval_authority", _text(200), required=True),
            "approval_date": Field("approval_date", read.date, required=True),
            "effective_date": Field("effective_date", read.date),
        },
    ),
    "tender": (
        Tender,
        "publish_date",
        {
            "kind": Field("kind", read.choice(Tender.Kind)),
            "reference_number": Field("reference_number", _text(60), required=True),
            "status": Field("status", read.choice(Tender.Status)),
            "estimated_value": Field("estimated_value", _amount),
            "currency": Field("currency", _text(3)),
            "publish_date": Field("publish_date", read.date, required=True),
            "submission_deadline": Field("submission_deadline", read.moment, required=True),
            "opening_date": Field("opening_date", read.moment),
            "award_winner": Field("award_winner", _text(255)),
            "award_amount": Field("award_amount", _amount),
            "award_date": Field("award_date", read.date),
            "contract_number": Field("contract_number", _text(60)),
            "contract_signed_date": Field("contract_signed_date", read.date),
            "contract_value": Field("contract_value", _amount),
            "contract_start": Field("contract_start", read.date),
            "contract_end": Field("contract_end", read.date),
            "contract_status": Field("contract_status", read.choice(ContractStatus)),
        },
    ),
    "project": (
        ProjectPage,
        "start_date",
        {
            "status": Field("status", read.choice(ProjectPage.Status)),
            "start_date": Field("start_date", read.date),
            "end_date": Field("end_date", read.date),
            "budget": Field("budget", _amount),
            "spent": Field("spent", _amount),
            "currency": Field("currency", _text(3)),
            "progress": Field("progress", lambda value: read.integer(value, 0, 100)),
            "contractor": Field("contractor", _text(255)),
            "latitude": Field("latitude", read.coordinate),
            "longitude": Field("longitude", read.coordinate),
        },
    ),
    "budget": (
        BudgetPage,
        "approved_on",
        {
            "fiscal_year": Field(
                "fiscal_year", lambda value: read.integer(value, 1300, 1500), True
            ),
            "currency": Field("currency", _text(3)),
            "approved_on": Field("approved_on", read.date),
        },
    ),
}
# Shorthand: an announcement is a news item of kind "announcement".
ALIASES = {"announcement": ("news", {"kind": "announcement"})}
# Keys every type takes besides its own fields.
GENERAL_KEYS = {"type", "source_id", "body", "tags", "live", "language", "date"}
EXTRA_KEYS = {"law": {"amends", "repealed_by"}, "project": {"district"}, "budget": {"lines"}}
LINE_KEYS = {"code", "title", "parent_code", "kind", "approved", "revised", "actual"}


def imported(model):
    """Pages of ``model`` that imports write: the default language's. Translations of an
    imported page keep its source_id and must not be taken for it."""
    return model.objects.filter(locale=Locale.get_default())


def parse_item(line_number, data):
    """(Item or None, [error messages]) for one decoded line."""
    if not isinstance(data, dict):
        return None, [_("A line must be a JSON object.")]
    type_name = data.get("type")
    type_name, implied = ALIASES.get(type_name, (type_name, {}))
    if type_name not in TYPES:
        known = ", ".join([*TYPES, *ALIASES])
        return None, [
            _("Unknown type %(type)r; use one of: %(known)s")
            % {
                "type": data.get("type"),
                "known": known,
            }
        ]
    model, date_key, type_fields = TYPES[type_name]
    data = {**implied, **data}
    errors = []
    unknown = (
        set(data) - GENERAL_KEYS - set(COMMON) - set(type_fields) - EXTRA_KEYS.get(type_name, set())
    )
    if unknown:
        errors.append(_("Unknown keys: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    if "date" in data and date_key != "date":
        if date_key in data:
            errors.append(_("Give either date or %(key)s, not both.") % {"key": date_key})
        data[date_key] = data.pop("date")
    if data.get("language", "fa") != "fa":
        errors.append(_("Only the language fa can be imported."))

    def take(key, reader, default=None, required=False):
        if data.get(key) in (None, ""):
            if required:
                errors.append(_("%(key)s is required.") % {"key": key})
            return default
        try:
            return reader(data[key])
        except ValueError as error:
            errors.append(_("%(key)s: %(reason)s") % {"key": key, "reason": error})
            return default

    source_id = take("source_id", _text(100), "", required=True)
    values = {}
    for key, spec in {**COMMON, **type_fields}.items():
        default = model._meta.get_field(spec.model_field).get_default()
        values[spec.model_field] = take(key, spec.reader, default, spec.required)
    item = Item(
        line_number=line_number,
        type=type_name,
        model=model,
        source_id=source_id,
        values=values,
        body=take("body", read.body_paragraphs, []),
        tags=take("tags", lambda value: read.text_list(value, 100), []),
        live=take("live", read.boolean, True),
    )
    if type_name == "law":
        item.amends = take("amends", lambda value: read.text_list(value, 100), [])
        item.repealed_by = take("repealed_by", _text(100), "")
        if item.source_id and item.source_id in [*item.amends, item.repealed_by]:
            errors.append(_("A text cannot amend or repeal itself."))
    elif type_name == "project":
        item.district = take("district", _district)
    elif type_name == "budget":
        item.lines = take("lines", _budget_lines, [], required=True)
    return item, errors


def _district(value):
    """A district number (created if missing) or the name of an existing district."""
    if isinstance(value, str) and not to_ascii_digits(value).strip().isdigit():
        return read.text(value, 120)
    return read.integer(value, minimum=1, maximum=32767)


def _budget_lines(value):
    """The lines of a budget as dicts; every bad line is named in one error."""
    if not isinstance(value, list) or not all(isinstance(line, dict) for line in value):
        raise ValueError(_("expected a list of objects"))
    lines, problems = [], []
    for position, raw in enumerate(value, start=1):
        try:
            lines.append(_budget_line(raw))
        except ValueError as error:
            problems.append(
                _("budget line %(position)d: %(reason)s") % {"position": position, "reason": error}
            )
    if problems:
        raise ValueError("; ".join(problems))
    return lines


def _budget_line(raw):
    unknown = set(raw) - LINE_KEYS
    if unknown:
        raise ValueError(_("Unknown keys: %(keys)s") % {"keys": ", ".join(sorted(unknown))})
    line = {
        "code": read.text(_code(raw.get("code")), 30),
        "title": read.text(raw.get("title"), 255),
        "parent_code": read.text(_code(raw.get("parent_code") or ""), 30),
        "kind": read.choice(BudgetLineItem.Kind)(raw.get("kind")),
    }
    if not line["code"] or not line["title"]:
        raise ValueError(_("code and title are required"))
    for name in ("approved", "revised", "actual"):
        amount = raw.get(name)
        line[name] = None if amount in (None, "") else _amount(amount)
    return line


def _code(value):
    """Budget codes are compared as ASCII digits, whatever digits the file used."""
    return to_ascii_digits(value) if isinstance(value, str | int) else value
