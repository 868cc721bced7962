"""Automatic persisted queries over POST and GET, as Apollo Client sends them, and their answers'
caching headers (gateway.documents.persisted, gateway.documents.caching)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from gateway.demo import demo_settings
from gateway.documents.manifest import sha256_hex
from gateway.settings import Settings, TrustedDocuments
from tests.support.stack import ALICE, InProcess, in_process_gateway

EMPLOYERS = "query Employers { employers { totalCount nodes { companyName } } }"
EMPLOYERS_HASH = sha256_hex(EMPLOYERS)
ALICE_EMPLOYERS = {"Stichting Voortgezet Onderwijs Rijnmond", "Van der Meer Logistiek B.V."}
GRAPHQL_RESPONSE = {"Accept": "application/graphql-response+json"}
# Apollo Client 3's HttpLink: Accept */*, the hash in extensions, GET for hashed queries
APOLLO = {**ALICE, "Accept": "*/*"}


def persisted(sha256: str) -> dict[str, Any]:
    return {"persistedQuery": {"version": 1, "sha256Hash": sha256}}


def get_params(sha256: str, operation_name: str | None = "Employers") -> dict[str, str]:
    """The query string of Apollo Client's ``useGETForHashedQueries`` request."""
    params = {"variables": "{}", "extensions": json.dumps(persisted(sha256), separators=(",", ":"))}
    return params if operation_name is None else {"operationName": operation_name, **params}


def names(answer: httpx.Response) -> set[str]:
    return {node["companyName"] for node in answer.json()["data"]["employers"]["nodes"]}


def codes(answer: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in answer.json().get("errors", [])]


@pytest.fixture
async def cached_get(simulator_app: Starlette) -> AsyncIterator[InProcess]:
    """The gateway letting browsers keep successful GET answers for 30 s."""
    settings = demo_settings("http://sim")
    settings = dataclasses.replace(settings, trusted_documents=TrustedDocuments(get_max_age=30))
    async with in_process_gateway(simulator_app, settings=settings) as stack:
        yield stack


async def test_apq_over_post_not_found_then_registered_then_found(stack: InProcess) -> None:
    missing = await stack.gateway.post(
        "/graphql", json={"extensions": persisted(EMPLOYERS_HASH)}, headers=ALICE
    )
    assert missing.status_code == 200 and "data" not in missing.json()
    assert missing.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert codes(missing) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert (await stack.calls())["total"] == 0

    registered = await stack.gateway.post(
        "/graphql", json={"query": EMPLOYERS, "extensions": persisted(EMPLOYERS_HASH)}, headers=ALICE
    )
    assert registered.status_code == 200 and names(registered) == ALICE_EMPLOYERS

    found = await stack.gateway.post(
        "/graphql", json={"extensions": persisted(EMPLOYERS_HASH)}, headers=ALICE
    )
    assert found.status_code == 200 and names(found) == ALICE_EMPLOYERS
    assert (await stack.calls())["loket"]["endpoints"] == {"GET /v2/providers/employers": 2}


async def test_apollo_client_sequence_get_miss_post_register_get_hit(stack: InProcess) -> None:
    """What Apollo Client's persisted-query link does with ``useGETForHashedQueries``: the hash by
    GET; on PersistedQueryNotFound the text and hash by POST; later the hash by GET again."""
    first = await stack.gateway.get("/graphql", params=get_params(EMPLOYERS_HASH), headers=APOLLO)
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/json")
    assert codes(first) == ["PERSISTED_QUERY_NOT_FOUND"]  # not the GraphiQL page, though Accept is */*
    assert first.headers["cache-control"] == "no-store"

    retry = await stack.gateway.post(
        "/graphql",
        json={
            "operationName": "Employers",
            "variables": {},
            "query": EMPLOYERS,
            "extensions": persisted(EMPLOYERS_HASH),
        },
        headers=APOLLO,
    )
    assert names(retry) == ALICE_EMPLOYERS and "cache-control" not in retry.headers

    again = await stack.gateway.get("/graphql", params=get_params(EMPLOYERS_HASH), headers=APOLLO)
    assert again.status_code == 200 and names(again) == ALICE_EMPLOYERS
    assert again.headers["cache-control"] == "no-store"  # every answer depends on the caller
    vary = {name.strip().lower() for name in again.headers["vary"].split(",")}
    assert {"authorization", "x-loket-authorization", "x-staffgraph-authorization", "accept"} <= vary


async def test_not_found_is_404_to_graphql_response_json_clients(stack: InProcess) -> None:
    answer = await stack.gateway.get("/graphql", params=get_params(EMPLOYERS_HASH), headers=GRAPHQL_RESPONSE)
    assert answer.status_code == 404 and codes(answer) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert answer.headers["content-type"].startswith("application/graphql-response+json")


