"""``OperationObserver``: the schema extension that tells the request's record which operation
ran and how it ended, from what strawberry already knows (no second parse of the document)."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from gateway.metrics import outcome_of
from gateway.telemetry import tracing
from gateway.telemetry.requests import current_request


class OperationObserver(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        record = current_request()
        if record is None:  # a bare schema.execute (tests, scripts): nothing to tell
            return
        context = self.execution_context
        try:
            record.operation_name = context.operation_name
            record.operation_type = context.operation_type.value
        except RuntimeError:  # no document (a syntax error) or no operation of that name
            pass
        if context.result is not None:
            record.outcome = outcome_of(context.result)
        tracing.name_operation(record.span, record.operation_type, record.operation_name)


__all__ = ["OperationObserver"]
