"""Geometry of the server-rendered results bar chart (SVG), so templates only place shapes."""

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 110
ROW_HEIGHT = 36
BAR_HEIGHT = 22
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH


@dataclass(frozen=True)
class Bar:
    result: object  # a services.ChoiceResult
    y: float
    text_y: float
    bar_x: float
    bar_width: float
    label_x: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    bars: list
    width: int
    height: int
    rtl: bool

    @property
    def anchor(self):
        """Text anchor that puts labels and values against their columns in either direction."""
        return "end" if self.rtl else "start"


def bar_chart(results, *, rtl):
    """Horizontal bars, one per choice, as long as its share of the votes.

    Left to right: label, bar, value; mirrored for right-to-left languages, where every
    text is anchored by its right edge. The SVG is drawn with direction="ltr", so "start" and
    "end" mean left and right whatever the page's direction.
    """
    bars = []
    for position, row in enumerate(results.choices):
        top = position * ROW_HEIGHT
        width = round(BAR_AREA * row.percent / 100, 1)
        if rtl:
            bar_x = WIDTH - LABEL_WIDTH - width
            label_x, value_x = WIDTH - 4, bar_x - 8
        else:
            label_x, bar_x, value_x = 4, LABEL_WIDTH, LABEL_WIDTH + width + 8
        bars.append(
            Bar(
                result=row,
                y=top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=top + ROW_HEIGHT / 2,
                bar_x=bar_x,
                bar_width=width,
                label_x=label_x,
                value_x=value_x,
            )
        )
    return BarChart(bars=bars, width=WIDTH, height=ROW_HEIGHT * len(bars), rtl=rtl)
