"""``POST /_sim/applications``: a simulated application is counted on the vacancy and
POSTed, as the document's webhook payload with the agreed Bearer key, to a receiver
served over real HTTP."""

from __future__ import annotations

import base64
import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from simulators.config import SimConfig
from simulators.ictergezocht import create_upstream
from simulators.ictergezocht.accounts import DEMO_ACCOUNT, OTHER_ACCOUNT, OTHER_KEY
from simulators.ictergezocht.data import Dataset
from simulators.ictergezocht.records import Vacancy
from simulators.server import create_simulator_app
from simulators.upstream import SimulatedUpstream
from tests.simulators.ictergezocht.support import BASE, Call, assert_error, bearer, client_for
from tests.support.servers import free_port, serve_in_thread

HOOK_KEY = "test-hook-key"


@dataclass
class Receiver:
    """The customer's webhook endpoint: records what arrives, answers ``status``."""

    status: int = 201
    received: list[tuple[dict[str, str], Any]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            self.received.append((dict(request.headers), await request.json()))
            if self.status == 201:
                return JSONResponse({"id": len(self.received)}, status_code=201)
            return JSONResponse({"error": "motivation is verplicht"}, status_code=self.status)

        return Starlette(routes=[Route("/hooks/applications", hook, methods=["POST"])])


@pytest.fixture(scope="module")
def receiver() -> Iterator[tuple[Receiver, str]]:
    receiver = Receiver()
    with serve_in_thread(receiver.app()) as url:
        yield receiver, url


@pytest.fixture(scope="module")
def hooked_bundle(sim_config: SimConfig, receiver: tuple[Receiver, str]) -> SimulatedUpstream:
    config = replace(
        sim_config,
        ictergezocht_webhook_url=receiver[1] + "/hooks/applications",
        ictergezocht_webhook_key=HOOK_KEY,
    )
    return create_upstream(config)


@pytest.fixture
async def hooked(
    sim_config: SimConfig, hooked_bundle: SimulatedUpstream, receiver: tuple[Receiver, str]
) -> AsyncIterator[httpx.AsyncClient]:
    hooked_bundle.reset()
    receiver[0].status = 201
    receiver[0].received.clear()
    async with client_for(create_simulator_app(sim_config, upstreams=[hooked_bundle])) as client:
        yield client


def _demo_vacancy(dataset: Dataset) -> Vacancy:
    return next(v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id and v.applications)


async def _applications(client: httpx.AsyncClient, vacancy_id: int, key: str) -> int:
    offset = 0
    while True:
        body = (
            await client.get(BASE + "/vacancy/insight", headers=bearer(key), params={"offset": offset})
        ).json()
        for item in body["items"]:
            if item["vacancyId"] == vacancy_id:
                return int(item["applications"])
        offset += 50
        assert "next" in body["rel"], "vacancy not in insight"


async def test_full_application_posts_the_documented_payload(
    hooked: httpx.AsyncClient, receiver: tuple[Receiver, str], dataset: Dataset
) -> None:
    vacancy = _demo_vacancy(dataset)
    cv = base64.b64encode(b"%PDF-1.4 cv").decode()
    application = {
        "referenceNumber": vacancy.reference_number,
        "name": "Fatima el Amrani",
        "email": "fatima@example.com",
        "phone": "0612345678",
        "city": "Utrecht",
        "motivation": "Ik wil graag bij jullie werken.",
        "source": "Indeed",
        "campaign": "Najaar",
        "cv": cv,
        "filename": "cv.pdf",
        "linkedin": "https://linkedin.example/fatima",
    }
    response = await hooked.post("/_sim/applications", json=application)
    assert response.status_code == 201
    answer = response.json()
    assert answer["applications"] == vacancy.applications + 1
    assert answer["webhook"]["status"] == 201 and answer["webhook"]["response"] == {"id": 1}
    headers, payload = receiver[0].received[-1]
    assert headers["authorization"] == f"Bearer {HOOK_KEY}"
    assert headers["content-type"] == "application/json"
    assert payload == application
    assert (
        await _applications(hooked, vacancy.vacancy_id, "demo-ictergezocht-key") == vacancy.applications + 1
    )


async def test_minimal_application_fills_source_campaign_and_nulls(
    hooked: httpx.AsyncClient, receiver: tuple[Receiver, str], dataset: Dataset
) -> None:
    vacancy = next(v for v in dataset.vacancies if v.account_id == OTHER_ACCOUNT.account_id)
    body = {
        "referenceNumber": vacancy.reference_number,
        "name": "Jan",
        "email": "jan@example.nl",
        "apiKey": OTHER_KEY,
    }
    response = await hooked.post("/_sim/applications", json=body)
    assert response.status_code == 201 and response.json()["vacancyId"] == vacancy.vacancy_id
    assert receiver[0].received[-1][1] == {
        "referenceNumber": vacancy.reference_number,
        "name": "Jan",
        "email": "jan@example.nl",
        "phone": None,
        "city": None,
        "motivation": None,
        "source": "ICTerGezocht.nl",
        "campaign": vacancy.campaign,
    }
    assert await _applications(hooked, vacancy.vacancy_id, OTHER_KEY) == vacancy.applications + 1


async def test_webhook_refusal_is_reported_and_the_application_still_counts(
    hooked: httpx.AsyncClient, receiver: tuple[Receiver, str], dataset: Dataset
) -> None:
    receiver[0].status = 400
    vacancy = _demo_vacancy(dataset)
    body = {"referenceNumber": vacancy.reference_number, "name": "Piet", "email": "piet@example.nl"}
    answer = (await hooked.post("/_sim/applications", json=body)).json()
    assert answer["webhook"]["status"] == 400
    assert answer["webhook"]["response"] == {"error": "motivation is verplicht"}
    assert answer["applications"] == vacancy.applications + 1


async def test_unreachable_webhook_is_reported(sim_config: SimConfig, dataset: Dataset) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        port = free_port()
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    config = replace(sim_config, ictergezocht_webhook_url=f"http://127.0.0.1:{port}/hook")
    vacancy = _demo_vacancy(dataset)
    async with client_for(create_simulator_app(config, upstreams=[create_upstream(config)])) as client:
        body = {"referenceNumber": vacancy.reference_number, "name": "Piet", "email": "piet@example.nl"}
        response = await client.post("/_sim/applications", json=body)
    assert response.status_code == 201
    webhook = response.json()["webhook"]
    assert webhook["status"] is None and "ConnectError" in webhook["error"]


async def test_without_a_webhook_url_the_application_is_only_counted(
    client: httpx.AsyncClient, call: Call, dataset: Dataset
) -> None:
    vacancy = _demo_vacancy(dataset)
    body = {"referenceNumber": vacancy.reference_number, "name": "Piet", "email": "piet@example.nl"}
    answer = (await client.post("/_sim/applications", json=body)).json()
    assert answer["webhook"] is None and answer["applications"] == vacancy.applications + 1


@pytest.mark.parametrize(
    ("body", "status", "label", "path"),
    [
        ({}, 400, "required", "referenceNumber"),
        ({"referenceNumber": "{ref}", "email": "a@b.nl"}, 400, "required", "name"),
        ({"referenceNumber": "{ref}", "name": "A", "email": "geen-adres"}, 400, "email", "email"),
        (
            {"referenceNumber": "{ref}", "name": "A", "email": "a@b.nl", "cv": "niet base64!"},
            400,
            "base64",
            "cv",
        ),
        ({"referenceNumber": "{ref}", "name": "A" * 256, "email": "a@b.nl"}, 400, "max", "name"),
        ({"referenceNumber": "{ref}", "name": 5, "email": "a@b.nl"}, 400, "string", "name"),
        (
            {"referenceNumber": "ONBEKEND", "name": "A", "email": "a@b.nl"},
            404,
            "not_found",
            "referenceNumber",
        ),
        (
            {"referenceNumber": "{ref}", "name": "A", "email": "a@b.nl", "apiKey": "nope"},
            400,
            "unauthorized",
            "apiKey",
        ),
        (
            {"referenceNumber": "{ref}", "name": "A", "email": "a@b.nl", "apiKey": OTHER_KEY},
            404,
            "not_found",
            "referenceNumber",
        ),
        ([1, 2], 400, "object", ""),
    ],
)
async def test_bad_application_requests(
    client: httpx.AsyncClient, dataset: Dataset, body: Any, status: int, label: str, path: str
) -> None:
    if isinstance(body, dict) and body.get("referenceNumber") == "{ref}":
        body = {**body, "referenceNumber": _demo_vacancy(dataset).reference_number}
    assert_error(await client.post("/_sim/applications", json=body), status, label, path)


async def test_invalid_json_is_400(client: httpx.AsyncClient) -> None:
    assert_error(await client.post("/_sim/applications", content=b"{nope"), 400, "invalid_json", "")
