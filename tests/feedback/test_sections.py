"""The suggestions section lists its boxes, there and on the home page, like other sections."""

from django.utils.html import escape


def test_suggestions_section_lists_its_boxes(client, box):
    response = client.get(box.get_parent().url)
    assert response.status_code == 200
    assert escape(box.title) in response.content.decode()


def test_home_page_shows_the_newest_suggestion_box(client, home, box):
    response = client.get(home.url)
    assert response.status_code == 200
    assert escape(box.title) in response.content.decode()
