"""The GraphiQL page: settings block, demo vs normal mode, escaping, mount path."""

from __future__ import annotations

import json
import re
from typing import Any

from gateway.examples import Example
from gateway.graphiql import render_page

EXAMPLE = Example(name="core-x", title="X", query="# title: X\nquery X { a }\n", variables='{"id": 1}')
HOSTILE = Example(
    name="bad", title="B", query='# title: B\n{ a(s: "</script><script>alert(1)") }', variables=None
)


def config_of(page: str) -> dict[str, Any]:
    block = re.search(r'<script id="staffgraph-config" type="application/json">(.*?)</script>', page, re.S)
    assert block is not None
    return json.loads(block.group(1))  # type: ignore[no-any-return]


def test_normal_mode_has_no_token_and_no_tabs() -> None:
    config = config_of(render_page("", demo=False, examples=[EXAMPLE]))
    assert config == {
        "endpoint": "/graphql",
        "headers": None,
        "tabs": [],
        "persistHeaders": False,
        "storageNamespace": "staffgraph:",
    }


def test_demo_mode_prefills_alice_and_the_examples() -> None:
    config = config_of(render_page("", demo=True, examples=[EXAMPLE]))
    assert json.loads(config["headers"]) == {"Authorization": "Bearer demo-loket-alice"}
    assert config["tabs"] == [
        {"query": EXAMPLE.query, "variables": '{"id": 1}', "headers": config["headers"]}
    ]
    assert config["persistHeaders"] is True and config["storageNamespace"].startswith("staffgraph-demo-")


def test_the_storage_namespace_changes_with_the_examples() -> None:
    one = config_of(render_page("", demo=True, examples=[EXAMPLE]))["storageNamespace"]
    two = config_of(render_page("", demo=True, examples=[EXAMPLE, HOSTILE]))["storageNamespace"]
    assert one != two


def test_example_text_cannot_close_the_settings_block() -> None:
    page = render_page("", demo=True, examples=[HOSTILE])
    assert "</script><script>alert" not in page
    assert config_of(page)["tabs"][0]["query"] == HOSTILE.query


def test_assets_and_endpoint_follow_the_mount_path() -> None:
    page = render_page("/api", demo=False, examples=[])
    assert config_of(page)["endpoint"] == "/api/graphql"
    assert set(re.findall(r'src="([^"?]+)', page)) == {
        "/api/static/graphiql/react.production.min.js",
        "/api/static/graphiql/react-dom.production.min.js",
        "/api/static/graphiql/graphiql.min.js",
        "/api/static/graphiql/staffgraph-graphiql.js",
    }
