"""A compiled release from a process's releases, by the OCDS 1.1 merge rules for our fields.

``ocdsmerge`` is the reference implementation; it is not a dependency, and the releases we
publish use only the parts of the rules implemented here: objects merge field by field,
arrays of objects with an ``id`` merge item by item on that id ("identifier merge"), any
other array and any plain value is replaced by the newer release's, and a release's own
``id``, ``date`` and ``tag`` are not merged ("omitWhenMerged"). A ``null`` value removes a
field, as the rules say; we never publish one.
"""

OMITTED = ("id", "date", "tag")


def compile_releases(releases):
    """The compiled release of ``releases`` (one ocid, oldest first); ``None`` when empty."""
    if not releases:
        return None
    compiled = {}
    for release in releases:
        _merge_into(compiled, {k: v for k, v in release.items() if k not in OMITTED})
    latest = releases[-1]
    # As ocdsmerge names it: the ocid and the date of the newest release.
    return {
        "ocid": latest["ocid"],
        "id": f"{latest['ocid']}-{latest['date']}",
        "date": latest["date"],
        "tag": ["compiled"],
        **{key: value for key, value in compiled.items() if key != "ocid"},
    }


def _merge_into(target, source):
    for key, value in source.items():
        if value is None:
            target.pop(key, None)
        elif isinstance(value, dict):
            existing = target.get(key)
            merged = existing if isinstance(existing, dict) else {}
            _merge_into(merged, value)
            target[key] = merged
        elif _identified_objects(value):
            target[key] = _merge_by_id(target.get(key), value)
        else:
            target[key] = value


def _identified_objects(value):
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "id" in item for item in value)
    )


def _merge_by_id(existing, items):
    """Items merged on ``id``: an earlier item keeps its place, a new one is appended."""
    merged = {}
    for item in existing if isinstance(existing, list) else []:
        merged[item["id"]] = item
    for item in items:
        current = merged.get(item["id"], {})
        current = dict(current)
        _merge_into(current, item)
        merged[item["id"]] = current
    return list(merged.values())
