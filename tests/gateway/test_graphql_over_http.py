# ruff: noqa: E501  (the audit table keeps one audit per row, titles verbatim)
"""GraphQL over HTTP: the graphql-http server audits, ported, and the status codes beyond them.

``AUDITS`` is ``serverAudits`` of graphql/graphql-http ``src/audits/server.ts`` (commit
08b4ed2, October 2025), one row per audit with its id in the test id: the request it
sends and what it asserts. All 61 audits are here and none is skipped. The gateway runs
in-process with its default settings (introspection on, as the audits query ``__type``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.support.stack import ALICE, InProcess

GQL = "application/graphql-response+json"
JSON = "application/json"
TYPENAME = {"query": "{ __typename }"}
TYPE_QUERY = {
    "query": "query Type($name: String!) { __type(name: $name) { name } }",
    "variables": {"name": "sometype"},
}


@dataclass(frozen=True)
class Audit:
    id: str
    title: str
    method: str = "POST"
    headers: dict[str, str] = field(default_factory=lambda: {"content-type": JSON})
    body: Any = None  # JSON-encoded unless bytes/None
    params: dict[str, str] | None = None  # GET query string
    status: int | tuple[int, int] | None = 200  # exact, or an inclusive range
    content_type: str | None = None
    no_errors: bool = False  # bodyAsExecutionResult.notToHaveProperty('errors')
    no_data: bool = False  # bodyAsExecutionResult.data toBe undefined
    utf8: bool = False


def _post(accept: str | None, body: Any, **kw: Any) -> dict[str, Any]:
    headers = {"content-type": JSON} if accept is None else {"content-type": JSON, "accept": accept}
    return {"headers": headers, "body": body, **kw}


_BAD = [("object", {"obj": "ect"}), ("number", 0), ("boolean", False), ("array", ["array"])]
_BAD_VARIABLES = [("string", "string"), ("number", 0), ("boolean", False), ("array", ["array"])]

AUDITS: list[Audit] = [
    # Media types
    Audit("22EB", "SHOULD accept application/graphql-response+json and match the content-type",
          **_post(GQL, TYPENAME, content_type=GQL)),
    Audit("4655", "MUST accept application/json and match the content-type", **_post(JSON, TYPENAME, content_type=JSON)),
    Audit("47DE", "SHOULD accept */* and use application/json for the content-type",
          **_post("*/*", TYPENAME, content_type=JSON)),
    Audit("80D8", "SHOULD assume application/json content-type when accept is missing",
          **_post(None, TYPENAME, content_type=JSON)),
    Audit("82A3", "MUST use utf-8 encoding when responding", **_post(None, TYPENAME, utf8=True)),
    Audit("BF61", "MUST accept utf-8 encoded request", headers={"content-type": "application/json; charset=utf-8"},
          body={"query": '{ __type(name: "Run🏃Swim🏊") { name } }'}),
    Audit("78D5", "MUST assume utf-8 in request if encoding is unspecified", **_post(None, TYPENAME)),
    # Request
    Audit("2C94", "MUST accept POST requests", **_post(None, TYPENAME)),
    Audit("5A70", "MAY accept application/x-www-form-urlencoded formatted GET requests", method="GET", headers={},
          params={"query": "{ __typename }"}),
    Audit("9C48", "MAY NOT allow executing mutations on GET requests", method="GET", headers={"accept": GQL},
          params={"query": "mutation { __typename }"}, status=(400, 499)),
    Audit("9ABE", "SHOULD respond with 4xx status code if content-type is not supplied on POST requests", headers={},
          body=json.dumps(TYPENAME).encode(), status=(400, 499)),
    Audit("03D4", "MUST accept application/json POST requests", **_post(None, TYPENAME)),
    Audit("A5BF", "MAY use 400 status code when request body is missing on POST", **_post(None, None, status=400)),
    # Request parameters
    Audit("423L", "MAY use 400 status code on missing {query} parameter",
          **_post(GQL, {"notquery": "{ __typename }"}, status=400)),
    *[
        Audit(f"LKJ{i}", f"MAY use 400 status code on {kind} {{query}} parameter", **_post(None, {"query": bad}, status=400))
        for i, (kind, bad) in enumerate(_BAD)
    ],
    Audit("34A2", "SHOULD allow string {query} parameter when accepting application/graphql-response+json",
          **_post(GQL, TYPENAME)),
    Audit("13EE", "MUST allow string {query} parameter when accepting application/json",
          **_post(JSON, TYPENAME, no_errors=True)),
    *[
        Audit(f"6C0{i}", f"MAY use 400 status code on {kind} {{operationName}} parameter",
              **_post(None, {"operationName": bad, "query": "{ __typename }"}, status=400))
        for i, (kind, bad) in enumerate(_BAD)
    ],
    Audit("8161", "SHOULD allow string {operationName} parameter when accepting application/graphql-response+json",
          **_post(GQL, {"operationName": "Query", "query": "query Query { __typename }"})),
    Audit("B8B3", "MUST allow string {operationName} parameter when accepting application/json",
          **_post(JSON, {"operationName": "Query", "query": "query Query { __typename }"}, no_errors=True)),
    *[
        audit
        for i, parameter in enumerate(["variables", "operationName", "extensions"])
        for audit in (
            Audit(f"94B{i}", f"SHOULD allow null {{{parameter}}} parameter when accepting application/graphql-response+json",
                  **_post(GQL, {"query": "{ __typename }", parameter: None}, no_errors=True)),
            Audit(f"022{i}", f"MUST allow null {{{parameter}}} parameter when accepting application/json",
                  **_post(JSON, {"query": "{ __typename }", parameter: None}, no_errors=True)),
        )
    ],
    *[
        Audit(f"476{i}", f"MAY use 400 status code on {kind} {{variables}} parameter",
              **_post(None, {"query": "{ __typename }", "variables": bad}, status=400))
        for i, (kind, bad) in enumerate(_BAD_VARIABLES)
    ],
    Audit("2EA1", "SHOULD allow map {variables} parameter when accepting application/graphql-response+json",
          **_post(GQL, TYPE_QUERY)),
    Audit("28B9", "MUST allow map {variables} parameter when accepting application/json",
          **_post(JSON, TYPE_QUERY, no_errors=True)),
    Audit("D6D5", "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting "
          "application/graphql-response+json", method="GET", headers={"accept": GQL},
          params={"query": TYPE_QUERY["query"], "variables": json.dumps(TYPE_QUERY["variables"])}, no_errors=True),
    Audit("6A70", "MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json",
          method="GET", headers={"accept": JSON},
          params={"query": TYPE_QUERY["query"], "variables": json.dumps(TYPE_QUERY["variables"])}, no_errors=True),
    *[
        Audit(f"58B{i}", f"MAY use 400 status code on {kind} {{extensions}} parameter",
              **_post(None, {"query": "{ __typename }", "extensions": bad}, status=400))
        for i, (kind, bad) in enumerate(_BAD_VARIABLES)
    ],
    Audit("428F", "SHOULD allow map {extensions} parameter when accepting application/graphql-response+json",
          **_post(GQL, {"query": "{ __typename }", "extensions": {"some": "value"}})),
    Audit("1B7A", "MUST allow map {extensions} parameter when accepting application/json",
          **_post(JSON, {"query": "{ __typename }", "extensions": {"some": "value"}}, no_errors=True)),
    Audit("B6DC", "MAY use 2xx, 4xx, or 5xx status codes on JSON parsing failure when accepting application/json",
          **_post(JSON, b'{ "not a JSON', status=(200, 599))),
    Audit("BCF8", "SHOULD use 400 status code on JSON parsing failure when accepting application/json",
          **_post(JSON, b'{ "not a JSON', status=400)),
    Audit("B7N8", "SHOULD use 400 status code on JSON parsing failure when accepting application/graphql-response+json",
          **_post(GQL, b'{ "not a JSON', status=400)),
    Audit("8764", "MAY use 4xx or 5xx status codes if parameters are invalid",
          **_post(None, {"qeury": "{ __typename }"}, status=(400, 599))),
    Audit("3E3A", "MAY use 400 status code if parameters are invalid", **_post(None, {"qeury": "{ __typename }"}, status=400)),
    # Response application/json
    Audit("572B", "SHOULD use 200 status code on document parsing failure when accepting application/json",
          **_post(JSON, {"query": "{"})),
    Audit("FDE2", "SHOULD use 200 status code on document validation failure when accepting application/json",
          **_post(JSON, {"query": "{ 8f31403dfe404bccbb0e835f2629c6a7 }"})),
    Audit("7B9B", "SHOULD use a status code of 200 on variable coercion failure when accepting application/json",
          **_post(JSON, {"query": "query CoerceFailure($id: ID!){ __typename }", "variables": {"id": None}})),
    # Response application/graphql-response+json
    Audit("865D", "SHOULD use 4xx or 5xx status codes on document parsing failure when accepting "
          "application/graphql-response+json", **_post(GQL, {"query": "{"}, status=(400, 599))),
    Audit("556A", "SHOULD use 400 status code on document parsing failure when accepting "
          "application/graphql-response+json", **_post(GQL, {"query": "{"}, status=400)),
    Audit("D586", "SHOULD not contain the data entry on document parsing failure when accepting "
          "application/graphql-response+json", **_post(GQL, {"query": "{"}, status=None, no_data=True)),
    Audit("51FE", "SHOULD use 4xx or 5xx status codes on document validation failure when accepting "
          "application/graphql-response+json",
          **_post(GQL, {"query": "{ 8f31403dfe404bccbb0e835f2629c6a7 }"}, status=(400, 599))),
    Audit("74FF", "SHOULD use 400 status code on document validation failure when accepting "
          "application/graphql-response+json", **_post(GQL, {"query": "{ 8f31403dfe404bccbb0e835f2629c6a7 }"}, status=400)),
    Audit("5E5B", "SHOULD not contain the data entry on document validation failure when accepting "
          "application/graphql-response+json",
          **_post(GQL, {"query": "{ 8f31403dfe404bccbb0e835f2629c6a7 }"}, status=None, no_data=True)),
    Audit("86EE", "SHOULD use a status code of 400 on variable coercion failure when accepting "
          "application/graphql-response+json",
          **_post(GQL, {"query": "query CoerceFailure($id: ID!){ __typename }", "variables": {"id": None}}, status=400)),
]  # fmt: skip


async def send(client: httpx.AsyncClient, audit: Audit) -> httpx.Response:
    content = (
        audit.body if isinstance(audit.body, bytes) or audit.body is None else json.dumps(audit.body).encode()
    )
    # like fetch, no Accept unless the audit sets one (httpx would send */*)
    headers = {"accept": "", **audit.headers} if "accept" not in audit.headers else audit.headers
    return await client.request(
        audit.method, "/graphql", headers=headers, content=content, params=audit.params
    )


def test_the_table_holds_every_audit_once() -> None:
    ids = [audit.id for audit in AUDITS]
    assert len(ids) == len(set(ids)) == 61


@pytest.mark.parametrize("audit", AUDITS, ids=[f"{a.id}-{a.title}" for a in AUDITS])
async def test_graphql_http_audit(stack: InProcess, audit: Audit) -> None:
    answer = await send(stack.gateway, audit)
    if isinstance(audit.status, int):
        assert answer.status_code == audit.status, answer.text
    elif audit.status is not None:
        low, high = audit.status
        assert low <= answer.status_code <= high, answer.text
    if audit.content_type is not None:
        assert audit.content_type in answer.headers["content-type"]
    if audit.utf8:
        answer.content.decode("utf-8")
    if audit.no_errors:
        assert "errors" not in answer.json(), answer.text
    if audit.no_data:
        assert "data" not in answer.json(), answer.text
    assert (await stack.calls())["total"] == 0  # none of them reaches an upstream


# Beyond the audits: what the specification asks that they do not check.

Check = Callable[[httpx.Response], None]


async def test_a_field_error_is_200_with_data_and_errors_for_graphql_response_json(stack: InProcess) -> None:
    """The upstream fails, the request was fine: 200, partial data and the error (not the upstream's 503)."""
    await stack.control.put("/_sim/faults", json={"upstream": "loket", "status": 503})
    answer = await stack.gateway.post(
        "/graphql",
        json={"query": "{ employers { totalCount } _service { sdl } }"},
        headers={**ALICE, "accept": GQL},
    )
    body = answer.json()
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(GQL)
    assert body["data"]["_service"]["sdl"] and body["data"]["employers"] is None
    assert body["errors"][0]["extensions"]["code"].startswith("UPSTREAM_")


async def test_a_mutation_over_get_is_405_with_allow_post_and_runs_nothing(stack: InProcess) -> None:
    mutation = 'mutation { deleteVacancy(id: "VmFjYW5jeTox") { deletedId } }'
    for accept in (GQL, JSON):
        answer = await stack.gateway.get(
            "/graphql", params={"query": mutation}, headers={**ALICE, "accept": accept}
        )
        assert answer.status_code == 405 and answer.headers["allow"] == "POST"
        assert answer.headers["content-type"].startswith(accept)
        assert answer.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert (await stack.calls())["total"] == 0


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_other_methods_are_405_with_allow(stack: InProcess, method: str) -> None:
    answer = await stack.gateway.request(method, "/graphql", json=TYPENAME)
    assert answer.status_code == 405 and answer.headers["allow"] == "GET, POST"
    assert answer.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
    ],
)
async def test_a_body_that_is_not_utf8_json_is_415(stack: InProcess, content_type: str) -> None:
    answer = await stack.gateway.post(
        "/graphql",
        content=json.dumps(TYPENAME).encode(),
        headers={"content-type": content_type, "accept": GQL},
    )
    assert (
        answer.status_code == 415
        and answer.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    )


