"""``staffgraph check-config``: is this environment one the gateway can start with?

It reads the settings exactly as ``serve`` does (``Settings.from_env``), so a variable
that would stop the gateway is named here first, and prints a summary without a single
secret. ``from_env`` reads the names it knows and ignores every other one, so a typo
(``STAFFGRAPH_LOKET_UR``) would silently leave a default in place. Which names are known
is learnt by watching ``from_env`` read, not from a list kept beside it: ``from_env``
runs once over an empty environment (every unconditional name, the other auth modes'
included) and once over the real one (names read only in some configurations, such as
one auth mode's); a ``STAFFGRAPH_*`` variable that neither run looked up is one the
gateway does not read in this configuration, and is reported with the closest known name.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from gateway.exceptions import ConfigError
from gateway.names import Upstream
from gateway.settings import PREFIX, Settings


class WatchedEnv(Mapping[str, str]):
    """``env`` as a read-only mapping that remembers every name looked up in it."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self._env = env
        self.looked_up: set[str] = set()

    def __getitem__(self, name: str) -> str:
        self.looked_up.add(name)
        return self._env[name]

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self.looked_up.add(name)
        return name in self._env

    def __iter__(self) -> Iterator[str]:
        return iter(self._env)

    def __len__(self) -> int:
        return len(self._env)


@dataclass(frozen=True)
class UnknownName:
    """A ``STAFFGRAPH_*`` variable the settings do not read, and the known name closest to it."""

    name: str
    suggestion: str | None

    def __str__(self) -> str:
        hint = f" (did you mean {self.suggestion}?)" if self.suggestion else ""
        return f"{self.name} is not a setting staffgraph reads; it is ignored{hint}"


@dataclass(frozen=True)
class ConfigCheck:
    """The settings ``env`` gives (or the error naming the wrong variable) and the unknown names."""

    settings: Settings | None
    error: ConfigError | None
    unknown: tuple[UnknownName, ...]


def read_settings(env: Mapping[str, str]) -> tuple[Settings | None, ConfigError | None, frozenset[str]]:
    """``Settings.from_env(env)`` and the names it looked up (those up to the error, if it failed)."""
    watched = WatchedEnv(env)
    try:
        return Settings.from_env(watched), None, frozenset(watched.looked_up)
    except ConfigError as exc:
        return None, exc, frozenset(watched.looked_up)


def known_names(env: Mapping[str, str] | None = None) -> frozenset[str]:
    """Every ``STAFFGRAPH_*`` name ``from_env`` reads with no settings, plus those it reads in ``env``."""
    _, _, unconditional = read_settings({})
    _, _, conditional = read_settings(env or {})
    return frozenset(name for name in unconditional | conditional if name.startswith(PREFIX))


def check(env: Mapping[str, str]) -> ConfigCheck:
    settings, error, _ = read_settings(env)
    known = known_names(env)
    unknown = tuple(
        UnknownName(name, next(iter(difflib.get_close_matches(name, known, n=1, cutoff=0.8)), None))
        for name in sorted(env)
        if name.startswith(PREFIX) and name not in known
    )
    return ConfigCheck(settings=settings, error=error, unknown=unknown)


def summary(settings: Settings) -> list[str]:
    """What an operator wants to see before a start: where each upstream is, who may use the
    gateway's credentials, where shared state lives. Whether a credential is set, never its value."""
    urls = {
        Upstream.LOKET: (settings.loket_url, settings.loket_token_url),
        Upstream.INFORMAT: (settings.informat_url, settings.informat_token_url),
        Upstream.ICTERGEZOCHT: (settings.ictergezocht_url, None),
        Upstream.ONDERWIJSLOKET: (settings.onderwijsloket_url, None),
    }
    lines = []
    for upstream, (url, token_url) in urls.items():
        token = f" (token {_shown(token_url)})" if token_url else ""
        lines.append(f"  {upstream:<15}{_shown(url)}{token}")
    held = {
        "Informat client": settings.informat_client_id is not None
        and settings.informat_client_secret is not None,
        "ICTerGezocht key": settings.ictergezocht_api_key is not None,
        "Onderwijsloket token": settings.onderwijsloket_token is not None,
    }
    auth = settings.auth
    mode = auth.mode + (" (anonymous writes allowed)" if auth.anonymous_writes else "")
    lines += [
        f"  pass-through:  {', '.join(settings.passthrough) or 'none'}",
        "  gateway-held:  " + ", ".join(f"{name} {'set' if ok else 'not set'}" for name, ok in held.items()),
        f"  auth:          {mode}",
        "  redis:         "
        + (
            "set (caches and budgets shared by replicas)"
            if settings.redis_url
            else "not set (in-process state)"
        ),
        f"  introspection: {'on' if settings.introspection else 'off'}, graphiql: "
        + ("on" if settings.graphiql else "off"),
    ]
    return lines


def _shown(url: str) -> str:
    """``url`` without user info: a URL may carry a password, which a summary must not print."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


__all__ = ["ConfigCheck", "UnknownName", "check", "known_names", "read_settings", "summary"]
