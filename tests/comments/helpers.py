"""Helpers shared by the discussion tests: posting through the real views, reading pages."""

from html.parser import HTMLParser

from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from tests.conftest import XSS

BODY = f"پیشنهاد مي‌كنم ساعت کار پارک تا ۲۲ تمدید شود. {XSS}"
XSS_CORPUS = [
    XSS,
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">پیوند</a>',
    "<svg/onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '"><script>alert(document.cookie)</script>',
    "<p style=\"background:url('javascript:alert(1)')\">متن</p>",
    '<a href="https://example.org" onclick="alert(1)">کلیک</a>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<details open ontoggle=alert(1)>",
]
# What no payload may bring into JSON as markup (the API returns the sanitized HTML).
FORBIDDEN_MARKUP = [
    "<script",
    "onerror=",
    "onload=",
    "javascript:",
    "<iframe",
    "ontoggle",
    "onclick",
    "<svg",
    "style=",
]


def says(html, msgid):
    """Whether ``html`` shows the message ``msgid`` in the active language."""
    return escape(gettext(msgid)) in html


def post_comment(client, page, body=BODY, **data):
    return client.post(reverse("comments:post", args=[page.pk]), {"body": body, **data})


def page_html(client, page, **params):
    return client.get(page.url, params).content.decode()


def comments_section(html):
    """The comments section of a page's HTML (from its opening tag to the end of main)."""
    start = html.index('<section class="comments"')
    return html[start : html.index("</main>", start)]


DANGEROUS_TAGS = {"script", "iframe", "svg", "math", "img", "object", "embed", "style", "details"}


class _MarkupFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in DANGEROUS_TAGS:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "xlink:href"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag}[{name}=javascript:]")


def dangerous_markup(html):
    """Elements and attributes in ``html`` that could run script (escaped text is fine)."""
    finder = _MarkupFinder()
    finder.feed(html)
    return finder.found


def main_of(html):
    """The page's <main> element, where citizens' text is shown."""
    return html[html.index("<main") : html.index("</main>")]