async def test_an_accept_naming_no_json_type_is_406(stack: InProcess) -> None:
    for accept in ("text/plain", "application/xml", "application/json;q=0"):
        answer = await stack.gateway.post("/graphql", json=TYPENAME, headers={"accept": accept})
        assert answer.status_code == 406, accept
        assert answer.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (f"{GQL}, {JSON}", GQL),
        (f"{JSON}, {GQL}", JSON),
        (f"{JSON};q=0.5, {GQL}", GQL),
        (f"{GQL};q=0.5, {JSON}", JSON),
        ("application/*", JSON),
        ("text/html, */*;q=0.8", JSON),
    ],
)
async def test_the_response_type_follows_the_accept_header(
    stack: InProcess, accept: str, expected: str
) -> None:
    answer = await stack.gateway.post("/graphql", json=TYPENAME, headers={"accept": accept})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(expected)


async def test_a_batch_is_refused_clearly(stack: InProcess) -> None:
    answer = await stack.gateway.post("/graphql", json=[TYPENAME, TYPENAME], headers={"accept": GQL})
    [error] = answer.json()["errors"]
    assert answer.status_code == 400 and error["extensions"]["code"] == "BATCHING_NOT_SUPPORTED"
    assert "one operation per request" in error["message"]


async def test_an_unknown_operation_name_is_a_request_error(stack: InProcess) -> None:
    body = {"query": "query A { __typename } query B { __typename }", "operationName": "C"}
    modern = await stack.gateway.post("/graphql", json=body, headers={"accept": GQL})
    assert modern.status_code == 400 and "data" not in modern.json()
    legacy = await stack.gateway.post("/graphql", json=body, headers={"accept": JSON})
    assert legacy.status_code == 200 and legacy.json()["data"] is None and legacy.json()["errors"]


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("accept", [GQL, JSON])
async def test_json_nested_past_the_limit_is_a_400_naming_it_in_either_media_type(
    stack: InProcess, accept: str
) -> None:
    """100,000 nested arrays made strawberry's ``json.loads`` raise RecursionError: a plain-text 500."""
    body = '{"query": "{ __typename }", "variables": {"v": ' + _nested(100_000) + "}}"
    answer = await stack.gateway.post(
        "/graphql", content=body, headers={"content-type": JSON, "accept": accept}
    )
    assert answer.status_code == 400 and answer.headers["content-type"].startswith(accept)
    [error] = answer.json()["errors"]
    assert error == {
        "message": "The request's JSON nests 100002 levels deep, over the limit of 64 (STAFFGRAPH_MAX_JSON_DEPTH).",
        "extensions": {"code": "BAD_REQUEST"},
    }


