"""The Informat client's paths and lists: a list's 404 ("no data in the response set") is an
empty list, one employee's 404 stays NOT_FOUND, and a malformed id or institute number never
leaves the gateway (``InputError``, no request, no circuit verdict)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from gateway.exceptions import InputError, UpstreamNotFound
from gateway.secrets import Secret
from gateway.settings import DEFAULT_TIMEOUTS, BreakerPolicy
from gateway.upstreams.informat import InformatClient
from simulators import informat
from simulators.config import SimConfig
from simulators.server import create_simulator_app
from tests.support.clients import asgi_client

TOKEN = Secret("t")
HASSELT = "032912"
PERSON = "55401af3-be05-4a2c-87ee-de15d2815481"
INTERRUPTION = "c5f21445-1180-42ef-832e-62a8d53044c2"
YEAR = {"schoolyear": "2026-27"}
NO_DATA_YEAR = {"schoolyear": "2010-11"}


class Counting:
    """A mock transport that answers every request with one response and remembers the requests."""

    def __init__(self, response: Callable[[], httpx.Response]) -> None:
        self.requests: list[httpx.Request] = []
        self._response = response

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self._response()


def mocked(response: Callable[[], httpx.Response], *, failures: int = 5) -> tuple[InformatClient, Counting]:
    counting = Counting(response)
    client = InformatClient(
        "http://informat",
        timeouts=DEFAULT_TIMEOUTS,
        transport=httpx.MockTransport(counting.handle),
        breaker=BreakerPolicy(failures=failures),
    )
    return client, counting


def no_data() -> httpx.Response:
    return httpx.Response(404)


@pytest.fixture(scope="module")
def informat_app(sim_config: SimConfig) -> Starlette:
    return create_simulator_app(sim_config, upstreams=[informat.create_upstream(sim_config)])


@pytest.fixture
async def simulated(informat_app: Starlette) -> tuple[InformatClient, Secret]:
    async with asgi_client(informat_app) as http:
        form = {
            "grant_type": "client_credentials",
            "client_id": "staffgraph-demo",
            "client_secret": "demo-secret",
        }
        token = (await http.post("/identity/connect/token", data=form)).json()["access_token"]
    client = InformatClient(
        "http://sim/informat", timeouts=DEFAULT_TIMEOUTS, transport=httpx.ASGITransport(app=informat_app)
    )
    return client, Secret(token)


LISTS: list[tuple[str, Callable[[InformatClient], Awaitable[list[dict[str, Any]]]]]] = [
    ("/employees", lambda c: c.employees(TOKEN, HASSELT, YEAR)),
    ("/employees/assignments", lambda c: c.assignments(TOKEN, HASSELT, YEAR)),
    ("/employees/interruptions", lambda c: c.interruptions(TOKEN, HASSELT, YEAR)),
    (f"/employees/{PERSON}/assignments", lambda c: c.person_assignments(TOKEN, HASSELT, PERSON, YEAR)),
    (f"/employees/{PERSON}/interruptions", lambda c: c.person_interruptions(TOKEN, HASSELT, PERSON, YEAR)),
]


@pytest.mark.parametrize(("path", "call"), LISTS)
async def test_a_list_answered_404_is_empty(
    path: str, call: Callable[[InformatClient], Awaitable[list[dict[str, Any]]]]
) -> None:
    client, counting = mocked(no_data)
    assert await call(client) == []
    [request] = counting.requests
    assert request.url.path == path and request.headers["instituteno"] == HASSELT
    assert client.circuit.state == "closed" and client.circuit.failures == 0


async def test_one_employee_answered_404_is_not_found() -> None:
    client, counting = mocked(no_data)
    with pytest.raises(UpstreamNotFound) as caught:
        await client.employee(TOKEN, HASSELT, PERSON, YEAR)
    assert len(counting.requests) == 1
    assert "GET /employees/{personId}" in str(caught.value) and PERSON not in str(caught.value)


async def test_against_the_simulator_an_empty_year_is_an_empty_list(
    simulated: tuple[InformatClient, Secret],
) -> None:
    client, token = simulated
    staff = await client.employees(token, HASSELT, YEAR)
    assert staff
    assert await client.employees(token, HASSELT, NO_DATA_YEAR) == []
    assert await client.assignments(token, HASSELT, NO_DATA_YEAR) == []
    assert await client.interruptions(token, HASSELT, NO_DATA_YEAR) == []
    someone = staff[0]["personId"]
    assert await client.person_assignments(token, HASSELT, someone, NO_DATA_YEAR) == []
    assert await client.person_assignments(token, HASSELT, someone, YEAR)
    with pytest.raises(UpstreamNotFound):  # a well-formed id that is not on this school's staff
        await client.employee(token, HASSELT, "00000000-0000-4000-8000-000000000000", YEAR)
    await client.aclose()


BAD_INSTITUTES = ["03291", "0329123", "03291a", "032912\r\nX-Evil: 1", " 032912", "٠٣٢٩١٢", ""]
BAD_IDS = ["nope", "../employees", f"{PERSON}/assignments", f"{PERSON}?x=1", f"{{{PERSON}}}", ""]


Call = Callable[[InformatClient], Awaitable[Any]]


def calls(institute: str = HASSELT, person: str = PERSON, record: str = INTERRUPTION) -> list[Call]:
    """Every public method with this institute number, person id and record id (interruption,
    attachment, communication number; each attachment call once with it in either id)."""
    return [
        lambda c: c.employees(TOKEN, institute, YEAR),
        lambda c: c.assignments(TOKEN, institute, YEAR),
        lambda c: c.interruptions(TOKEN, institute, YEAR),
        lambda c: c.employee(TOKEN, institute, person, YEAR),
        lambda c: c.person_assignments(TOKEN, institute, person, YEAR),
        lambda c: c.person_interruptions(TOKEN, institute, person, YEAR),
        lambda c: c.put_interruption(TOKEN, institute, person, record, {}),
        lambda c: c.delete_interruption(TOKEN, institute, record),
        lambda c: c.put_attachment(TOKEN, institute, record, INTERRUPTION, {}),
        lambda c: c.put_attachment(TOKEN, institute, INTERRUPTION, record, {}),
        lambda c: c.delete_attachment(TOKEN, institute, record, INTERRUPTION),
        lambda c: c.delete_attachment(TOKEN, institute, INTERRUPTION, record),
        lambda c: c.put_communication_number(TOKEN, institute, person, {}),
        lambda c: c.delete_communication_number(TOKEN, institute, person, record),
    ]


@pytest.mark.parametrize("institute", BAD_INSTITUTES)
async def test_a_malformed_institute_number_is_refused_before_any_request(institute: str) -> None:
    client, counting = mocked(lambda: httpx.Response(500), failures=1)
    for call in calls(institute=institute):
        with pytest.raises(InputError) as caught:
            await call(client)
        assert caught.value.argument == "instituteNo" and caught.value.code == "BAD_USER_INPUT"
    assert counting.requests == []
    assert client.circuit.state == "closed" and client.circuit.failures == 0


@pytest.mark.parametrize("bad", BAD_IDS)
async def test_a_malformed_id_is_refused_before_any_request(bad: str) -> None:
    client, counting = mocked(no_data, failures=1)
    for call in calls(person=bad, record=bad)[3:]:  # all but the three school-year lists take an id
        with pytest.raises(InputError):
            await call(client)
    assert counting.requests == []
    assert client.circuit.state == "closed" and client.circuit.failures == 0
    assert await calls()[0](client) == []  # the next well-formed call goes out as usual
    assert len(counting.requests) == 1


async def test_well_formed_ids_reach_their_documented_paths() -> None:
    client, counting = mocked(lambda: httpx.Response(200, json="x"))
    upper = PERSON.upper()
    await client.put_interruption(TOKEN, HASSELT, upper, INTERRUPTION, {"code": "1"})
    await client.delete_interruption(TOKEN, HASSELT, INTERRUPTION)
    await client.put_attachment(TOKEN, HASSELT, INTERRUPTION, PERSON, {})
    await client.delete_attachment(TOKEN, HASSELT, INTERRUPTION, PERSON)
    assert await client.put_communication_number(TOKEN, HASSELT, PERSON, {}) == "x"
    await client.delete_communication_number(TOKEN, HASSELT, PERSON, INTERRUPTION)
    assert [(r.method, r.url.path) for r in counting.requests] == [
        ("PUT", f"/employees/{upper}/interruptions/{INTERRUPTION}"),
        ("DELETE", f"/employees/interruptions/{INTERRUPTION}"),
        ("PUT", f"/employees/interruptions/{INTERRUPTION}/attachments/{PERSON}"),
        ("DELETE", f"/employees/interruptions/{INTERRUPTION}/attachments/{PERSON}"),
        ("PUT", f"/employees/{PERSON}/communication-number"),
        ("DELETE", f"/employees/{PERSON}/communication-number/{INTERRUPTION}"),
    ]
    assert all(
        r.headers["api-version"] == "2" and r.headers["instituteno"] == HASSELT for r in counting.requests
    )
