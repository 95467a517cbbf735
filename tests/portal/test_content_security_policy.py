"""The public site sends a strict Content-Security-Policy; Wagtail's admin is left out of it."""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives if name}


@pytest.fixture
def public_pages(client, sections):
    """Every page a fresh site has, in Persian and English, plus a search."""
    urls = ["/", "/en/", "/search/?q=بودجه", *(page.url for page in sections.values())]
    return {url: client.get(url) for url in urls}


def test_public_pages_allow_scripts_and_styles_from_our_origin_only(public_pages):
    for url, response in public_pages.items():
        assert response.status_code == 200, url
        directives = policy(response)
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert "unsafe-inline" not in response["Content-Security-Policy"], url
        assert "unsafe-eval" not in response["Content-Security-Policy"], url


def test_public_pages_cannot_be_framed_rebased_or_post_elsewhere(client, home):
    directives = policy(client.get("/"))

    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["img-src"] == ["'self'", "data:"]


def test_public_pages_carry_no_inline_script_or_style(public_pages):
    for url, response in public_pages.items():
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html), url
        assert not re.search(r"<style[\s>]", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_not_found_page_carries_the_policy(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert policy(response)["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_wagtail_admin_is_left_out_of_the_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


@pytest.mark.parametrize(("depth", "css_class"), [(1, "depth-1"), (3, "depth-3"), (9, "depth-6")])
def test_budget_line_depth_is_a_class_not_a_style(depth, css_class):
    html = render_to_string(
        "cms/includes/_budget_amounts_row.html",
        {
            "label": "عمران شهری",
            "amounts": {},
            "depth": depth,
            "no_rate": True,
            "page": SimpleNamespace(currency="IRR"),
        },
    )

    assert f'class="budget-line budget-line--{css_class}"' in html
    assert "style=" not in html