@pytest.mark.parametrize("parameter", ["variables", "extensions"])
async def test_json_nested_past_the_limit_in_a_get_parameter_is_a_400(
    stack: InProcess, parameter: str
) -> None:
    params = {"query": "{ __typename }", parameter: '{"v": ' + _nested(5000) + "}"}
    answer = await stack.gateway.get("/graphql", params=params, headers={"accept": GQL})
    assert answer.status_code == 400, answer.text[:200]
    assert "nests 5001 levels deep" in answer.json()["errors"][0]["message"]


async def test_nesting_within_the_limit_and_brackets_inside_strings_are_fine(stack: InProcess) -> None:
    at_limit = (
        '{"query": "{ __typename }", "extensions": {"x": ' + _nested(62) + "}}"
    )  # 64 with the two objects
    answer = await stack.gateway.post("/graphql", content=at_limit, headers={"content-type": JSON})
    assert answer.json() == {"data": {"__typename": "Query"}}
    brackets_in_text = {
        "query": "query($n: String!) { __type(name: $n) { name } }",
        "variables": {"n": "[" * 500},
    }
    answer = await stack.gateway.post("/graphql", json=brackets_in_text)
    assert answer.json() == {"data": {"__type": None}}
    one_over = '{"query": "{ __typename }", "extensions": {"x": ' + _nested(63) + "}}"
    answer = await stack.gateway.post("/graphql", content=one_over, headers={"content-type": JSON})
    assert answer.status_code == 400 and "nests 65 levels deep" in answer.json()["errors"][0]["message"]
