"""The state one simulated Onderwijsloket instance serves from, shared by its routes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from starlette.requests import Request

from simulators.config import SimConfig
from simulators.onderwijsloket.auth import ACCOUNTS, FULL, NAVIGATOR, Account, Authenticator
from simulators.onderwijsloket.data import generate
from simulators.onderwijsloket.filters import FilterContext
from simulators.onderwijsloket.querystring import parse_query_string
from simulators.onderwijsloket.ratelimit import RateLimit, RateLimiter
from simulators.onderwijsloket.store import View


@dataclass
class Onderwijsloket:
    config: SimConfig
    views: dict[str, View]
    auth: Authenticator
    limiter: RateLimiter

    @classmethod
    def build(cls, config: SimConfig, rate_limit: RateLimit | None = None) -> Onderwijsloket:
        dataset = generate(config.seed, config.today)
        views = {policy.name: View(dataset, policy) for policy in (FULL, NAVIGATOR)}
        return cls(config, views, Authenticator(config, ACCOUNTS), RateLimiter(rate_limit, config.clock))

    def reset(self) -> None:
        """The data is never written, so only tokens and rate-limit windows need forgetting."""
        self.auth.reset()
        self.limiter.reset()

    def view(self, account: Account | None) -> View | None:
        return None if account is None else self.views[account.policy.name]

    def filter_context(self, account: Account | None) -> FilterContext:
        now = datetime.fromtimestamp(self.config.clock(), UTC)
        if account is None:
            return FilterContext(now)
        return FilterContext(now, account.id, account.role, (account.policy.name,))

    def authenticate(self, request: Request, query: dict[str, Any]) -> Account | None:
        """Rate limit first (Directus's limiter runs before authentication), then the token."""
        self.limiter.hit()
        token: Any = query.get("access_token") or None
        header = request.headers.get("authorization")
        if header:
            parts = header.split(" ")
            if len(parts) == 2 and parts[0].lower() == "bearer":
                token = parts[1] or None
        if token is not None and not isinstance(token, str):
            token = "\x00"  # a repeated or bracketed access_token matches no user
        return self.auth.resolve(token)


def query_of(request: Request) -> dict[str, Any]:
    return parse_query_string(request.scope.get("query_string", b"").decode("latin-1"))
