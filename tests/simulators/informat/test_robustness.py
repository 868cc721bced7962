"""Junk input never gets a 500; faults, call counts, reset, determinism, sizes; one run over real HTTP."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.applications import Starlette

from simulators.config import SimConfig
from simulators.informat import create_upstream
from simulators.informat.dataset import Dataset, build_dataset
from simulators.server import create_simulator_app
from simulators.upstream import SimulatedUpstream
from tests.simulators.informat.support import CURRENT, DEMO, GENT, HASSELT, MECHELEN, Api
from tests.support.clients import asgi_client
from tests.support.servers import serve_in_thread

ENDPOINTS = [
    ("GET", "/employees"),
    ("GET", "/employees/assignments"),
    ("GET", "/employees/interruptions"),
    ("GET", "/employees/diplomas"),
    ("GET", "/employees/appointments"),
    ("GET", "/employees/photos"),
    ("GET", "/employees/ownfields"),
    ("GET", "/employees/{p}"),
    ("GET", "/employees/{p}/assignments"),
    ("GET", "/employees/{p}/interruptions"),
    ("GET", "/employees/{p}/diplomas"),
    ("GET", "/employees/{p}/appointments"),
    ("GET", "/employees/{p}/photos"),
    ("GET", "/employees/{p}/ownfields"),
    ("PUT", "/employees/{p}/interruptions/{i}"),
    ("DELETE", "/employees/interruptions/{i}"),
    ("PUT", "/employees/interruptions/{i}/attachments/{a}"),
    ("DELETE", "/employees/interruptions/{i}/attachments/{a}"),
    ("PUT", "/employees/{p}/communication-number"),
    ("DELETE", "/employees/{p}/communication-number/{a}"),
]
PARAMS = ("schoolyear", "schoolYear", "structure", "inclNonSubHours", "changedSince")
BODY_KEYS = (
    "instelnr",
    "Schooljaar",
    "hfd",
    "code",
    "begindatum",
    "einddatum",
    "opmerking",
    "afzender",
    "geverifieerd",
    "filename",
    "file",
    "soort",
    "type",
    "nummer",
    "id",
)
ascii_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
json_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@pytest.fixture(scope="module")
def sync_client(
    sim_app: Starlette, informat: SimulatedUpstream
) -> Iterator[tuple[Callable[..., httpx.Response], dict[str, str]]]:
    """Hypothesis drives a sync test; requests run on a private event loop against the in-process app."""
    informat.reset()
    loop = asyncio.new_event_loop()
    client = asgi_client(sim_app)

    def request(*args: Any, **kwargs: Any) -> httpx.Response:
        return loop.run_until_complete(client.request(*args, **kwargs))

    form = {"grant_type": "client_credentials", "client_id": DEMO[0], "client_secret": DEMO[1]}
    token = request("POST", "/identity/connect/token", data=form).json()["access_token"]
    yield request, {"Authorization": f"Bearer {token}"}
    loop.run_until_complete(client.aclose())
    loop.close()
    informat.reset()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    endpoint=st.sampled_from(ENDPOINTS),
    ids=st.lists(
        st.one_of(st.uuids().map(str), ascii_text.filter(lambda s: s.strip() != "")), min_size=3, max_size=3
    ),
    params=st.dictionaries(
        st.sampled_from(PARAMS),
        st.one_of(
            ascii_text,
            st.sampled_from([CURRENT, "2024", "311"]),
            st.from_regex(r"\d{4}(-\d{2})?", fullmatch=True),
        ),
    ),
    institute=st.one_of(st.sampled_from([HASSELT, MECHELEN, GENT, "", "126425"]), ascii_text),
    version=st.one_of(st.none(), st.sampled_from(["1", "2"]), ascii_text),
    body=st.one_of(st.dictionaries(st.sampled_from(BODY_KEYS), json_values, max_size=8), json_values),
)
def test_junk_never_gets_a_server_error(
    sync_client: tuple[Callable[..., httpx.Response], dict[str, str]],
    endpoint: tuple[str, str],
    ids: list[str],
    params: dict[str, str],
    institute: str,
    version: str | None,
    body: Any,
) -> None:
    request, auth = sync_client
    method, template = endpoint
    person, interruption, other = (quote(value, safe="") for value in ids)
    path = "/informat" + template.format(p=person, i=interruption, a=other)
    headers = {**auth, "InstituteNo": institute}
    if version is not None:
        headers["Api-Version"] = version
    response = request(method, path, params=params, headers=headers, json=body if method == "PUT" else None)
    assert response.status_code < 500, (method, path, params, response.text)
    if response.content and "json" in response.headers.get("content-type", ""):
        response.json()


async def test_status_faults_answer_in_the_upstream_way(api: Api) -> None:
    await api.http.put("/_sim/faults", json={"upstream": "informat", "status": 503})
    response = await api.get("/employees", schoolyear=CURRENT)
    assert response.status_code == 503 and response.content == b""
    await api.http.put("/_sim/faults", json={"upstream": "informat", "status": 429})
    response = await api.get("/employees", schoolyear=CURRENT)
    assert response.status_code == 429 and response.headers["retry-after"] == "1"
    await api.http.put("/_sim/faults", json={"upstream": "informat", "status": 401})
    assert (await api.get("/employees", schoolyear=CURRENT)).headers["www-authenticate"] == "Bearer"
    await api.http.put("/_sim/faults", json={"upstream": "identity", "status": 400})
    response = await api.http.post("/identity/connect/token", data={"grant_type": "client_credentials"})
    assert response.status_code == 400 and response.json() == {"error": "invalid_request"}
    await api.http.delete("/_sim/faults")
    assert (await api.get("/employees", schoolyear=CURRENT)).status_code == 200


async def test_calls_are_counted_per_documented_template(api: Api, dataset: Dataset) -> None:
    await api.http.delete("/_sim/calls")
    person = dataset.staff[HASSELT][0].person_id
    await api.get(f"/employees/{person}/assignments", schoolyear=CURRENT)
    await api.get("/employees/assignments", schoolyear=CURRENT)
    await api.get("/Employees/OwnFields", schoolyear=CURRENT, structure="311")
    await api.get("/employees/ownfields", schoolyear=CURRENT, structure="311")
    calls = (await api.http.get("/_sim/calls")).json()
    assert calls["informat"]["endpoints"] == {
        "GET /employees/{personId}/assignments": 1,
        "GET /employees/assignments": 1,
        "GET /employees/ownfields": 2,
    }


def python_calls(action: Callable[[], None]) -> Counter[Path]:
    """The Python function calls ``action`` makes, by source file: a count, not a stopwatch."""
    calls: Counter[Path] = Counter()

    def profile(frame: FrameType, event: str, arg: object) -> None:
        if event == "call":
            calls[Path(frame.f_code.co_filename)] += 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(previous)
    return calls


def test_reset_is_cheap(informat: SimulatedUpstream, dataset: Dataset) -> None:
    """Reset copies the writable rows back from the pristine set (a few calls per row, where a
    rebuild of the data set makes hundreds of thousands) and never runs a generator."""
    calls = python_calls(informat.reset)
    generators = {"dataset.py", "staffing.py", "assignments.py", "absences.py", "memberships.py"}
    generators |= {"personalia.py", "extras.py"}
    assert not [path for path in calls if path.parent.name == "informat" and path.name in generators]
    rows = len(dataset.interruptions) + sum(len(numbers) + 1 for numbers in dataset.comnrs.values())
    assert sum(calls.values()) <= 4 * rows


def test_data_is_deterministic_and_seed_dependent(informat_config: SimConfig, dataset: Dataset) -> None:
    again = build_dataset(informat_config)
    sample = sorted(dataset.employees)[:25]
    assert [again.employees[p].base for p in sample] == [dataset.employees[p].base for p in sample]
    assert [i.json for i in again.interruptions] == [i.json for i in dataset.interruptions]
    other = build_dataset(replace(informat_config, seed=informat_config.seed + 1))
    assert set(other.employees) != set(dataset.employees)


def test_data_sizes(dataset: Dataset) -> None:
    assert len(dataset.employees) >= 500 and len(dataset.staff) >= 4
    assert {year for _, year in dataset.assignments_by_year} == {2024, 2025, 2026}
    assert sum(len(rows) for rows in dataset.assignments_by_year.values()) >= 2000
    assert {i.school_year for i in dataset.interruptions} == {2024, 2025, 2026}
    assert {i.code for i in dataset.interruptions} == {"1", "19", "45", "144", "900"}
    assert all(dataset.diplomas.values()) and len(dataset.photos) > 400


def test_over_real_http(informat_config: SimConfig) -> None:
    app = create_simulator_app(informat_config, upstreams=[create_upstream(informat_config)])
    with serve_in_thread(app) as base_url, httpx.Client(base_url=base_url) as client:
        form = {"grant_type": "client_credentials", "client_id": DEMO[0], "client_secret": DEMO[1]}
        token = client.post("/identity/connect/token", data=form).json()["access_token"]
        headers = {"Authorization": f"BEARER {token}", "InstituteNo": MECHELEN, "Api-Version": "2"}
        response = client.get(
            "/informat/employees/assignments", params={"schoolyear": CURRENT}, headers=headers
        )
        assert response.status_code == 200 and len(response.json()) > 100
        assert response.headers["content-type"] == "application/json; charset=utf-8"
