"""OpenTelemetry: operation -> DataLoader batch -> upstream call, W3C trace context upstream, the
caller's traceparent honoured; off, nothing is traced or sent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from gateway.exceptions import ConfigError
from gateway.telemetry import tracing
from tests.gateway.telemetry.conftest import Recorder
from tests.support.stack import ALICE, InProcess

CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PERSONS = """query Team($e: ID!) {
  persons(employerId: $e, first: 3) { nodes { lastName employments { nodes { startDate } } } }
}"""


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use_tracer_provider(provider)
    try:
        yield exporter
    finally:
        tracing.disable()


async def _team(stack: InProcess, simulators: Recorder, **headers: str) -> str:
    """Three persons of an employer with their employments; ``simulators`` then hold only its calls."""
    employers = await stack.gateway.post(
        "/graphql", json={"query": "{ employers { nodes { id } } }"}, headers=ALICE
    )
    employer = employers.json()["data"]["employers"]["nodes"][0]["id"]
    simulators.received.clear()
    answer = await stack.gateway.post(
        "/graphql", json={"query": PERSONS, "variables": {"e": employer}}, headers={**ALICE, **headers}
    )
    assert "errors" not in answer.json(), answer.json()
    return answer.headers["x-request-id"]


def _children(spans: tuple[ReadableSpan, ...], parent: ReadableSpan) -> list[ReadableSpan]:
    return [s for s in spans if s.parent is not None and s.parent.span_id == parent.context.span_id]


async def test_the_span_tree_and_the_traceparent_upstream(
    recorded: tuple[InProcess, Recorder], spans: InMemorySpanExporter
) -> None:
    stack, simulators = recorded
    await _team(stack, simulators)
    finished = spans.get_finished_spans()
    [operation] = [s for s in finished if s.name == "query Team"]
    assert operation.kind == SpanKind.SERVER and operation.parent is None
    assert operation.attributes is not None
    assert operation.attributes["graphql.operation.type"] == "query"
    assert operation.attributes["graphql.operation.name"] == "Team"
    assert operation.attributes["http.response.status_code"] == 200
    assert not any("graphql.document" in (s.attributes or {}) for s in finished)

    batches = [s for s in _children(finished, operation) if s.name.endswith(" batch")]
    assert {b.name for b in batches} >= {"employments batch"}
    employments = next(b for b in batches if b.name == "employments batch")
    assert employments.attributes is not None and employments.attributes["staffgraph.batch.size"] == 3
    calls = _children(finished, employments)
    assert calls and all(c.kind == SpanKind.CLIENT for c in calls)
    for call in calls:
        attributes = call.attributes or {}
        assert attributes["http.request.method"] == "GET"
        assert attributes["server.address"] == "sim"
        assert attributes["http.response.status_code"] == 200
        assert str(attributes["url.template"]).startswith("/loket/v2/")
        assert "{" in str(attributes["url.template"]) or "?" not in str(attributes["url.template"])

    trace_id = format(operation.context.trace_id, "032x")
    client_spans = {
        format(s.context.span_id, "016x")
        for s in finished
        if s.kind == SpanKind.CLIENT and s.context.trace_id == operation.context.trace_id
    }
    assert len(client_spans) == len(simulators.received)
    for _, headers in simulators.received:
        version, sent_trace, parent_span, _flags = headers["traceparent"].split("-")
        assert (version, sent_trace) == ("00", trace_id)
        assert parent_span in client_spans  # each call names its own client span as the parent


async def test_a_callers_traceparent_is_honoured(
    recorded: tuple[InProcess, Recorder], spans: InMemorySpanExporter
) -> None:
    stack, simulators = recorded
    await _team(stack, simulators, traceparent=f"00-{CALLER_TRACE}-00f067aa0ba902b7-01")
    [operation] = [s for s in spans.get_finished_spans() if s.name == "query Team"]
    assert format(operation.context.trace_id, "032x") == CALLER_TRACE
    assert operation.parent is not None and format(operation.parent.span_id, "016x") == "00f067aa0ba902b7"
    assert simulators.received[-1][1]["traceparent"].split("-")[1] == CALLER_TRACE


async def test_off_nothing_is_traced_or_sent(recorded: tuple[InProcess, Recorder]) -> None:
    assert not tracing.enabled()
    stack, simulators = recorded
    await _team(stack, simulators, traceparent=f"00-{CALLER_TRACE}-00f067aa0ba902b7-01")
    assert simulators.received and not any("traceparent" in h for _, h in simulators.received)


@pytest.mark.parametrize(
    "env",
    [
        {},  # no exporter named, no endpoint: the SDK's localhost default is not assumed
        {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", "OTEL_SDK_DISABLED": "true"},
        {"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"},
    ],
)
def test_setup_leaves_traces_off(env: dict[str, str]) -> None:
    assert tracing.setup_from_env(env) is False
    assert not tracing.enabled()


def test_setup_turns_traces_on_with_an_endpoint() -> None:
    try:
        assert tracing.setup_from_env({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}) is True
        assert tracing.enabled()
    finally:
        tracing.disable()


def test_an_unknown_exporter_is_a_config_error_naming_the_variable() -> None:
    with pytest.raises(ConfigError, match="OTEL_TRACES_EXPORTER"):
        tracing.setup_from_env({"OTEL_TRACES_EXPORTER": "zipkin-json"})
