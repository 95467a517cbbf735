"""The results bar chart of a poll: one bar per choice, as long as its share of the voters.

The geometry is cms.fiscal.charts' (the budget charts'), with a single series on a 0-100 scale.
"""

from django.utils.translation import gettext_lazy as _

from cms.fiscal import charts
from cms.templatetags.shafaf import percent


def bar_chart(results, *, rtl):
    """A cms.fiscal.charts.BarChart of ``results`` (services.PollResults), mirrored for RTL."""
    rows = [charts.Row(label=row.label, values=(row.percent,)) for row in results.choices]
    return charts.bar_chart(
        rows, series=(_("Percent of voters"),), rtl=rtl, maximum=100, text=percent
    )
