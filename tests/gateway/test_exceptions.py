"""The exception tree carries the codes and extensions GraphQL errors are made from."""

from __future__ import annotations

import pytest

from gateway.exceptions import (
    InputError,
    UpstreamConflict,
    UpstreamError,
    UpstreamForbidden,
    UpstreamRateLimited,
    UpstreamTimeout,
    UpstreamUnauthenticated,
)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UpstreamTimeout("slow", upstream="loket"), "UPSTREAM_TIMEOUT"),
        (UpstreamUnauthenticated("401", upstream="loket", status=401), "UNAUTHENTICATED"),
        (UpstreamForbidden("403", upstream="informat", status=403), "FORBIDDEN"),
        (UpstreamConflict("etag", upstream="loket", status=409), "CONFLICT"),
        (
            UpstreamRateLimited("429", upstream="ictergezocht", status=429, retry_after=3),
            "UPSTREAM_RATE_LIMITED",
        ),
    ],
)
def test_upstream_errors_carry_code_upstream_and_status(error: UpstreamError, code: str) -> None:
    extensions = error.extensions()
    assert extensions["code"] == code
    assert extensions["upstream"] == error.upstream
    assert extensions["status"] == error.status


def test_input_error_names_the_argument() -> None:
    assert InputError("bad year", argument="schoolYear").extensions() == {
        "code": "BAD_USER_INPUT",
        "argument": "schoolYear",
    }
