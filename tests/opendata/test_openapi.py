"""One OpenAPI 3 schema for the DRF and Wagtail APIs, and a documentation page made from it."""

import json
import re

import pytest
import yaml
from django.urls import URLResolver, get_resolver
from wagtail.models import Page, get_page_models

from portal.openapi import PUBLIC_PREFIXES
from search.content import TYPE_NAMES

pytestmark = pytest.mark.django_db

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


def resolve_refs(node, schema):
    """Every ``$ref`` in ``node`` points at something in ``schema``."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref is not None:
            target = schema
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
        for value in node.values():
            resolve_refs(value, schema)
    elif isinstance(node, list):
        for value in node:
            resolve_refs(value, schema)


def test_schema_is_an_openapi_3_document(schema):
    assert re.fullmatch(r"3\.\d+\.\d+", schema["openapi"])
    assert schema["info"]["title"] and schema["info"]["version"]
    assert "/api/v3/" in schema["info"]["description"]
    operation_ids = []
    for path, item in schema["paths"].items():
        assert path.startswith("/")
        for method, operation in item.items():
            assert method in METHODS | {"parameters", "summary", "description"}
            if method not in METHODS:
                continue
            assert operation["responses"], (path, method)
            operation_ids.append(operation["operationId"])
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == set(re.findall(r"{(\w+)}", path)), (path, method)
            for parameter in operation.get("parameters", []):
                assert parameter["in"] in {"query", "path", "header", "cookie"}
                assert "schema" in parameter or "content" in parameter
    assert len(operation_ids) == len(set(operation_ids))
    resolve_refs(schema, schema)


def test_schema_describes_wagtail_search_and_drf_endpoints(schema):
    paths = schema["paths"]
    for path in (
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/documents/",
        "/api/v2/images/",
        "/api/v2/districts/",
        "/api/v2/departments/",
        "/api/search/",
        "/api/search/suggest/",
        "/api/participation/polls/{poll_id}/votes/",
        "/api/participation/polls/{poll_id}/results/",
    ):
        assert path in paths, path
    pages = paths["/api/v2/pages/"]["get"]
    assert {"type", "fields", "limit", "offset", "locale", "tags"} <= {
        p["name"] for p in pages["parameters"]
    }
    assert pages["tags"] == ["pages"]
    votes = paths["/api/participation/polls/{poll_id}/votes/"]["post"]
    assert votes["tags"] == ["participation"]
    assert "application/json" in votes["requestBody"]["content"]
    assert not any(path.startswith("/admin/") for path in paths)


def url_routes(patterns, prefix=""):
    """Every route of ``patterns``, nested includes joined: ``api/v2/^pages/<int:pk>/``."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from url_routes(entry.url_patterns, route)
        else:
            yield route


def as_template(route):
    """A route as a schema path with its parameters unnamed: ``/api/v2/pages/{}/``."""
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "{}", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "{}", route)
    return "/" + route.replace("^", "").replace("$", "").replace("\\", "")


def test_every_api_and_open311_url_is_in_the_schema(schema):
    documented = {re.sub(r"{\w+}", "{}", path) for path in schema["paths"]}
    routes = {as_template(route) for route in url_routes(get_resolver().url_patterns)}
    public = {route for route in routes if route.startswith(PUBLIC_PREFIXES)}
    assert "/api/exports/{}.{}" in public and "/open311/v2/requests/{}.json" in public
    assert public - documented == set()


def _parameter(schema, path, name):
    parameters = schema["paths"][path]["get"]["parameters"]
    return next(parameter for parameter in parameters if parameter["name"] == name)


def test_documented_page_types_are_every_page_model_and_each_is_accepted(client, home, schema):
    description = _parameter(schema, "/api/v2/pages/", "type")["description"]
    documented = re.findall(r"`(\w+\.\w+)`", description.split(":", 1)[1])
    models = {model._meta.label for model in get_page_models() if model is not Page}
    assert set(documented) == models
    assert {"catalogue.ServicePage", "council.MeetingPage"} <= models
    for label in documented:
        assert client.get("/api/v2/pages/", {"type": label}).status_code == 200, label


def test_documented_search_types_are_the_ones_search_accepts(client, home, schema):
    description = _parameter(schema, "/api/search/", "type")["description"]
    documented = re.findall(r"`(\w+)`", description)
    assert documented == list(TYPE_NAMES.values())
    assert {"service", "meeting", "council_member"} <= set(documented)
    for name in documented:
        response = client.get("/api/search/", {"q": "پارك", "type": name})
        assert response.status_code == 200, name


def test_schema_in_yaml_is_the_same_document(client, schema):
    response = client.get("/api/schema/", {"format": "yaml"})
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == schema


def test_docs_page_lists_endpoints_parameters_and_examples(client, home):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<code>/api/v2/pages/</code>" in html
    assert "<code>/api/search/</code>" in html
    assert "/api/participation/polls/{poll_id}/votes/" in html
    assert '<th scope="col">' in html and "<caption>" in html
    # shlex quotes the URL (it has ? and &); the page escapes the quote.
    assert "curl &#x27;http://testserver/api/search/?q=" in html
    assert "curl -X POST" in html
    # The schema's `code` spans become <code>, the rest is escaped text.
    assert "sort by; <code>-field</code> descending" in html
    assert 'href="/api/schema/?format=json"' in html
    # Server-rendered: no script but the site's own.
    assert re.findall(r"<script[^>]*src=\"([^\"]+)\"", html) == ["/static/js/autocomplete.js"]
