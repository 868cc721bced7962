"""The process's logging: one line per record, JSON (``serve``) or text (``demo``).

``configure_logging`` puts one handler on the root logger, so every logger of the process —
staffgraph's, uvicorn's, strawberry's — writes through it:

- ``json`` (python-json-logger with orjson): one object per line with ``time``, ``level``,
  ``logger``, ``message``, ``request_id`` (while a request is served) and the record's own
  fields. The gateway's two structured lines (``gateway.telemetry.upstream``,
  ``gateway.telemetry.middleware``)::

    {"time": "...", "level": "INFO", "logger": "staffgraph.request", "message": "graphql request",
     "request_id": "6f1c...", "operation_type": "query", "operation_name": "Employers",
     "outcome": "ok", "status": 200, "duration_ms": 12.4, "upstream_calls": 1}
    {"time": "...", "level": "INFO", "logger": "staffgraph.upstream", "message": "upstream call",
     "request_id": "6f1c...", "upstream": "loket", "method": "GET", "path": "/providers/employers",
     "status": "200", "duration_ms": 8.1, "attempt": 1}

- ``text``: ``12:00:01 INFO  staffgraph.request [6f1c...] query Employers ok 200 12.4 ms, 1 upstream call``.

What is kept out: uvicorn's access log loses the query string (a GET request carries its
query text and variables there) and httpx/httpcore stay at WARNING (their INFO line is the
full upstream URL, with ids and filter values): the upstream line above replaces it with the
path template. No line carries a credential, a query text or variables.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any

from pythonjsonlogger.orjson import OrjsonFormatter

from gateway.exceptions import ConfigError
from gateway.telemetry.requests import current_request

FORMATS = ("json", "text")
LEVELS = ("debug", "info", "warning", "error")
# their INFO lines are whole upstream URLs (ids, filter values); the upstream line replaces them
_QUIET = ("httpx", "httpcore")


@dataclass(frozen=True)
class LogConfig:
    format: str = "json"
    level: str = "info"

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, default_format: str = "json") -> LogConfig:
        """``STAFFGRAPH_LOG_FORMAT`` (json | text) and ``STAFFGRAPH_LOG_LEVEL`` (debug | info |
        warning | error); a wrong value is a ``ConfigError`` naming the variable."""
        chosen = (env.get("STAFFGRAPH_LOG_FORMAT") or default_format).strip().lower()
        if chosen not in FORMATS:
            raise ConfigError(f"STAFFGRAPH_LOG_FORMAT must be json or text, got {chosen!r}")
        level = (env.get("STAFFGRAPH_LOG_LEVEL") or cls.level).strip().lower()
        if level not in LEVELS:
            raise ConfigError(f"STAFFGRAPH_LOG_LEVEL must be one of {', '.join(LEVELS)}, got {level!r}")
        return cls(format=chosen, level=level)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (``None`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            current = current_request()
            record.request_id = current.request_id if current is not None else None
        return True


class AccessPathFilter(logging.Filter):
    """uvicorn's access line without the query string: ``GET /graphql?query=...`` -> ``GET /graphql``."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str) and "?" in args[2]:
            record.args = (*args[:2], args[2].split("?", 1)[0], *args[3:])
        return True


class TextFormatter(logging.Formatter):
    """Human lines for ``staffgraph demo``: the request id in brackets, the gateway's lines summarised."""

    def __init__(self) -> None:
        super().__init__(datefmt="%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        text = _summary(record.__dict__) or record.message
        request = getattr(record, "request_id", None)
        where = f"{record.name} [{request}]" if request else record.name
        line = f"{self.formatTime(record, self.datefmt)} {record.levelname:<5} {where} {text}"
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line = f"{line}\n{record.exc_text}"
        if record.stack_info:
            line = f"{line}\n{self.formatStack(record.stack_info)}"
        return line


def _summary(fields: Mapping[str, Any]) -> str | None:
    if "upstream_calls" in fields:
        operation = " ".join(str(p) for p in (fields["operation_type"], fields["operation_name"]) if p)
        calls = fields["upstream_calls"]
        return (
            f"{operation} {fields['outcome']} {fields['status']} {fields['duration_ms']} ms, "
            f"{calls} upstream call{'' if calls == 1 else 's'}"
        )
    if "upstream" in fields and "attempt" in fields:
        again = f" (attempt {fields['attempt']})" if fields["attempt"] > 1 else ""
        return (
            f"{fields['upstream']} {fields['method']} {fields['path']} {fields['status']} "
            f"{fields['duration_ms']} ms{again}"
        )
    return None


def json_formatter() -> logging.Formatter:
    return OrjsonFormatter(
        ["asctime", "levelname", "name", "message"],
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )


def configure_logging(config: LogConfig, *, stream: IO[str] | None = None) -> logging.Handler:
    """Replace the root logger's handlers with one writing ``config.format`` to ``stream``
    (stderr); returns it (tests remove it again). Run ``uvicorn`` with ``log_config=None`` after
    it, so uvicorn's loggers propagate here instead of to handlers of their own."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(json_formatter() if config.format == "json" else TextFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(config.level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessPathFilter) for f in access.filters):
        access.addFilter(AccessPathFilter())
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


__all__ = ["FORMATS", "LEVELS", "AccessPathFilter", "LogConfig", "RequestIdFilter", "configure_logging"]
