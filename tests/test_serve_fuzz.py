"""Property-based fuzzing of tacitus serve's API from its own OpenAPI schema (schemathesis):
whatever the parameters and bodies, no response is a server error (5xx).

The server is real (uvicorn on 127.0.0.1) and has a token, but the fuzzer is not given it:
uploads must answer 401, never fail. Explain runs the real pipeline, on few examples.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import Server

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")
from hypothesis import HealthCheck, settings  # noqa: E402 - after the importorskip
from schemathesis.checks import not_a_server_error  # noqa: E402


@pytest.fixture(scope="module")
def fuzz_server(example_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "served.duckdb"
    shutil.copy(example_store, path)
    srv = Server(path, "--timeout", "60", token="fuzz-token-not-given").wait()
    yield srv
    srv.stop()


#: examples per operation: enough to hit every parameter's edge cases (empty, huge, odd
#: characters, wrong types) in a few minutes; explain runs the pipeline on each of its examples
EXAMPLES = 40


def test_serve_fuzz_no_server_error(fuzz_server):
    from hypothesis import given

    schema = schemathesis.openapi.from_url(fuzz_server.url + "/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/events", "/api/events/{event_id}", "/api/articles",
                                              "/api/explain", "/api/dyads/{a}/{b}", "/api/export"}
    failures, calls = [], []
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def fuzz(case) -> None:  # noqa: ANN001 - a schemathesis Case
            response = case.call_and_validate(checks=[not_a_server_error])
            calls.append(response.status_code)

        try:
            fuzz()
        except Exception as err:  # noqa: BLE001 - collected, so every operation is fuzzed
            failures.append(f"{operation.method.upper()} {operation.path}: {err}")
    assert not failures, "\n".join(failures)
    assert len(calls) >= 5 * len(operations) and 200 in calls and 422 in calls  # it did fuzz
