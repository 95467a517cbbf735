"""``/api/schema/`` (OpenAPI 3, YAML or JSON) and ``/api/docs/``, the same schema as a page.

The documentation page is rendered on the server from the schema: no JavaScript, nothing
from another origin (the Content-Security-Policy allows neither), readable with a screen
reader. Every endpoint shows its methods, parameters and an example request.
"""

import json
import shlex
from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from drf_spectacular.settings import spectacular_settings

METHODS = ("get", "post", "put", "patch", "delete")


def build_schema():
    """The OpenAPI schema of the portal's public APIs, as a dict."""
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    return generator.get_schema(request=None, public=True)


def _resolve(schema, components):
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        return components.get(ref.rsplit("/", 1)[-1], {})
    return schema


def _example_body(operation, components):
    """A JSON skeleton of the request body's fields, or None when there is no body."""
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None
    properties = _resolve(schema, components).get("properties", {})
    placeholders = {"integer": 1, "number": 1, "boolean": True, "array": [], "object": {}}
    fields = {
        name: placeholders.get(_resolve(prop, components).get("type"), "…")
        for name, prop in properties.items()
        if not prop.get("readOnly")
    }
    return json.dumps(fields, ensure_ascii=False)


def _example_request(base_url, path, method, operation, components):
    """A ``curl`` command that calls the operation with its example values."""
    url = base_url + path.replace("{id}", "1").replace("{poll_id}", "1")
    query = {
        param["name"]: param["example"]
        for param in operation.get("parameters", [])
        if param.get("in") == "query" and "example" in param
    }
    if query:
        url += "?" + urlencode(query)
    command = ["curl"]
    if method != "get":
        command += ["-X", method.upper()]
    body = _example_body(operation, components)
    if body is not None:
        command += ["-H", "Content-Type: application/json", "-d", body]
    return shlex.join([*command, url])


def code_spans(text):
    """``text`` as ``[(is_code, part)]``: the schema's Markdown `code` spans, the only markup used."""
    return [(index % 2 == 1, part) for index, part in enumerate(text.split("`")) if part]


def operations_by_tag(schema, base_url):
    """``[{"name", "description", "operations": [...]}]`` in the order of the schema's tags."""
    components = schema.get("components", {}).get("schemas", {})
    groups = {tag["name"]: {**tag, "operations": []} for tag in schema.get("tags", [])}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["other"])[0]
            group = groups.setdefault(tag, {"name": tag, "description": "", "operations": []})
            group["operations"].append(
                {
                    "id": operation.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": code_spans(operation.get("description", "")),
                    "parameters": [
                        {**param, "description": code_spans(param.get("description", ""))}
                        for param in operation.get("parameters", [])
                    ],
                    "example": _example_request(base_url, path, method, operation, components),
                }
            )
    return [group for group in groups.values() if group["operations"]]


def api_docs(request):
    """The API reference page."""
    schema = build_schema()
    base_url = request.build_absolute_uri("/").rstrip("/")
    context = {
        "groups": operations_by_tag(schema, base_url),
        "title": _("API documentation"),
    }
    return render(request, "api_docs.html", context)
