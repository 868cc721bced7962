"""The simulator over a real loopback socket, as the gateway will reach it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import orjson
import pytest
from starlette.applications import Starlette

from tests.support.servers import serve_in_thread


@pytest.fixture(scope="module")
def base_url(app: Starlette) -> Iterator[str]:
    with serve_in_thread(app) as url:
        yield url


def test_relational_filter_fields_and_meta_over_http(base_url: str, rows: dict, by_id: dict) -> None:
    rule = {"educational_institutions": {"educational_institutions_id": {"type": {"_eq": "mbo"}}}}
    params = {
        "filter": orjson.dumps(rule).decode(),
        "fields": "id,title,educational_institutions.educational_institutions_id.title",
        "meta": "total_count,filter_count",
        "limit": -1,
    }
    with httpx.Client(
        base_url=f"{base_url}/onderwijsloket", headers={"Authorization": "Bearer demo-onderwijsloket-token"}
    ) as http:
        response = http.get("/items/programs", params=params)
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/json; charset=utf-8"
        body = response.json()
        mbo = {
            link["programs_id"]
            for link in rows["educational_institutions_programs"]
            if by_id["educational_institutions"][link["educational_institutions_id"]]["type"] == "mbo"
        }
        assert {item["id"] for item in body["data"]} == mbo
        assert body["meta"] == {"total_count": len(rows["programs"]), "filter_count": len(mbo)}
        assert all(
            item["educational_institutions"][0]["educational_institutions_id"]["title"]
            for item in body["data"]
        )
        assert http.get("/items/programs", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert http.get("/server/ping").text == "pong"
