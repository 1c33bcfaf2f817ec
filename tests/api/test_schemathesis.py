"""Schemathesis against the live schema: generated requests to every documented operation get
no server error, and every answer conforms to the schema (bounded to a few examples each)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

MAX_EXAMPLES = 12
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI application in this thread, inside the test's transaction: like Django's
    test client, keep the request signals from closing the connection mid-transaction."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_every_operation_conforms_to_the_schema(wsgi_app, site_content, offers):
    schema = schemathesis.openapi.from_wsgi("/api/v2/schema/", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 11

    for operation in operations:

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            case.validate_response(response, checks=CHECKS)

        check()
