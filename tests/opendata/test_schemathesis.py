"""Property-based tests of every read-only operation of the OpenAPI schema (schemathesis).

Schemathesis generates requests from the schema that ``/api/schema/`` serves and sends
them to the Django app in-process (WSGI, the test database): no GET may answer with a
server error, and every answer must match the response schema it documents.
"""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance
from schemathesis.core.failures import FailureGroup

from cms import models
from tests.cms import factories

pytestmark = pytest.mark.django_db

# Enough to try each parameter's edges; keeps the whole run under a minute.
MAX_EXAMPLES = 4
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def published(sections):
    """One published item of each kind, in Persian with Arabic ي ك and a ZWNJ."""
    factories.NewsPageFactory(parent=sections[models.NewsIndexPage], title="گشایش پارك محله‌ی ما")
    factories.EventPageFactory(parent=sections[models.EventIndexPage])
    factories.LawPageFactory(parent=sections[models.LawIndexPage])
    factories.ProjectPageFactory(parent=sections[models.ProjectIndexPage])
    factories.TenderPageFactory(
        parent=sections[models.TenderIndexPage],
        status=models.TenderPage.Status.AWARDED,
        award_winner="شركت راه‌سازان ي ك",
        award_amount=11_900_000_000,
        award_date=datetime.date(2024, 6, 1),
        contract_number="ق-۱۴۰۳-۷۷",
        contract_signed_date=datetime.date(2024, 6, 10),
        contract_value=11_900_000_000,
    )


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, kept on the test's database connection.

    Django closes the connection at the end of every request, which would close the test
    database under the test (its own test client disconnects the same signals).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def read_only_operations(app):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    return [result.ok() for result in schema.include(method="GET").get_all_operations()]


def property_test(operation):
    """A Hypothesis test that sends ``operation`` generated requests and checks the answers."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.validate_response(case.call(), checks=CHECKS)

    return check


def test_read_only_operations_never_fail_and_match_the_schema(published, wsgi_app):
    operations = read_only_operations(wsgi_app)
    assert len(operations) > 10
    failures = []
    for operation in operations:
        try:
            property_test(operation)()
        except FailureGroup as group:  # listed with the others, not the first alone
            failures.append(f"{operation.label}: {group}")
    assert not failures, "\n\n".join(failures)
