"""The Onderwijsloket (Directus) client: ``GET /items/{collection}`` with Directus's query parameters.

The translation of typed filters, orderings and selections into ``filter``/``sort``/
``fields`` is ``gateway.dialects.directus``; this client only knows the paths, the
``{"data": [...], "meta": {...}}`` envelope and Directus's error body
(``{"errors": [{"message", "extensions": {"code"}}]}``). Paths are built by
``gateway.upstreams.paths.Endpoint``: the collection name is checked and encoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from gateway.exceptions import UpstreamBadResponse
from gateway.names import Upstream
from gateway.secrets import Secret
from gateway.upstreams.base import UpstreamClient
from gateway.upstreams.paths import Endpoint

ITEMS = Endpoint("/items/{collection}")
COLLECTIONS = frozenset({"programs", "program_forms", "educational_institutions", "locations"})
ALL = -1  # Directus: limit=-1 is every matching item
_MAX_MESSAGE = 200


@dataclass(frozen=True)
class DirectusPage:
    """The items of one list call and the counts asked for with ``meta``."""

    data: list[dict[str, Any]]
    total_count: int | None = None
    filter_count: int | None = None


class OnderwijsloketClient(UpstreamClient):
    name = Upstream.ONDERWIJSLOKET

    def summarise(self, response: httpx.Response) -> str:
        """Directus's error messages (at most three, cut short), not the raw body."""
        try:
            errors = response.json().get("errors") or []
        except (ValueError, AttributeError):
            return f"status {response.status_code}"
        texts = [
            str(e.get("message"))[:_MAX_MESSAGE] for e in errors if isinstance(e, dict) and e.get("message")
        ]
        return "; ".join(texts[:3]) or f"status {response.status_code}"

    async def items(
        self,
        token: Secret,
        collection: str,
        *,
        fields: str,
        filter: str | None = None,
        sort: str | None = None,
        limit: int = ALL,
        offset: int = 0,
        meta: str | None = None,
    ) -> DirectusPage:
        """One list call on ``collection`` (``fields`` is required: never ``*.*``)."""
        if collection not in COLLECTIONS:
            raise ValueError(f"unknown Onderwijsloket collection {collection!r}")
        params: dict[str, str] = {"fields": fields, "limit": str(limit)}
        if offset:
            params["offset"] = str(offset)
        if filter:
            params["filter"] = filter
        if sort:
            params["sort"] = sort
        if meta:
            params["meta"] = meta
        path = ITEMS.path(collection=collection)
        body = await self.json(
            "GET", path, template=ITEMS.template, params=params, headers=self.bearer(token)
        )
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise UpstreamBadResponse(
                f"{self.name} answered GET {path} without a data list", upstream=self.name
            )
        meta_body = body.get("meta")
        counts: dict[str, Any] = meta_body if isinstance(meta_body, dict) else {}
        return DirectusPage(
            data=[row for row in body["data"] if isinstance(row, dict)],
            total_count=_count(counts.get("total_count")),
            filter_count=_count(counts.get("filter_count")),
        )


def _count(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None
