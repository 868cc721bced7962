"""The log configuration: JSON lines for ``serve``, human lines for ``demo``, checked settings."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from gateway.exceptions import ConfigError
from gateway.telemetry.logs import LogConfig, configure_logging
from tests.gateway.telemetry.conftest import Recorder
from tests.support.stack import ALICE, InProcess


@pytest.fixture
def configured() -> Iterator[io.StringIO]:
    """``configure_logging`` into a buffer; the root logger and uvicorn's put back after."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    names = ("uvicorn", "uvicorn.error", "uvicorn.access", "httpx", "httpcore")
    loggers = {n: (list(logging.getLogger(n).handlers), logging.getLogger(n).propagate,
                   logging.getLogger(n).level) for n in names}  # fmt: skip
    # a server started earlier in the session (uvicorn.Config(log_level="warning")) raised these
    # loggers' levels; `serve` sets them from --log-level, as uvicorn does
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).setLevel(logging.INFO)
    try:
        yield io.StringIO()
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
        for name, (handlers, propagate, level) in loggers.items():
            logger = logging.getLogger(name)
            logger.handlers[:] = handlers
            logger.propagate, logger.level = propagate, level


def test_the_format_and_level_come_from_the_environment() -> None:
    assert LogConfig.from_env({}) == LogConfig("json", "info")
    assert LogConfig.from_env({}, default_format="text") == LogConfig("text", "info")
    env = {"STAFFGRAPH_LOG_FORMAT": "TEXT", "STAFFGRAPH_LOG_LEVEL": "debug"}
    assert LogConfig.from_env(env) == LogConfig("text", "debug")
    with pytest.raises(ConfigError, match="STAFFGRAPH_LOG_FORMAT"):
        LogConfig.from_env({"STAFFGRAPH_LOG_FORMAT": "xml"})
    with pytest.raises(ConfigError, match="STAFFGRAPH_LOG_LEVEL"):
        LogConfig.from_env({"STAFFGRAPH_LOG_LEVEL": "loud"})


async def test_json_lines_for_every_logger(
    configured: io.StringIO, recorded: tuple[InProcess, Recorder]
) -> None:
    stream = configured
    configure_logging(LogConfig("json", "info"), stream=stream)
    stack, _ = recorded
    answer = await stack.gateway.post(
        "/graphql", json={"query": "{ employers { totalCount } }"}, headers=ALICE
    )
    logging.getLogger("uvicorn.access").info(
        '%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET", "/graphql?query=%7Bemployers%7D", "1.1", 200
    )
    logging.getLogger("httpx").info("HTTP Request: GET http://sim/loket/v2/providers/employers")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert {line["logger"] for line in lines} == {
        "staffgraph.request",
        "staffgraph.upstream",
        "uvicorn.access",
    }
    request = next(line for line in lines if line["logger"] == "staffgraph.request")
    assert request["request_id"] == answer.headers["x-request-id"]
    assert request["level"] == "INFO" and request["time"]
    access = next(line for line in lines if line["logger"] == "uvicorn.access")
    assert access["message"] == '127.0.0.1:5000 - "GET /graphql HTTP/1.1" 200'  # no query string


async def test_text_lines_stay_readable(
    configured: io.StringIO, recorded: tuple[InProcess, Recorder]
) -> None:
    stream = configured
    configure_logging(LogConfig("text", "info"), stream=stream)
    stack, _ = recorded
    query = "query Employers { employers { totalCount } }"
    answer = await stack.gateway.post("/graphql", json={"query": query}, headers=ALICE)
    rid = answer.headers["x-request-id"]
    upstream, request = (line.split(" ", 1)[1] for line in stream.getvalue().splitlines())  # minus the time
    assert upstream.startswith(f"INFO  staffgraph.upstream [{rid}] loket GET /providers/employers 200 ")
    assert request.startswith(f"INFO  staffgraph.request [{rid}] query Employers ok 200 ")
    assert request.endswith(" ms, 1 upstream call")
