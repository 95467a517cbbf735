"""The search box every page carries: a plain GET form that a deferred script may enhance."""

import re
from html.parser import HTMLParser

import pytest


class Elements(HTMLParser):
    """Every start tag of a document as ``(tag, {attribute: value})``."""

    def __init__(self, html):
        super().__init__()
        self.elements = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def find(self, tag, **attributes):
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and all(attrs.get(k) == v for k, v in attributes.items())
        ]


def elements_of(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return Elements(response.content.decode())


@pytest.mark.parametrize(("url", "action"), [("/", "/search/"), ("/en/search/", "/en/search/")])
def test_header_search_form_submits_by_get_to_the_search_page_of_the_language(
    client, home, url, action
):
    page = elements_of(client, url)

    (form,) = page.find("form", **{"class": "site-search"})
    assert form["role"] == "search"
    assert form["method"] == "get"
    assert form["action"] == action
    (box,) = page.find("input", id="site-search-q")
    assert box["name"] == "q"
    assert page.find("label", **{"for": "site-search-q"})


def test_search_box_is_a_plain_input_until_the_script_makes_it_a_combobox(client, home):
    page = elements_of(client, "/")

    (box,) = page.find("input", id="site-search-q")
    assert "role" not in box
    assert "aria-expanded" not in box
    assert box["data-suggest-url"] == "/api/search/suggest/?lang=fa"
    (listbox,) = page.find("ul", id=box["data-suggest-listbox"])
    assert listbox["role"] == "listbox"
    assert "hidden" in listbox
    assert listbox["data-type-tender"] == "مناقصه یا مزایده"


@pytest.mark.parametrize("url", ["/", "/search/?q=x", "/page-that-does-not-exist/"])
def test_every_script_is_an_external_deferred_file(client, home, url):
    response = client.get(url)
    html = response.content.decode()

    scripts = Elements(html).find("script")
    assert scripts == [{"src": "/static/js/autocomplete.js", "defer": None}]
    assert not re.search(r"<script[^>]*>\s*[^<\s]", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_search_page_announces_the_result_count_in_a_status_region(client, home):
    response = client.get("/search/", {"q": "هیچ‌چیز"})

    html = response.content.decode()
    assert re.search(r'<span role="status">۰ نتیجه</span>', html)
