"""The sliding windows of a rate budget (``gateway.resilience.budget``) in Redis, one for all replicas.

Each window is a sorted set of the requests sent in it (score: Redis's clock in
milliseconds): ``staffgraph:budget:{<upstream>:<account hash>}`` for an account, and
``...:caller:<caller identity>`` for one caller's share of it (the identity is a hash or a
client address, never a credential; the braces keep both keys in one cluster slot). One
Lua script looks at both windows and takes a slot in both or in neither, atomically, so N
replicas together send no more than the budget; the clock is Redis's own, so replicas
whose clocks differ still agree on the window. The semantics are the in-process
budget's: a request sent ``window`` seconds ago or earlier no longer counts, and a full
window frees its next slot when the ``limit``-th most recent request leaves it. Keys
expire one window after their last request.
"""

from __future__ import annotations

import math
import uuid

from redis.asyncio import Redis

from gateway.shared.redis import SharedRedis, key

STORE = "budget"  # the label of staffgraph_redis_fallbacks_total

# KEYS[1] the account's window, KEYS[2] (optional) the caller's; ARGV: the account's limit, the caller's
# limit, the window in ms, a member unique to this request. Returns {account wait, caller wait} in ms;
# {0, 0} when the slot was taken in both.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[3])
local function wait(name, limit)
  redis.call('ZREMRANGEBYSCORE', name, '-inf', now - window)
  local sent = redis.call('ZCARD', name)
  if sent < limit then return 0 end
  local edge = redis.call('ZRANGE', name, sent - limit, sent - limit, 'WITHSCORES')
  return math.max(0, tonumber(edge[2]) + window - now)
end
local account = wait(KEYS[1], tonumber(ARGV[1]))
local caller = 0
if #KEYS > 1 then caller = wait(KEYS[2], tonumber(ARGV[2])) end
if account > 0 or caller > 0 then return {account, caller} end
for _, name in ipairs(KEYS) do
  redis.call('ZADD', name, now, ARGV[4])
  redis.call('PEXPIRE', name, window)
end
return {0, 0}
"""


class RedisWindows:
    """``take`` a slot in an account's window (and a caller's share of it) of one upstream's budget."""

    def __init__(self, redis: SharedRedis, upstream: str) -> None:
        self.redis = redis
        self.upstream = upstream
        self._script = redis.client.register_script(_TAKE)

    def account_key(self, account: str) -> str:
        return key("budget", "{" + f"{self.upstream}:{account}" + "}")

    def caller_key(self, account: str, caller: str) -> str:
        return key("budget", "{" + f"{self.upstream}:{account}" + "}", "caller", caller)

    async def take(
        self, account: str, caller: str | None, *, limit: int, caller_limit: int, window: float
    ) -> tuple[float, float]:
        """``(0, 0)`` with the slot taken, else the seconds until the account's and the caller's windows
        each free one (nothing taken). ``caller`` ``None``: no share applies. ``RedisUnavailable`` when
        Redis cannot tell."""
        keys = [self.account_key(account)]
        if caller is not None:
            keys.append(self.caller_key(account, caller))
        args: list[int | str] = [limit, caller_limit, max(1, math.ceil(window * 1000)), uuid.uuid4().hex]

        async def take(client: Redis) -> list[int]:
            return await self._script(keys=keys, args=args, client=client)  # type: ignore[no-any-return]

        account_wait, caller_wait = await self.redis.run(STORE, take)
        return int(account_wait) / 1000, int(caller_wait) / 1000


__all__ = ["RedisWindows"]
