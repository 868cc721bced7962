"""Junk in every parameter of every list endpoint, and in every write body, gets the
API's own 400 (or a normal answer), never a 500."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulators.config import SimConfig
from simulators.ictergezocht import RateLimits, create_upstream
from simulators.ictergezocht.accounts import DEMO_ACCOUNT, DEMO_KEY
from simulators.ictergezocht.data import Dataset
from simulators.server import create_simulator_app
from tests.simulators.ictergezocht.support import BASE, bearer, client_for

LIST_ENDPOINTS = ("/vacancy/insight", "/click", "/company/type", "/company/user/function")
PARAMETERS = ("offset", "limit", "startDate", "endDate", "referenceNumber", "unknown")
NASTY = (
    "",
    " ",
    "-0",
    "+",
    "1e9",
    "NaN",
    "Infinity",
    "null",
    "[]",
    "２",
    "\x00",
    "9" * 400,
    "-" + "9" * 30,
    "2026-02-29",
    "9999-12-31T23:59:59.999999-12:00",
    "0001-01-01T00:00:00+14:00",
    "2026-W48-2",
    "2026-11-24T10:00:00+25:00",
    "2026-11-24 10:00",
    "%",
    "../../etc/passwd",
)
JUNK = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.integers().map(str))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
FIELDS = (
    "referenceNumber",
    "title",
    "description",
    "location",
    "countryCode",
    "autoDeleteDate",
    "company",
    "companyUser",
    "customFields",
    "atsId",
)
# printable ASCII and Latin beyond it, without "?" and "#" (they end a path) and the C1 controls
PATH_CHARACTERS = st.characters(
    min_codepoint=0x21,
    max_codepoint=0x2FF,
    exclude_characters="?#\x7f" + "".join(map(chr, range(0x80, 0xA0))),
)
PAYLOADS = st.one_of(
    JSON_VALUES,
    st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=len(FIELDS)),
)


@pytest.fixture(scope="module")
def unlimited_app(sim_config: SimConfig) -> Any:
    bundle = create_upstream(sim_config, limits=RateLimits(per_account=None, per_ip=None))
    return create_simulator_app(sim_config, upstreams=[bundle])


def _send(app: Any, method: str, path: str, **kwargs: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        async with client_for(app) as client:
            headers = {**bearer(DEMO_KEY), **kwargs.pop("headers", {})}
            return await client.request(method, BASE + path, headers=headers, **kwargs)

    return asyncio.run(go())


def _assert_own_answer(response: httpx.Response, ok: set[int]) -> None:
    assert response.status_code in ok | {400}, response.text
    if response.status_code == 400:
        errors = response.json()["errors"]
        assert errors and all(item.keys() == {"error", "label", "path"} for item in errors)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    endpoint=st.sampled_from(LIST_ENDPOINTS),
    params=st.lists(st.tuples(st.sampled_from(PARAMETERS), JUNK), min_size=1, max_size=4),
)
def test_junk_query_parameters_never_cause_a_server_error(
    unlimited_app: Any, endpoint: str, params: list[tuple[str, str]]
) -> None:
    response = _send(unlimited_app, "GET", endpoint, params=params)
    _assert_own_answer(response, {200})
    if response.status_code == 400:
        assert {item["path"] for item in response.json()["errors"]} <= set(PARAMETERS)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(method=st.sampled_from(["POST", "PUT"]), payload=PAYLOADS)
def test_junk_vacancy_payloads_never_cause_a_server_error(
    unlimited_app: Any, dataset: Dataset, method: str, payload: Any
) -> None:
    own = next(v for v in dataset.vacancies if v.account_id == DEMO_ACCOUNT.account_id)
    path = "/vacancy" if method == "POST" else f"/vacancy/{own.vacancy_id}"
    response = _send(
        unlimited_app,
        method,
        path,
        content=json.dumps(payload),
        headers={"Content-Type": "application/json"},
    )
    _assert_own_answer(response, {200, 201})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(alphabet=PATH_CHARACTERS, max_size=30))
def test_junk_paths_are_404_with_the_error_body(unlimited_app: Any, path: str) -> None:
    response = _send(unlimited_app, "GET", "/junk/" + path)
    assert response.status_code == 404
    assert response.json()["errors"][0]["label"] == "not_found"
