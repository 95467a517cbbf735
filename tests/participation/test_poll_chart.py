"""The poll results chart is drawn with the budget charts' geometry and says the same numbers."""

import re

from participation import services
from tests.participation.factories import UserFactory, poll_choices


def test_the_chart_bars_and_texts_match_the_results_table(client, make_poll):
    poll = make_poll(choices=poll_choices(3))
    first, second, _third = poll.choices.values_list("pk", flat=True)
    for choice in [first, first, first, second]:
        services.cast_vote(poll, user=UserFactory(), choices=[choice])

    html = client.get(poll.url).content.decode()

    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    assert widths[0] == 3 * widths[1] and widths[2] == 0  # 75%, 25%, 0%
    texts = re.findall(r">([۰-۹٫]+٪)</text>", svg)
    assert texts == ["۷۵٪", "۲۵٪", "۰٪"]
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert ": ۳ (۷۵٪)" in desc and ": ۱ (۲۵٪)" in desc