async def test_a_hash_that_is_not_the_querys_is_refused_and_nothing_is_stored(stack: InProcess) -> None:
    other = sha256_hex("{ __typename }")
    mismatch = await stack.gateway.post(
        "/graphql", json={"query": EMPLOYERS, "extensions": persisted(other)}, headers=ALICE
    )
    assert mismatch.status_code == 400 and codes(mismatch) == ["PERSISTED_QUERY_HASH_MISMATCH"]
    assert "does not match" in mismatch.json()["errors"][0]["message"]
    lookup = await stack.gateway.post("/graphql", json={"extensions": persisted(other)}, headers=ALICE)
    assert codes(lookup) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert (await stack.calls())["total"] == 0


@pytest.mark.parametrize(
    ("extension", "code"),
    [
        ({"version": 1, "sha256Hash": "abc"}, "BAD_REQUEST"),
        ({"version": 1, "sha256Hash": "g" * 64}, "BAD_REQUEST"),
        ({"version": 2, "sha256Hash": EMPLOYERS_HASH}, "PERSISTED_QUERY_VERSION_NOT_SUPPORTED"),
        ("not an object", "BAD_REQUEST"),
    ],
)
async def test_malformed_persisted_query_extensions_are_refused(
    stack: InProcess, extension: object, code: str
) -> None:
    answer = await stack.gateway.post(
        "/graphql", json={"extensions": {"persistedQuery": extension}}, headers=ALICE
    )
    assert answer.status_code == 400 and codes(answer) == [code]


async def test_a_mutation_named_by_hash_is_still_refused_over_get(stack: InProcess) -> None:
    mutation = "mutation { __typename }"
    posted = await stack.gateway.post(
        "/graphql", json={"query": mutation, "extensions": persisted(sha256_hex(mutation))}, headers=ALICE
    )
    assert posted.json() == {"data": {"__typename": "Mutation"}}
    answer = await stack.gateway.get("/graphql", params=get_params(sha256_hex(mutation), None), headers=ALICE)
    assert answer.status_code == 405 and answer.headers["allow"] == "POST"
    assert answer.headers["cache-control"] == "no-store"


async def test_document_id_sha256_names_a_registered_document(stack: InProcess) -> None:
    await stack.gateway.post(
        "/graphql", json={"query": EMPLOYERS, "extensions": persisted(EMPLOYERS_HASH)}, headers=ALICE
    )
    answer = await stack.gateway.post(
        "/graphql", json={"documentId": f"sha256:{EMPLOYERS_HASH}"}, headers=ALICE
    )
    assert names(answer) == ALICE_EMPLOYERS
    both = await stack.gateway.post(
        "/graphql", json={"documentId": f"sha256:{EMPLOYERS_HASH}", "query": EMPLOYERS}, headers=ALICE
    )
    assert both.status_code == 400


async def test_a_document_over_the_size_bound_runs_but_is_not_stored(simulator_app: Starlette) -> None:
    settings = dataclasses.replace(
        demo_settings("http://sim"), trusted_documents=TrustedDocuments(max_document_bytes=len(EMPLOYERS) - 1)
    )
    async with in_process_gateway(simulator_app, settings=settings) as stack:
        body = {"query": EMPLOYERS, "extensions": persisted(EMPLOYERS_HASH)}
        ran = await stack.gateway.post("/graphql", json=body, headers=ALICE)
        assert names(ran) == ALICE_EMPLOYERS
        lookup = await stack.gateway.post(
            "/graphql", json={"extensions": persisted(EMPLOYERS_HASH)}, headers=ALICE
        )
        assert codes(lookup) == ["PERSISTED_QUERY_NOT_FOUND"]


async def test_get_max_age_lets_the_browser_keep_only_successful_answers(cached_get: InProcess) -> None:
    ok = await cached_get.gateway.get("/graphql", params={"query": EMPLOYERS}, headers=ALICE)
    assert names(ok) == ALICE_EMPLOYERS and ok.headers["cache-control"] == "private, max-age=30"
    refused = await cached_get.gateway.get("/graphql", params={"query": EMPLOYERS})  # no Loket token
    assert codes(refused) == ["UNAUTHENTICATED"] and refused.headers["cache-control"] == "no-store"
    missing = await cached_get.gateway.get("/graphql", params=get_params(EMPLOYERS_HASH), headers=ALICE)
    assert missing.headers["cache-control"] == "no-store"


def test_settings_read_the_trusted_documents_variables() -> None:
    settings = Settings.from_env(
        {
            "STAFFGRAPH_TRUSTED_DOCUMENTS": "only",
            "STAFFGRAPH_TRUSTED_DOCUMENTS_FILE": "/etc/staffgraph/documents.json",
            "STAFFGRAPH_APQ_MAX_ENTRIES": "50",
            "STAFFGRAPH_GET_MAX_AGE": "0",
        }
    )
    assert settings.trusted_documents == TrustedDocuments(
        mode="only", file="/etc/staffgraph/documents.json", apq_max_entries=50
    )
    assert Settings.from_env({}).trusted_documents == TrustedDocuments()
