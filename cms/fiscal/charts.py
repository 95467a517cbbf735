"""Geometry of server-rendered horizontal bar charts (SVG), so templates only place shapes.

Any labelled values, with one or more series per row (e.g. approved and actual side by side);
the poll results chart (``participation/chart.py``) is one series on a 0-100 scale. Bars are
drawn with direction="ltr" and mirrored for right-to-left languages.
"""

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 150
BAR_HEIGHT = 18
BAR_GAP = 4
ROW_PADDING = 10
BAR_AREA = WIDTH - LABEL_WIDTH - VALUE_WIDTH
# Fill of each series, as SVG presentation attributes (the CSP forbids style attributes);
# both have at least 3:1 contrast on white, as WCAG asks of graphics.
SERIES_FILLS = ("#0f766e", "#b45309", "#1d4ed8")


@dataclass(frozen=True)
class Row:
    """One labelled row to draw: ``values`` holds one number (or None) per series."""

    label: str
    values: tuple


@dataclass(frozen=True)
class Bar:
    """One bar; ``fill`` follows its series."""

    series: int
    value: object
    text: str
    y: float
    text_y: float
    x: float
    width: float
    value_x: float

    @property
    def fill(self):
        return SERIES_FILLS[self.series % len(SERIES_FILLS)]


@dataclass(frozen=True)
class ChartRow:
    row: Row
    label_x: float
    label_y: float
    bars: list


@dataclass(frozen=True)
class BarChart:
    rows: list
    series: tuple
    width: int
    height: int
    rtl: bool

    @property
    def legend(self):
        """(series name, fill) pairs, in drawing order."""
        return list(zip(self.series, SERIES_FILLS, strict=False))

    @property
    def anchor(self):
        """Text anchor that puts labels and values against their columns in either direction."""
        return "end" if self.rtl else "start"


def bar_chart(rows, series, *, rtl, maximum=None, text=str):
    """Rows of bars, each bar as long as its value's share of ``maximum``.

    ``series`` names the values of each row (for the legend); ``maximum`` defaults to the
    largest value, so the longest bar fills the bar area. A missing value draws no bar.
    ``text(value)`` is what is written at the end of a bar.
    """
    rows = list(rows)
    largest = maximum or max(
        (value for row in rows for value in row.values if value is not None), default=0
    )
    row_height = len(series) * (BAR_HEIGHT + BAR_GAP) + ROW_PADDING
    chart_rows = []
    for position, row in enumerate(rows):
        top = position * row_height + ROW_PADDING / 2
        bars = []
        for index, value in enumerate(row.values):
            width = round(BAR_AREA * (value or 0) / largest, 1) if largest else 0
            width = min(width, BAR_AREA)
            y = top + index * (BAR_HEIGHT + BAR_GAP)
            if rtl:
                x = WIDTH - LABEL_WIDTH - width
                value_x = x - 6
            else:
                x = LABEL_WIDTH
                value_x = x + width + 6
            label = "—" if value is None else text(value)
            bars.append(Bar(index, value, label, y, y + BAR_HEIGHT / 2, x, width, value_x))
        label_x = WIDTH - 4 if rtl else 4
        chart_rows.append(ChartRow(row, label_x, top + (row_height - ROW_PADDING) / 2, bars))
    return BarChart(
        rows=chart_rows,
        series=tuple(series),
        width=WIDTH,
        height=max(row_height * len(rows), 1),
        rtl=rtl,
    )
