"""The APIs, which have no language prefix, answer in the language the client asks for."""

import pytest
from django.utils import translation


@pytest.mark.parametrize("language", ["fa", "en"])
def test_an_api_error_comes_in_the_language_asked_for(client, db, language):
    response = client.get("/api/search/", {"q": ""}, HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 400
    with translation.override(language):
        expected = translation.gettext("Give some words to search for in “q”.")
    assert response.json()["error"] == expected
    assert "Accept-Language" in response["Vary"]


def test_without_accept_language_the_api_answers_in_persian(client, db):
    response = client.get("/api/search/", {"q": ""})

    with translation.override("fa"):
        assert response.json()["error"] == translation.gettext(
            "Give some words to search for in “q”."
        )


def test_pages_keep_the_language_of_their_address(client, home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert 'lang="fa"' in response.content.decode()
