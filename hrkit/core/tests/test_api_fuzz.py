"""Fuzz every operation of the published OpenAPI schema: no input may cause a 500.

Bounded examples keep CI fast; the schema is read from the running WSGI app, so
a new endpoint is fuzzed as soon as it is routed.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from hrkit.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def errors_are_json_with_a_message(ctx, response, case):  # type: ignore[no-untyped-def]
    if 400 <= response.status_code < 500:
        body = response.json()
        assert isinstance(body.get("error", {}).get("message"), str), body
    return None


@pytest.fixture(autouse=True)
def _directory_with_data(db):  # type: ignore[no-untyped-def]
    from hrkit.core.tests.fuzz_data import load_fuzz_data

    load_fuzz_data()


@pytest.fixture(autouse=True)
def _checker_rate_out_of_the_way(settings):  # type: ignore[no-untyped-def]
    # Every example comes from one client: at the checker's own rate, all but
    # the first few would be turned away before their input was looked at.
    import copy

    settings.HRKIT = copy.deepcopy(settings.HRKIT)
    settings.HRKIT["LANGUAGE_LIMITS"]["RATE"] = "100000/m"


@pytest.fixture(autouse=True)
def _keep_the_test_connection():  # type: ignore[no-untyped-def]
    # The WSGI app closes "old" connections at each request's start and end;
    # inside the test's transaction that would close the test's own
    # connection (Django's test client unhooks the same signals).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_answers_with_a_server_error(case):  # type: ignore[no-untyped-def]
    case.call_and_validate(checks=[not_a_server_error, errors_are_json_with_a_message])
