"""The Loket simulator over a real loopback socket: token, lists, call counts and a fault."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette

from simulators.loket.store import LoketStore
from tests.simulators.loket.support import API, Employers
from tests.support.servers import serve_in_thread


@pytest.fixture(scope="module")
def base_url(sim_app: Starlette) -> Iterator[str]:
    with serve_in_thread(sim_app) as url:
        yield url


@pytest.mark.usefixtures("fresh")
def test_a_client_signs_in_pages_through_employees_and_is_counted(
    base_url: str, store: LoketStore, employers: Employers
) -> None:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        client.delete("/_sim/calls")
        form = {
            "grant_type": "password",
            "username": "alice",
            "password": "alice-demo",
            "client_id": "staffgraph-demo",
            "client_secret": "demo-secret",
        }
        token = client.post("/loket/token", data=form).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json;version=2018-12-31"}
        employer = employers.alice[1]
        seen: list[str] = []
        page = 1
        while True:
            response = client.get(
                f"{API}/{employer}/employees", params={"pageSize": 120, "pageNumber": page}, headers=headers
            )
            assert response.status_code == 200
            assert response.headers["content-type"] == "application/json;version=2018-12-31"
            body = response.json()
            seen.extend(row["id"] for row in body["_embedded"])
            if page == body["totalPages"]:
                break
            page += 1
        assert seen == store.data.employees.children[employer]
        calls = client.get("/_sim/calls").json()["loket"]["endpoints"]
        assert calls == {"POST /token": 1, "GET /v2/providers/employers/{employerId}/employees": page}
        client.put("/_sim/faults", json={"upstream": "loket", "status": 503})
        try:
            failed = client.get(f"{API}/{employer}/employees", headers=headers)
            assert failed.status_code == 503 and failed.content == b""
        finally:
            client.delete("/_sim/faults")
