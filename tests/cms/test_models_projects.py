"""Model invariants of projects: dates, money, progress and coordinates."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cms import models
from tests.cms import factories
from tests.cms.model_checks import errors_of as _errors

pytestmark = pytest.mark.django_db


# Projects


@pytest.fixture
def project(sections):
    return factories.ProjectPageFactory(parent=sections[models.ProjectIndexPage])


def test_project_ending_before_it_starts_is_refused(project):
    project.start_date = datetime.date(2024, 5, 1)
    project.end_date = datetime.date(2024, 4, 30)
    assert _errors(project) == {"end_date": [_("A project cannot end before it starts.")]}


@pytest.mark.parametrize("progress", [0, 100])
def test_project_progress_at_the_bounds_is_accepted(project, progress):
    project.progress = progress
    project.full_clean()


def test_project_progress_above_100_is_refused(project):
    project.progress = 101
    assert "progress" in _errors(project)


def test_database_refuses_progress_above_100(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        models.ProjectPage.objects.filter(pk=project.pk).update(progress=101)


@pytest.mark.parametrize("field", ["budget", "spent"])
def test_project_money_cannot_be_negative(project, field):
    setattr(project, field, -1)
    assert field in _errors(project)


def test_database_refuses_negative_spending(project):
    with pytest.raises(IntegrityError), transaction.atomic():
        models.ProjectPage.objects.filter(pk=project.pk).update(spent=-1)


@pytest.mark.parametrize(
    "coordinates",
    [{"latitude": Decimal("35.7")}, {"longitude": Decimal("51.4")}],
    ids=["latitude only", "longitude only"],
)
def test_project_needs_both_coordinates_or_neither(project, coordinates):
    for name, value in coordinates.items():
        setattr(project, name, value)
    assert _errors(project) == {"longitude": [_("Give both latitude and longitude, or neither.")]}


def test_project_with_both_coordinates_is_accepted(project):
    project.latitude, project.longitude = Decimal("35.689198"), Decimal("51.388974")
    project.full_clean()


@pytest.mark.parametrize(
    ("latitude", "longitude", "field"),
    [
        (Decimal("90.000001"), Decimal(0), "latitude"),
        (Decimal("-90.5"), Decimal(0), "latitude"),
        (Decimal(0), Decimal("180.5"), "longitude"),
        (Decimal(0), Decimal("-181"), "longitude"),
    ],
)
def test_project_coordinates_out_of_range_are_refused(project, latitude, longitude, field):
    project.latitude, project.longitude = latitude, longitude
    assert field in _errors(project)


def test_finished_project_must_be_100_percent_done(project):
    project.status = models.ProjectPage.Status.DONE
    project.progress = 99
    assert _errors(project) == {"progress": [_("A finished project is 100 percent done.")]}


def test_finished_project_at_100_percent_is_accepted(project):
    project.status = models.ProjectPage.Status.DONE
    project.progress = 100
    project.full_clean()


@pytest.mark.parametrize(("budget", "percent"), [(None, None), (0, None), (400, 25)])
def test_spent_percent_is_the_share_of_the_budget(project, budget, percent):
    project.budget, project.spent = budget, 100
    assert project.spent_percent == percent
