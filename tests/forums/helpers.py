"""Posting in the forums through the real views."""

from django.urls import reverse

from tests.forums.conftest import BODY, TITLE


def start_thread(client, category, title=TITLE, body=BODY, **data):
    url = reverse("forums:new-thread", args=[category.slug])
    return client.post(url, {"title": title, "body": body, **data})


def reply(client, thread, body="پاسخ من به این گفت‌وگو", **data):
    return client.post(reverse("forums:thread", args=[thread.pk]), {"body": body, **data})


def html_of(response):
    return response.content.decode()
