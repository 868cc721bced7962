"""Helpers shared by the ICTerGezocht simulator tests (fixtures live in ``conftest``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import httpx
from starlette.applications import Starlette

from tests.support.clients import asgi_client

BASE = "/ictergezocht"

Call = Callable[..., Awaitable[httpx.Response]]


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def client_for(app: Starlette) -> httpx.AsyncClient:
    return asgi_client(app)


def assert_error(response: httpx.Response, status: int, label: str, path: str | None = None) -> None:
    """The documented error body: a non-empty ``errors`` list of {error, label, path} strings."""
    assert response.status_code == status, response.text
    errors = response.json()["errors"]
    assert errors and all(set(item) == {"error", "label", "path"} for item in errors)
    assert all(isinstance(value, str) for item in errors for value in item.values())
    assert any(item["label"] == label and (path is None or item["path"] == path) for item in errors), errors
