"""Helpers shared by the Informat simulator tests (fixtures live in conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

DEMO = ("staffgraph-demo", "demo-secret")
OTHER = ("staffgraph-other", "other-secret")
SCOPE = "api_informat_sas_personeel.personeel."
HASSELT, MECHELEN, GENT, BRUGGE = "032912", "047225", "119537", "126425"  # Brugge: not for the demo client
CURRENT, PREVIOUS, OLDEST, NEXT = (
    "2026-27",
    "2025-26",
    "2024-25",
    "2027-28",
)  # around tests/conftest.SIM_TODAY


@dataclass
class Api:
    """A client holding a demo token for all its schools, with helpers to build Informat requests."""

    http: httpx.AsyncClient
    token: str

    def headers(
        self, institute: str = HASSELT, version: str | None = "2", token: str | None = None
    ) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {token or self.token}", "InstituteNo": institute}
        if version is not None:
            headers["Api-Version"] = version
        return headers

    async def get(
        self, path: str, institute: str = HASSELT, version: str | None = "2", **params: Any
    ) -> httpx.Response:
        return await self.http.get(
            f"/informat{path}", params=params, headers=self.headers(institute, version)
        )

    async def put(self, path: str, body: Any, institute: str = HASSELT) -> httpx.Response:
        return await self.http.put(f"/informat{path}", json=body, headers=self.headers(institute))

    async def delete(self, path: str, institute: str = HASSELT) -> httpx.Response:
        return await self.http.delete(f"/informat{path}", headers=self.headers(institute))


async def fetch_token(
    http: httpx.AsyncClient, client: tuple[str, str] = DEMO, scope: str | None = None
) -> str:
    form = {"grant_type": "client_credentials", "client_id": client[0], "client_secret": client[1]}
    if scope is not None:
        form["scope"] = scope
    response = await http.post("/identity/connect/token", data=form)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def rows(response: httpx.Response) -> list[Any]:
    """A list call's rows, read as a client must: 404 with an empty body is a list with none
    (the document's "no data in the response set"), never an error."""
    if response.status_code == 404 and response.content == b"":
        return []
    assert response.status_code == 200, response.text
    body = response.json()
    assert isinstance(body, list) and body, body  # an empty list is never sent as 200 []
    return body


def codes(response: httpx.Response) -> list[str]:
    """The BR/MNA codes of an error body, in order."""
    return [entry["Code"] for entry in response.json()["errors"]]
