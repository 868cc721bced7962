"""The Loket.nl v2 client: paged lists with ``filter``/``orderBy``, single items with ETags.

Every call sends the caller's bearer token and ``Accept: application/json;version=…``
with the resource version this client was written against (seed 000, "Resource
versioning"); the paged envelope (``_embedded``, ``totalSize``, ...) is unwrapped here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from gateway.secrets import Secret
from gateway.upstreams.base import UpstreamClient

# The newest resource version this client understands; Loket picks the version on or before it.
RESOURCE_VERSION = "2020-03-16"
ACCEPT = f"application/json;version={RESOURCE_VERSION}"
MAX_PAGE_SIZE = 1000


@dataclass(frozen=True)
class LoketPage:
    """One page of a Loket list: the rows and the totals Loket reports with them."""

    items: list[dict[str, Any]]
    total: int
    page_number: int
    page_size: int


class LoketClient(UpstreamClient):
    name = "loket"

    def headers(self, token: Secret) -> dict[str, str]:
        return {**self.bearer(token), "Accept": ACCEPT}

    def summarise(self, response: httpx.Response) -> str:
        """Loket's messages (``BrokenBusinessRule`` descriptions), not the raw body."""
        try:
            messages = response.json().get("messages") or []
        except ValueError:
            return f"status {response.status_code}"
        texts = [str(m.get("description")) for m in messages if isinstance(m, dict) and m.get("description")]
        return "; ".join(texts[:3]) or f"status {response.status_code}"

    async def page(
        self,
        token: Secret,
        path: str,
        *,
        template: str,
        page_number: int = 1,
        page_size: int = 250,
        filter: str | None = None,
        order_by: str | None = None,
        extra: dict[str, str] | None = None,
    ) -> LoketPage:
        """One page of any Loket list endpoint."""
        params: dict[str, str] = {
            "pageNumber": str(page_number),
            "pageSize": str(min(page_size, MAX_PAGE_SIZE)),
        }
        if filter:
            params["filter"] = filter
        if order_by:
            params["orderBy"] = order_by
        params.update(extra or {})
        body = await self.json("GET", path, template=template, params=params, headers=self.headers(token))
        return LoketPage(
            items=list(body.get("_embedded") or []),
            total=int(body.get("totalSize") or 0),
            page_number=int(body.get("currentPage") or page_number),
            page_size=int(body.get("pageSize") or page_size),
        )

    async def employers(
        self,
        token: Secret,
        *,
        page_number: int = 1,
        page_size: int = 250,
        filter: str | None = None,
        order_by: str | None = None,
    ) -> LoketPage:
        return await self.page(
            token,
            "/providers/employers",
            template="/providers/employers",
            page_number=page_number,
            page_size=page_size,
            filter=filter,
            order_by=order_by,
        )
