"""The ASGI app: /graphql over GET and POST, the GraphiQL page and its assets, the lifespan."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette

from gateway.app import create_app, operation_type
from gateway.demo import demo_settings
from gateway.examples import load_examples
from tests.support.clients import asgi_client
from tests.support.stack import ALICE, InProcess, in_process_gateway

EMPLOYERS = "{ employers { totalCount nodes { companyName } } }"
ALICE_EMPLOYERS = {"Stichting Voortgezet Onderwijs Rijnmond", "Van der Meer Logistiek B.V."}
HTML = {"Accept": "text/html"}


@pytest.fixture
async def demo_stack(simulator_app: Starlette) -> AsyncIterator[InProcess]:
    async with in_process_gateway(simulator_app, demo=True) as stack:
        yield stack


def names(answer: httpx.Response) -> set[str]:
    return {node["companyName"] for node in answer.json()["data"]["employers"]["nodes"]}


async def test_get_runs_a_query_with_the_callers_token(stack: InProcess) -> None:
    answer = await stack.gateway.get("/graphql", params={"query": EMPLOYERS}, headers=ALICE)
    assert answer.status_code == 200 and names(answer) == ALICE_EMPLOYERS
    assert (await stack.calls())["loket"]["endpoints"] == {"GET /v2/providers/employers": 1}


async def test_get_refuses_a_mutation_before_any_upstream_call(stack: InProcess) -> None:
    answer = await stack.gateway.get("/graphql", params={"query": "mutation { __typename }"}, headers=ALICE)
    assert answer.status_code == 405 and "mutations are not allowed when using GET" in answer.text
    assert (await stack.calls())["total"] == 0


async def test_post_runs_an_operation_with_variables(stack: InProcess) -> None:
    query = "query($first: Int) { employers(first: $first) { totalCount nodes { companyName } } }"
    answer = await stack.gateway.post(
        "/graphql", json={"query": query, "variables": {"first": 1}}, headers=ALICE
    )
    body = answer.json()
    assert answer.status_code == 200 and "errors" not in body
    assert body["data"]["employers"]["totalCount"] == 2 and len(body["data"]["employers"]["nodes"]) == 1


async def test_each_request_gets_its_own_credentials(stack: InProcess) -> None:
    bob = await stack.gateway.post(
        "/graphql", json={"query": EMPLOYERS}, headers={"Authorization": "Bearer demo-loket-bob"}
    )
    nobody = await stack.gateway.post("/graphql", json={"query": EMPLOYERS})
    assert names(bob) == {"Zorggroep De Linde"}
    error = nobody.json()["errors"][0]
    assert error["extensions"]["code"] == "UNAUTHENTICATED" and error["extensions"]["upstream"] == "loket"


async def test_other_methods_are_refused(stack: InProcess) -> None:
    assert (await stack.gateway.put("/graphql", json={"query": EMPLOYERS})).status_code == 405


async def test_graphiql_page_loads_only_local_assets(stack: InProcess) -> None:
    page = await stack.gateway.get("/graphql", headers=HTML)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp and "default-src 'none'" in csp
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert len(assets) == 6  # icon, css, react, react-dom, graphiql, our bootstrap
    for url in assets:
        assert url.startswith(("/static/graphiql/", "data:")), url
        if url.startswith("/"):
            asset = await stack.gateway.get(url)
            assert asset.status_code == 200 and asset.content, url
    assert "demo-loket" not in page.text and '"tabs": []' in page.text
    assert not re.search(r"https?://", page.text)


async def test_demo_page_prefills_alices_token_and_offers_every_example(demo_stack: InProcess) -> None:
    page = (await demo_stack.gateway.get("/graphql", headers=HTML)).text
    assert "Bearer demo-loket-alice" in page
    examples = load_examples()
    assert examples and page.count('"query": "# title:') == len(examples)
    assert not re.search(r"https?://", page)


async def test_get_with_a_query_is_not_mistaken_for_the_page(stack: InProcess) -> None:
    answer = await stack.gateway.get("/graphql", params={"query": EMPLOYERS}, headers={**HTML, **ALICE})
    assert answer.headers["content-type"].startswith("application/json") and names(answer) == ALICE_EMPLOYERS


async def test_the_app_closes_the_clients_it_built_on_shutdown() -> None:
    app = create_app(demo_settings("http://127.0.0.1:9"))
    clients = app.state.upstreams.all()
    async with app.router.lifespan_context(app):
        async with asgi_client(app) as client:
            assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert not any(c._http.is_closed for c in clients)
    assert all(c._http.is_closed for c in clients)


@pytest.mark.parametrize(
    ("query", "name", "kind"),
    [
        ("{ a }", None, "query"),
        ("mutation M { a }", None, "mutation"),
        ("query A { a } mutation B { b }", "B", "mutation"),
        ("query A { a } mutation B { b }", None, "unknown"),
        ("subscription { a }", None, "subscription"),
        ("{ unbalanced", None, "unknown"),
        (None, None, "unknown"),
    ],
)
def test_operation_type_for_metrics(query: str | None, name: str | None, kind: str) -> None:
    assert operation_type(query, name) == kind
