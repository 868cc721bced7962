"""OpenTelemetry traces: optional (``pip install 'staffgraph[otel]'``), a no-op without it.

When on, a request makes this tree, and sends its W3C ``traceparent`` upstream::

    query Employers                        (SERVER; graphql.operation.type/.name)
      └─ persons batch                     (INTERNAL; staffgraph.loader, staffgraph.batch.size)
           └─ GET /{employerId}/employees  (CLIENT; http.request.method, url.template,
                                            server.address, http.response.status_code)

The attribute names are OpenTelemetry's semantic conventions for GraphQL and HTTP clients;
the document text (``graphql.document``) is never recorded: it may hold ids and filters. A
caller's ``traceparent`` is honoured, so the gateway's spans join the caller's trace.

**On or off.** ``setup_from_env`` turns traces on when the OpenTelemetry packages import, the
standard ``OTEL_SDK_DISABLED`` is not ``true`` and an exporter is named
(``OTEL_TRACES_EXPORTER=otlp|console``) or an OTLP endpoint is set
(``OTEL_EXPORTER_OTLP_ENDPOINT`` / ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``).
Choice: an endpoint or exporter must be named — the SDK's own default (OTLP to
localhost:4317) would make every installation with the extra export to nothing and log
the failures. The exporters read the rest of ``OTEL_*`` themselves (headers, protocol,
timeouts), the provider ``OTEL_TRACES_SAMPLER``, the resource ``OTEL_SERVICE_NAME`` and
``OTEL_RESOURCE_ATTRIBUTES`` (``service.name`` defaults to ``staffgraph``).

Off, every function here returns at its first line (``_tracer is None``): no import of
OpenTelemetry, no span objects, no headers.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from gateway.exceptions import ConfigError

log = logging.getLogger("staffgraph.tracing")

_tracer: Any = None  # opentelemetry.trace.Tracer while traces are on
_trace: Any = None  # the opentelemetry.trace module, imported when traces are turned on
_propagator: Any = None  # W3C trace context

_EXPORTERS = ("otlp", "console", "none")


def enabled() -> bool:
    return _tracer is not None


def use_tracer_provider(provider: Any) -> None:
    """Trace with ``provider`` (an SDK ``TracerProvider``; tests give one with an in-memory exporter)."""
    global _tracer, _trace, _propagator
    from opentelemetry import trace
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    _trace, _propagator = trace, TraceContextTextMapPropagator()
    _tracer = provider.get_tracer("staffgraph")


def disable() -> None:
    global _tracer
    _tracer = None


def setup_from_env(env: Mapping[str, str]) -> bool:
    """Turn traces on as the module docstring says; ``True`` when they are on.

    An unknown ``OTEL_TRACES_EXPORTER`` is a ``ConfigError`` naming it; ``OTEL_*`` set without
    the packages installed is a warning (the gateway runs, untraced).
    """
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    named = [n.strip().lower() for n in env.get("OTEL_TRACES_EXPORTER", "").split(",") if n.strip()]
    unknown = sorted(set(named) - set(_EXPORTERS))
    if unknown:
        raise ConfigError(
            f"OTEL_TRACES_EXPORTER names unknown exporter(s) {unknown}; known: otlp, console, none"
        )
    endpoint = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    exporters = [n for n in named if n != "none"] if named else (["otlp"] if endpoint else [])
    if not exporters:
        return False
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        log.warning(
            "OTEL_* asks for traces, but OpenTelemetry is not installed: pip install 'staffgraph[otel]'"
        )
        return False
    named_service = env.get("OTEL_SERVICE_NAME") or "service.name=" in env.get("OTEL_RESOURCE_ATTRIBUTES", "")
    provider = TracerProvider(
        resource=Resource.create({} if named_service else {"service.name": "staffgraph"})
    )
    for name in exporters:
        provider.add_span_processor(BatchSpanProcessor(_exporter(name, env)))
    use_tracer_provider(provider)
    return True


def _exporter(name: str, env: Mapping[str, str]) -> Any:
    if name == "console":
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        return ConsoleSpanExporter()
    protocol = env.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or env.get("OTEL_EXPORTER_OTLP_PROTOCOL") or ""
    if protocol.strip() == "grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
    else:  # http/protobuf, the specification's default
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # type: ignore[assignment]
            OTLPSpanExporter,
        )
    return OTLPSpanExporter()


@contextlib.contextmanager
def server_span(headers: list[tuple[bytes, bytes]]) -> Iterator[Any]:
    """The span of one ``/graphql`` request, current while it runs, child of the caller's
    ``traceparent`` if it sent one; named after the operation once it is known (``name_operation``)."""
    if _tracer is None:
        yield None
        return
    carrier = {
        name.decode("latin-1"): value.decode("latin-1")
        for name, value in headers
        if name in (b"traceparent", b"tracestate")
    }
    parent = _propagator.extract(carrier) if carrier else None
    kind = _trace.SpanKind.SERVER
    with _tracer.start_as_current_span("GraphQL Operation", context=parent, kind=kind) as span:
        yield span


def name_operation(span: Any, operation_type: str, operation_name: str | None) -> None:
    """``query Employers`` (or ``query``), with the GraphQL semantic-convention attributes."""
    if span is None:
        return
    span.update_name(f"{operation_type} {operation_name}" if operation_name else operation_type)
    span.set_attribute("graphql.operation.type", operation_type)
    if operation_name:
        span.set_attribute("graphql.operation.name", operation_name)


def end_request(span: Any, status: int | None, outcome: str, request_id: str) -> None:
    if span is None:
        return
    span.set_attribute("staffgraph.request_id", request_id)
    if status is not None:
        span.set_attribute("http.response.status_code", status)
    if outcome == "error" or (status is not None and status >= 500):
        span.set_status(_trace.Status(_trace.StatusCode.ERROR))


@contextlib.contextmanager
def batch_span(loader: str, size: int) -> Iterator[None]:
    """One DataLoader batch, current while it runs (its upstream calls are its children)."""
    if _tracer is None:
        yield
        return
    attributes = {"staffgraph.loader": loader, "staffgraph.batch.size": size}
    with _tracer.start_as_current_span(f"{loader} batch", attributes=attributes):
        yield


def client_span(base_url: str, method: str, template: str, upstream: str, attempt: int) -> Any:
    """The span of one upstream HTTP request (started, not current: nothing runs inside it)."""
    if _tracer is None:
        return None
    url = urlsplit(base_url)
    # url.template is the whole path template, the base URL's own path included
    attributes: dict[str, Any] = {
        "http.request.method": method,
        "url.template": f"{url.path}{template}" if template.startswith("/") else template,
        "server.address": url.hostname or "",
        "staffgraph.upstream": upstream,
    }
    if url.port is not None:
        attributes["server.port"] = url.port
    if attempt > 1:
        attributes["http.request.resend_count"] = attempt - 1
    return _tracer.start_span(f"{method} {template}", kind=_trace.SpanKind.CLIENT, attributes=attributes)


def inject(span: Any, headers: MutableMapping[str, str]) -> None:
    """``traceparent`` (and ``tracestate``) of ``span`` into outgoing ``headers``."""
    _propagator.inject(headers, context=_trace.set_span_in_context(span))


def end_client_span(span: Any, outcome: str) -> None:
    """``outcome`` is the metrics' status: an HTTP status, or timeout, unreachable, cancelled..."""
    if outcome.isdigit():
        status = int(outcome)
        span.set_attribute("http.response.status_code", status)
        if status >= 400:
            span.set_attribute("error.type", outcome)
            span.set_status(_trace.Status(_trace.StatusCode.ERROR))
    elif outcome != "cancelled":
        span.set_attribute("error.type", outcome)
        span.set_status(_trace.Status(_trace.StatusCode.ERROR))
    span.end()
