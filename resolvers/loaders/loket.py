"""Per-request DataLoaders over Loket.nl: each key is one upstream request or one record.

Identical keys in one operation are loaded once (DataLoader caching), and keys that
arrive in the same tick are batched into the fewest employer-wide list calls.
"""

from __future__ import annotations

from typing import Any

from aiodataloader import DataLoader

from gateway.context import Context
from gateway.upstreams.loket import MAX_PAGE_SIZE


class VisibleEmployersLoader(DataLoader[str, dict[str, Any] | None]):
    """Employers by Loket id, from one list call: a Loket user sees only a handful."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context

    async def batch_load_fn(self, keys: list[str]) -> list[dict[str, Any] | None]:
        token = self.context.credential("loket")
        page = await self.context.upstreams.loket.employers(token, page_size=MAX_PAGE_SIZE)
        by_id = {row["id"]: row for row in page.items}
        return [by_id.get(key) for key in keys]
