"""The public suggestions as a bulk export: what the site shows of each, and its answer.

Registered into ``cms.exports`` from ``FeedbackConfig.ready()``. Only suggestions the site
shows (``public_suggestions``); the author appears only by the public name they chose.
"""

from html import unescape

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from cms.exports.datasets import Dataset, date_columns, fields

from .api import public_suggestions


def _latest_answer(suggestion):
    responses = list(suggestion.case.responses.all())  # oldest first (model ordering)
    return unescape(strip_tags(responses[-1].body)).strip() if responses else None


def _case(suggestion):
    return suggestion.case


DATASETS = [
    Dataset(
        "suggestions",
        _("Public suggestions, their status and latest answer"),
        [
            *fields("id", "title", "body"),
            ("box", lambda suggestion: suggestion.box.title),
            ("author", lambda suggestion: suggestion.public_author_name),
            ("supports", lambda suggestion: suggestion.support_count),
            ("tracking_code", lambda suggestion: suggestion.case.tracking_code),
            ("status", lambda suggestion: suggestion.case.status),
            ("department", lambda s: s.case.department.name if s.case.department else None),
            *date_columns("received_at", "answered_at", of=_case),
            ("latest_answer", _latest_answer),
        ],
        public_suggestions,
        prefetch_related=("case__responses",),
    ),
]
