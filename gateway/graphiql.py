"""The GraphiQL page at ``GET /graphql``: vendored assets only, so it works with no internet.

Strawberry's own page loads React and GraphiQL from unpkg.com; the gateway instead
serves GraphiQL 3 and React 18 from ``gateway/static/graphiql`` (see the README there)
and sends a ``Content-Security-Policy`` that allows this origin only, so a page that
tried to reach another host would fail loudly in the browser rather than leak requests.
The page's settings travel as a JSON block read by ``staffgraph-graphiql.js``: no inline
script, and no token in the page unless the gateway runs as the demo.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Sequence
from typing import Any

from gateway.examples import Example

GRAPHIQL_VERSION = "3.8.3"
REACT_VERSION = "18.2.0"
STATIC_PREFIX = "/static/graphiql"
# The headers editor as the demo pre-fills it: alice's fixed Loket token (public, demo only).
DEMO_HEADERS = {"Authorization": "Bearer demo-loket-alice"}

# 'unsafe-inline' for styles only: GraphiQL's editors set style attributes at run time.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self' data:",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

_PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>{title}</title>
    <link rel="icon" href="data:,">
    <link rel="stylesheet" href="{static}/graphiql.min.css?v={graphiql}">
    <style>
      body {{ margin: 0; height: 100vh; overflow: hidden; }}
      #graphiql {{ height: 100vh; }}
    </style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script id="staffgraph-config" type="application/json">{config}</script>
    <script src="{static}/react.production.min.js?v={react}"></script>
    <script src="{static}/react-dom.production.min.js?v={react}"></script>
    <script src="{static}/graphiql.min.js?v={graphiql}"></script>
    <script src="{static}/staffgraph-graphiql.js?v={graphiql}"></script>
  </body>
</html>
"""


def _json_for_script(value: Any) -> str:
    """JSON safe inside ``<script>``: no ``</script>``, ``<!--`` or ``&`` can end or bend the block."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_config(endpoint: str, *, demo: bool, examples: Sequence[Example]) -> dict[str, Any]:
    """What ``staffgraph-graphiql.js`` needs; examples and headers only in demo mode."""
    headers = json.dumps(DEMO_HEADERS, indent=2) if demo else None
    tabs = [
        {"query": example.query, "variables": example.variables, "headers": headers}
        for example in (examples if demo else ())
    ]
    digest = hashlib.sha256(json.dumps(tabs, sort_keys=True).encode()).hexdigest()[:12]
    return {
        "endpoint": endpoint,
        "headers": headers,
        "tabs": tabs,
        "persistHeaders": demo,
        "storageNamespace": f"staffgraph-demo-{digest}:" if demo else "staffgraph:",
    }


def render_page(root_path: str, *, demo: bool, examples: Sequence[Example]) -> str:
    """The HTML for ``GET /graphql``; ``root_path`` is where the app is mounted ("" at the root)."""
    config = page_config(f"{root_path}/graphql", demo=demo, examples=examples)
    return _PAGE.format(
        title="staffgraph demo · GraphiQL" if demo else "staffgraph · GraphiQL",
        static=html.escape(root_path + STATIC_PREFIX, quote=True),
        graphiql=GRAPHIQL_VERSION,
        react=REACT_VERSION,
        config=_json_for_script(config),
    )


__all__ = ["CONTENT_SECURITY_POLICY", "DEMO_HEADERS", "PAGE_HEADERS", "render_page"]
