"""The Loket client calls only real Loket operations, builds their paths from checked ids, and keeps
every URL under ``MAX_URL``."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from gateway.exceptions import InputError
from gateway.secrets import Secret
from gateway.settings import DEFAULT_TIMEOUTS
from gateway.upstreams.loket import EMPLOYEES, ENDPOINTS, MAX_URL, LoketClient, UrlTooLong

REFERENCE = Path(__file__).resolve().parents[4] / "shared" / "reference" / "loket-endpoints.json"
TOKEN = Secret("t")
EMPLOYER = "0f8fad5b-d9cb-469f-a165-70867728950e"


def real_operations() -> set[tuple[str, str]]:
    entries = json.loads(REFERENCE.read_text())[1:]
    return {(entry["method"], entry["path"]) for entry in entries}


def test_every_endpoint_the_client_calls_is_a_real_loket_operation() -> None:
    real = real_operations()
    called = {
        (method, endpoint.template) for method, endpoints in ENDPOINTS.items() for endpoint in endpoints
    }
    assert called and called <= real, sorted(called - real)


def test_the_employer_wide_leave_get_that_does_not_exist_is_not_called() -> None:
    called = {endpoint.template for endpoints in ENDPOINTS.values() for endpoint in endpoints}
    assert "/providers/employers/{employerId}/leave" not in called


def counting_client() -> tuple[LoketClient, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(
            200, json={"_embedded": [], "totalSize": 0, "pageSize": 250, "currentPage": 1, "totalPages": 0}
        )

    return LoketClient(
        "https://api.loket.nl/v2", timeouts=DEFAULT_TIMEOUTS, transport=httpx.MockTransport(answer)
    ), sent


@pytest.mark.parametrize(
    "bad", ["../employees", "x?filter=1", "a/b", "", "4f8fad5b-d9cb-469f-a165-70867728950e\r\n"]
)
async def test_a_malformed_id_is_bad_user_input_and_nothing_is_sent(bad: str) -> None:
    client, sent = counting_client()
    with pytest.raises(InputError) as refused:
        await client.employees(TOKEN, bad)
    assert refused.value.extensions()["argument"] == "employerId"
    assert sent == []


async def test_a_url_past_the_limit_is_refused_before_sending() -> None:
    client, sent = counting_client()
    text = " or ".join(f"employee.employeeNumber eq {n}" for n in range(200))
    assert not client.fits(EMPLOYEES, {"employerId": EMPLOYER}, text)
    with pytest.raises(UrlTooLong):
        await client.employees(TOKEN, EMPLOYER, filter=text)
    assert sent == []


async def test_a_url_within_the_limit_is_sent_percent_encoded() -> None:
    client, sent = counting_client()
    text = "employee.employeeNumber eq 1 or employee.employeeNumber eq 2"
    assert client.fits(EMPLOYEES, {"employerId": EMPLOYER}, text)
    await client.employees(TOKEN, EMPLOYER, filter=text)
    (request,) = sent
    assert len(str(request.url)) <= MAX_URL
    assert request.url.path == f"/v2/providers/employers/{EMPLOYER}/employees"
    assert request.url.params["filter"] == text


async def test_every_page_follows_the_page_size_loket_reports() -> None:
    """Asked for 1000 rows a page, Loket may answer with fewer: the remaining pages follow its size."""
    asked: list[tuple[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        number, size = request.url.params["pageNumber"], request.url.params["pageSize"]
        asked.append((number, size))
        rows = [{"id": f"{number}-{i}"} for i in range(100 if number != "3" else 50)]
        return httpx.Response(
            200, json={"_embedded": rows, "totalSize": 250, "pageSize": 100, "currentPage": int(number)}
        )

    client = LoketClient(
        "https://api.loket.nl/v2", timeouts=DEFAULT_TIMEOUTS, transport=httpx.MockTransport(answer)
    )
    found = await client.all_rows(TOKEN, EMPLOYEES, {"employerId": EMPLOYER})
    assert len(found) == 250
    assert asked == [("1", "1000"), ("2", "100"), ("3", "100")]
