"""``STAFFGRAPH_TRUSTED_DOCUMENTS=only``: a manifest written by ``staffgraph documents add`` is all
that runs, by text, hash or id; anything else is refused before any upstream call."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from typer.testing import CliRunner

from gateway.app import create_app
from gateway.cli import app as cli
from gateway.demo import demo_settings
from gateway.documents.manifest import ManifestError, read_manifest, sha256_hex
from gateway.settings import Settings, TrustedDocuments
from tests.support.stack import ALICE, InProcess, in_process_gateway

EMPLOYERS = "query Employers { employers { totalCount nodes { companyName } } }"
UNLISTED = "query Cities { employers { nodes { city } } }"
ALICE_EMPLOYERS = {"Stichting Voortgezet Onderwijs Rijnmond", "Van der Meer Logistiek B.V."}


def only(manifest: Path) -> Settings:
    return dataclasses.replace(
        demo_settings("http://sim"), trusted_documents=TrustedDocuments(mode="only", file=str(manifest))
    )


def codes(answer: httpx.Response) -> list[str]:
    return [error["extensions"]["code"] for error in answer.json().get("errors", [])]


def names(answer: httpx.Response) -> set[str]:
    return {node["companyName"] for node in answer.json()["data"]["employers"]["nodes"]}


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    """The manifest ``staffgraph documents add`` writes for one file holding EMPLOYERS."""
    source, path = tmp_path / "employers.graphql", tmp_path / "trusted-documents.json"
    source.write_text(f"# the employers screen\n{EMPLOYERS}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["documents", "add", str(source), "--manifest", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
async def safelisted(simulator_app: Starlette, manifest: Path) -> AsyncIterator[InProcess]:
    async with in_process_gateway(simulator_app, settings=only(manifest)) as stack:
        yield stack


async def test_an_unlisted_query_is_refused_before_any_upstream_call(safelisted: InProcess) -> None:
    for body in (
        {"query": UNLISTED},
        {
            "query": UNLISTED,
            "extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(UNLISTED)}},
        },
        {"query": "{ __schema { types { name } } }"},
    ):
        answer = await safelisted.gateway.post("/graphql", json=body, headers=ALICE)
        assert answer.status_code == 403 and codes(answer) == ["PERSISTED_QUERY_NOT_IN_LIST"]
        assert "staffgraph documents add" in answer.json()["errors"][0]["message"]
    get = await safelisted.gateway.get("/graphql", params={"query": UNLISTED}, headers=ALICE)
    assert get.status_code == 403 and codes(get) == ["PERSISTED_QUERY_NOT_IN_LIST"]
    assert (await safelisted.calls())["total"] == 0


async def test_registering_is_refused_so_the_hash_stays_unknown(safelisted: InProcess) -> None:
    hashed = {"persistedQuery": {"version": 1, "sha256Hash": sha256_hex(UNLISTED)}}
    await safelisted.gateway.post("/graphql", json={"query": UNLISTED, "extensions": hashed}, headers=ALICE)
    answer = await safelisted.gateway.post("/graphql", json={"extensions": hashed}, headers=ALICE)
    assert codes(answer) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert (await safelisted.calls())["total"] == 0


async def test_a_listed_document_runs_by_text_hash_and_document_id(
    safelisted: InProcess, manifest: Path
) -> None:
    (document,) = read_manifest(manifest)
    assert document.body == EMPLOYERS and document.id == sha256_hex(EMPLOYERS)
    hashed = {"persistedQuery": {"version": 1, "sha256Hash": document.id}}
    for body in (
        {"query": EMPLOYERS},
        {"extensions": hashed},
        {"query": EMPLOYERS, "extensions": hashed},
        {"documentId": document.id},
        {"documentId": f"sha256:{document.id}"},
    ):
        answer = await safelisted.gateway.post("/graphql", json=body, headers=ALICE)
        assert answer.status_code == 200 and names(answer) == ALICE_EMPLOYERS, body
    by_get = await safelisted.gateway.get("/graphql", params={"documentId": document.id}, headers=ALICE)
    assert names(by_get) == ALICE_EMPLOYERS
    unknown = await safelisted.gateway.post("/graphql", json={"documentId": "nope"}, headers=ALICE)
    assert codes(unknown) == ["PERSISTED_QUERY_NOT_FOUND"]
    assert (await safelisted.calls())["loket"]["total"] == 6


async def test_a_hive_app_deployment_manifest_runs_by_its_ids(
    simulator_app: Starlette, tmp_path: Path
) -> None:
    manifest = tmp_path / "persisted-documents.json"
    manifest.write_text(json.dumps({"d9a00ec0c1ce": EMPLOYERS}), encoding="utf-8")
    async with in_process_gateway(simulator_app, settings=only(manifest)) as stack:
        for document_id in (
            "d9a00ec0c1ce",
            "staffgraph-web~1.4.0~d9a00ec0c1ce",
            f"sha256:{sha256_hex(EMPLOYERS)}",
        ):
            answer = await stack.gateway.post("/graphql", json={"documentId": document_id}, headers=ALICE)
            assert names(answer) == ALICE_EMPLOYERS, document_id
        refused = await stack.gateway.post("/graphql", json={"query": UNLISTED}, headers=ALICE)
        assert codes(refused) == ["PERSISTED_QUERY_NOT_IN_LIST"]


def test_only_without_a_readable_manifest_does_not_start(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match=r"STAFFGRAPH_TRUSTED_DOCUMENTS_FILE: .*missing\.json"):
        create_app(only(tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ManifestError, match="unknown manifest format"):
        create_app(only(broken))


def test_serve_names_the_manifest_it_cannot_read(tmp_path: Path) -> None:
    env = {
        "STAFFGRAPH_TRUSTED_DOCUMENTS": "only",
        "STAFFGRAPH_TRUSTED_DOCUMENTS_FILE": str(tmp_path / "gone.json"),
    }
    result = CliRunner().invoke(cli, ["serve", "--port", "1"], env=env)
    assert result.exit_code == 2
    assert "STAFFGRAPH_TRUSTED_DOCUMENTS_FILE" in result.output and "gone.json" in result.output
