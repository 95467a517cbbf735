"""Tracking codes: what citizens type (any case, Persian digits, spaces, dashes) finds them."""

import re

import pytest

from participation.feedback import tracking
from participation.feedback.forms import TrackingForm
from participation.feedback.models import ReviewCase


@pytest.mark.parametrize(
    "typed",
    ["SG-7K3M9Q4P", "sg7k3m9q4p", " sg - 7k3m 9q4p ", "SG–7K3M9Q۴P", "sg_7k3m9q٤p"],
)
def test_normalize(typed):
    assert tracking.normalize(typed) == "SG-7K3M9Q4P"


@pytest.mark.django_db
def test_new_codes_use_the_alphabet_and_the_kind_prefix():
    code = tracking.new_tracking_code(ReviewCase.Kind.COMPLAINT)
    prefix, body = code.split("-")
    assert prefix == "CP"
    assert len(body) == tracking.LENGTH
    assert set(body) <= set(tracking.ALPHABET)
    assert not set("0O1IL5S") & set(tracking.ALPHABET)


def test_the_tracking_forms_example_is_a_code_real_codes_can_be():
    prefixes = "|".join(ReviewCase.PREFIXES.values())
    real_code = re.compile(rf"(?:{prefixes})-[{tracking.ALPHABET}]{{{tracking.LENGTH}}}")
    help_text = str(TrackingForm().fields["code"].help_text)

    [example] = re.findall(r"[A-Z]{2}-[0-9A-Z]+", help_text)

    assert real_code.fullmatch(example)
