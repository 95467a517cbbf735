"""Validation against the vendored official OCDS 1.1 schemas (offline), and tender builders."""

import datetime
import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).parent / "schema"


def _load(name):
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _format_checker():
    """Draft 4 formats OCDS uses, checked without optional packages (none is installed)."""
    checker = FormatChecker([])

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        parsed = datetime.datetime.fromisoformat(value)
        # RFC 3339: a full date, a time and an offset.
        return "T" in value and parsed.tzinfo is not None

    @checker.checks("uri")
    def is_uri(value):
        return not isinstance(value, str) or value.startswith(("http://", "https://"))

    return checker


def _validator(name):
    schemas = [
        _load(f)
        for f in (
            "release-schema.json",
            "versioned-release-validation-schema.json",
            "release-package-schema.json",
            "record-package-schema.json",
        )
    ]
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        for schema in schemas
    )
    return Draft4Validator(_load(name), registry=registry, format_checker=_format_checker())


@pytest.fixture(scope="session")
def release_package_validator():
    return _validator("release-package-schema.json")


@pytest.fixture(scope="session")
def record_package_validator():
    return _validator("record-package-schema.json")


def assert_valid(validator, data):
    """Fail with every schema error listed, not only the first."""
    errors = [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(data)
    ]
    assert not errors, "\n".join(errors)
