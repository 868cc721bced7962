"""Gateway settings: read once from ``STAFFGRAPH_*`` environment variables, then frozen.

``Settings.from_env(os.environ)`` is called at start-up and the result is passed
explicitly into the app; nothing reads the environment at import time. Every
credential may instead be given as ``<NAME>_FILE`` naming a file that holds it (as
Docker and Kubernetes mount secrets); credentials are ``Secret``s, so ``repr`` of the
settings never shows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

from gateway.exceptions import ConfigError
from gateway.secrets import Secret

PREFIX = "STAFFGRAPH_"
UPSTREAMS = ("loket", "informat", "ictergezocht", "onderwijsloket")


@dataclass(frozen=True)
class UpstreamTimeouts:
    connect: float = 2.0
    read: float = 8.0


DEFAULT_TIMEOUTS = UpstreamTimeouts()


@dataclass(frozen=True)
class Settings:
    loket_url: str = "https://api.loket.nl/v2"
    loket_token_url: str = "https://oauth.loket.nl/token"
    informat_url: str = "https://personeelsapi.informatsoftware.be"
    informat_token_url: str = "https://www.identityserver.be/connect/token"
    ictergezocht_url: str = "https://api.ictergezocht.nl"
    onderwijsloket_url: str = "https://content.onderwijsloket.com"

    informat_client_id: str | None = None
    informat_client_secret: Secret | None = None
    ictergezocht_api_key: Secret | None = None
    ictergezocht_partner_key: Secret | None = None
    onderwijsloket_token: Secret | None = None
    # Informat schools the gateway asks scopes for, each "number" or "number=name" (comma list in
    # the env); empty means every scope the client may have, as the identity server decides.
    informat_institutes: tuple[tuple[str, str | None], ...] = ()
    # Most keys one DataLoader batch sends upstream at once (ids in one Loket filter, ...).
    loader_batch_size: int = 50
    # The day the gateway calls "today" (default periods, the current school year); None = the real
    # date. STAFFGRAPH_TODAY=YYYY-MM-DD pins it, e.g. to the simulators' --today.
    today: date | None = None

    # Upstreams that receive the caller's own `Authorization: Bearer` (comma list in the env).
    passthrough: tuple[str, ...] = ("loket",)
    timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        def text(name: str) -> str | None:
            value = env.get(PREFIX + name)
            return value.strip() if value and value.strip() else None

        def secret(name: str) -> Secret | None:
            direct, path = text(name), text(name + "_FILE")
            if direct is not None and path is not None:
                raise ConfigError(f"set {PREFIX}{name} or {PREFIX}{name}_FILE, not both")
            if path is not None:
                try:
                    direct = Path(path).read_text(encoding="utf-8").strip()
                except OSError as exc:
                    raise ConfigError(f"{PREFIX}{name}_FILE: cannot read {path}: {exc.strerror}") from None
                if not direct:
                    raise ConfigError(f"{PREFIX}{name}_FILE: {path} is empty")
            return Secret(direct) if direct else None

        def number(name: str, default: float, kind: str = "a number of seconds") -> float:
            raw = text(name)
            if raw is None:
                return default
            try:
                value = float(raw) if kind != "a whole number" else int(raw)
            except ValueError:
                raise ConfigError(f"{PREFIX}{name} must be {kind}, got {raw!r}") from None
            if value <= 0:
                raise ConfigError(f"{PREFIX}{name} must be positive, got {raw!r}")
            return value

        urls = {}
        for field in fields(cls):
            if field.name.endswith("_url"):
                value = text(field.name.upper())
                if value is not None:
                    if not value.startswith(("http://", "https://")):
                        raise ConfigError(
                            f"{PREFIX}{field.name.upper()} must be an http(s) URL, got {value!r}"
                        )
                    urls[field.name] = value.rstrip("/")

        passthrough_raw = text("PASSTHROUGH")
        passthrough = cls.passthrough
        if passthrough_raw is not None:
            passthrough = tuple(name.strip() for name in passthrough_raw.split(",") if name.strip())
            unknown = sorted(set(passthrough) - set(UPSTREAMS))
            if unknown:
                raise ConfigError(
                    f"{PREFIX}PASSTHROUGH names unknown upstream(s) {unknown}; known: {UPSTREAMS}"
                )

        return cls(
            **urls,
            informat_client_id=text("INFORMAT_CLIENT_ID"),
            informat_client_secret=secret("INFORMAT_CLIENT_SECRET"),
            ictergezocht_api_key=secret("ICTERGEZOCHT_API_KEY"),
            ictergezocht_partner_key=secret("ICTERGEZOCHT_PARTNER_KEY"),
            onderwijsloket_token=secret("ONDERWIJSLOKET_TOKEN"),
            informat_institutes=_institutes(text("INFORMAT_INSTITUTES")),
            loader_batch_size=int(number("LOADER_BATCH_SIZE", cls.loader_batch_size, "a whole number")),
            today=_day(text("TODAY")),
            passthrough=passthrough,
            timeouts=UpstreamTimeouts(
                connect=number("CONNECT_TIMEOUT", DEFAULT_TIMEOUTS.connect),
                read=number("READ_TIMEOUT", DEFAULT_TIMEOUTS.read),
            ),
        )


def _institutes(raw: str | None) -> tuple[tuple[str, str | None], ...]:
    """``"032912=Sint-Jozefscollege,047225"`` -> ``(("032912", "Sint-Jozefscollege"), ("047225", None))``."""
    if raw is None:
        return ()
    found: list[tuple[str, str | None]] = []
    for part in raw.split(","):
        number, _, name = part.strip().partition("=")
        if not number.strip():
            continue
        if not number.strip().isdigit():
            raise ConfigError(f"{PREFIX}INFORMAT_INSTITUTES: '{number.strip()}' is not an institute number")
        found.append((number.strip(), name.strip() or None))
    return tuple(found)


def _day(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}TODAY must be a date (YYYY-MM-DD), got {raw!r}") from None
