"""The Informat client turns BR/MNA error bodies into input fields and typed errors."""

from __future__ import annotations

import httpx
import pytest

from gateway.exceptions import UpstreamForbidden, UpstreamValidationError
from gateway.settings import DEFAULT_TIMEOUTS
from gateway.upstreams.informat import InformatClient


def answer(status: int, codes: list[tuple[str, str]] | None) -> httpx.Response:
    body = {"errors": [{"Code": c, "Message": m} for c, m in codes]} if codes is not None else None
    return httpx.Response(status, json=body) if body is not None else httpx.Response(status)


@pytest.mark.parametrize(
    ("codes", "fields"),
    [
        ([("BR006B", "Invalid Code")], {"code": "BR006B: Invalid Code"}),
        (
            [("BR007A", "Begindatum is required"), ("BR008A", "Einddatum is required")],
            {"startDate": "BR007A: Begindatum is required", "endDate": "BR008A: Einddatum is required"},
        ),
        ([("BR016A", "a"), ("BR016C", "b")], {"filename": "BR016A: a; BR016C: b"}),
        ([("XX999", "new rule")], {"input": "XX999: new rule"}),
    ],
)
def test_codes_name_input_fields(codes: list[tuple[str, str]], fields: dict[str, str]) -> None:
    client = InformatClient("http://x", timeouts=DEFAULT_TIMEOUTS)
    error = client.status_error(answer(400, codes), "PUT /employees/{personId}/interruptions/{id}")
    assert isinstance(error, UpstreamValidationError)
    assert error.fields == fields and error.status == 400


def test_mna_rules_are_input_errors_with_status_405() -> None:
    client = InformatClient("http://x", timeouts=DEFAULT_TIMEOUTS)
    error = client.status_error(answer(405, [("MNA005", "overlap")]), "PUT /x")
    assert isinstance(error, UpstreamValidationError)
    assert error.status == 405 and error.fields == {"startDate": "MNA005: overlap"}
    assert "MNA005 overlap" in str(error)


def test_an_empty_403_stays_forbidden() -> None:
    client = InformatClient("http://x", timeouts=DEFAULT_TIMEOUTS)
    assert isinstance(client.status_error(answer(403, None), "GET /employees"), UpstreamForbidden)
