"""Which credential goes to which upstream, for one GraphQL request, and who may use the gateway's own.

- ``Authorization: Bearer <token>`` on the GraphQL request goes to the upstreams
  configured for pass-through (``Settings.passthrough``, Loket by default).
- ``X-Loket-Authorization``, ``X-Informat-Authorization``, ``X-ICTerGezocht-Authorization``
  and ``X-Onderwijsloket-Authorization`` override it for one upstream.
- Otherwise the gateway's own credential is used where it holds one (ICTerGezocht API
  key, Onderwijsloket token; Informat via ``gateway.tokens``) — if ``STAFFGRAPH_AUTH`` lets
  this caller (``gateway.callers``): in ``anonymous`` mode anyone may read and only
  ``STAFFGRAPH_ANONYMOUS_WRITES`` lets anyone write; in ``jwt`` and ``api-key`` mode only a
  caller whose ``X-Staffgraph-Authorization`` is verified. A refused read is
  ``UNAUTHENTICATED`` on that upstream's fields only, before any call (``for_upstream``); a
  refused write is ``FORBIDDEN`` on the mutation's field, checked where the request would
  go out (``check_write``, called by the upstream client), so a mutation's read-back still reads.

Only these headers are read; nothing else from the caller's request is forwarded, and
``X-Staffgraph-Authorization`` never is. A credential header sent twice is refused with
400 (``DUPLICATE_HEADER``) before anything runs: proxies disagree on which one counts (most
take the first, the gateway's server the last), so the gateway guesses neither. A bearer
token that is not visible ASCII is refused for the upstreams it was meant for, naming its
header: no upstream would accept it, and it must never reach the HTTP client.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from gateway.callers import CALLER_HEADER, Authenticator, Caller, anonymous, bearer
from gateway.exceptions import UpstreamForbidden, UpstreamUnauthenticated
from gateway.http import HTTPRefusal
from gateway.names import Upstream
from gateway.secrets import Secret, credential_hash, credential_problem
from gateway.settings import DEFAULT_AUTH, UPSTREAMS, InboundAuth, Settings

OVERRIDE_HEADERS: dict[str, str] = {
    Upstream.LOKET: "x-loket-authorization",
    Upstream.INFORMAT: "x-informat-authorization",
    Upstream.ICTERGEZOCHT: "x-ictergezocht-authorization",
    Upstream.ONDERWIJSLOKET: "x-onderwijsloket-authorization",
}
CREDENTIAL_HEADERS = ("authorization", *OVERRIDE_HEADERS.values(), CALLER_HEADER.lower())


def header_name(lowered: str) -> str:
    """How a credential header is written in messages: ``X-ICTerGezocht-Authorization``."""
    return "-".join(part.capitalize() for part in lowered.split("-")).replace("Ictergezocht", "ICTerGezocht")


def bearer_token(value: str | None) -> Secret | None:
    """The token of a ``Bearer <token>`` header value; ``None`` for anything else."""
    token = bearer(value)
    return Secret(token) if token is not None else None


class DuplicateCredentialHeader(HTTPRefusal):
    def __init__(self, lowered: str, count: int) -> None:
        name = header_name(lowered)
        super().__init__(
            400,
            f"The request carries {count} '{name}' headers; send exactly one. Proxies and servers "
            "disagree on which of several counts, so the gateway uses none.",
            code="DUPLICATE_HEADER",
        )


class CredentialRefused(UpstreamUnauthenticated):
    """``UNAUTHENTICATED`` before any call, naming the header at fault (``extensions.header``)."""

    def __init__(self, message: str, *, upstream: str, header: str) -> None:
        super().__init__(message, upstream=upstream)
        self.header = header

    def extensions(self) -> dict[str, Any]:
        return {**super().extensions(), "header": self.header}


class HeldCredentialForbidden(UpstreamForbidden):
    """``FORBIDDEN`` before any call: a write with the gateway's credential this caller may not make."""


def _values(headers: Mapping[str, str], lowered: str) -> list[str]:
    """Every value of one header: a starlette ``Headers`` keeps repeats (``getlist``), a dict may
    hold one name in two spellings."""
    getlist = getattr(headers, "getlist", None)
    if callable(getlist):
        return list(getlist(lowered))
    return [value for key, value in headers.items() if key.lower() == lowered]


def _held(settings: Settings) -> frozenset[str]:
    """The upstreams the gateway holds a credential for."""
    held = set()
    if settings.informat_client_id and settings.informat_client_secret:
        held.add(Upstream.INFORMAT)
    if settings.ictergezocht_api_key:
        held.add(Upstream.ICTERGEZOCHT)
    if settings.onderwijsloket_token:
        held.add(Upstream.ONDERWIJSLOKET)
    return frozenset(held)


@dataclass(frozen=True)
class RequestCredentials:
    """The caller's own credentials per upstream (``None`` where the caller gave none), what was
    wrong with a header meant for an upstream, who the caller is and whether it may use the
    gateway's own credentials (``for_upstream`` decides)."""

    caller: dict[str, Secret | None] = field(default_factory=dict)
    # upstream -> (header, what is wrong with its token): that upstream is refused, never given the gateway's
    problems: dict[str, tuple[str, str]] = field(default_factory=dict)
    inbound: Caller = field(default_factory=lambda: anonymous(None))
    policy: InboundAuth = DEFAULT_AUTH
    held: frozenset[str] = frozenset()

    @classmethod
    def from_headers(
        cls,
        headers: Mapping[str, str],
        settings: Settings,
        *,
        authenticator: Authenticator | None = None,
        client: str | None = None,
    ) -> RequestCredentials:
        """Read the credential headers; ``DuplicateCredentialHeader`` (400) for one sent twice."""
        values: dict[str, str | None] = {}
        for lowered in CREDENTIAL_HEADERS:
            found = _values(headers, lowered)
            if len(found) > 1:
                raise DuplicateCredentialHeader(lowered, len(found))
            values[lowered] = found[0] if found else None
        general, general_problem = _token(values["authorization"])
        caller: dict[str, Secret | None] = {}
        problems: dict[str, tuple[str, str]] = {}
        for upstream in UPSTREAMS:
            header = OVERRIDE_HEADERS[upstream]
            override, problem = _token(values[header])
            if problem is not None:
                problems[upstream] = (header_name(header), problem)
            elif override is None and upstream in settings.passthrough and general_problem is not None:
                problems[upstream] = ("Authorization", general_problem)
            caller[upstream] = override or (general if upstream in settings.passthrough else None)
        authenticator = authenticator or Authenticator(settings.auth)
        return cls(
            caller=caller,
            problems=problems,
            inbound=authenticator.identify(values[CALLER_HEADER.lower()], client),
            policy=settings.auth,
            held=_held(settings),
        )

    def for_upstream(self, upstream: str) -> Secret | None:
        """The caller's own credential for ``upstream``; ``None`` where it gave none (the gateway's own
        may then be used). ``CredentialRefused`` (UNAUTHENTICATED, naming the header) where the caller's
        header for it is unusable, or it gave none and may not use the gateway's."""
        problem = self.problems.get(upstream)
        if problem is not None:
            header, reason = problem
            raise CredentialRefused(
                f"the token in '{header}' {reason}, so nothing was sent to {upstream}",
                upstream=upstream,
                header=header,
            )
        token = self.caller.get(upstream)
        if token is None and upstream in self.held:
            self._may_use_held(upstream)
        return token

    def _may_use_held(self, upstream: str) -> None:
        if self.policy.mode == "anonymous" or self.inbound.authenticated:
            return  # reads; writes are checked as they go out (check_write)
        own = f"your own '{header_name(OVERRIDE_HEADERS[upstream])}: Bearer <token>'"
        kind = "JWT" if self.policy.mode == "jwt" else "API key"
        if self.inbound.refused is not None:
            message = (
                f"'{CALLER_HEADER}' was not accepted: the token {self.inbound.refused}; the gateway's own "
                f"{upstream} credential is only for callers it can verify"
            )
        else:
            message = (
                f"the gateway's own {upstream} credential is only for verified callers "
                f"(STAFFGRAPH_AUTH={self.policy.mode}): send '{CALLER_HEADER}: Bearer <{kind}>', or {own}"
            )
        raise CredentialRefused(message, upstream=upstream, header=CALLER_HEADER)

    def own_keys(self) -> frozenset[str]:
        """SHA-256 of every credential the caller sent for an upstream: the accounts that are its own."""
        return frozenset(credential_hash(token.reveal()) for token in self.caller.values() if token)

    def lends_writes(self) -> bool:
        """Whether this caller's writes may go out with the gateway's own credentials."""
        if self.policy.mode == "anonymous":
            return self.policy.anonymous_writes
        return self.inbound.authenticated


# ---- writes: checked where every upstream request goes out (gateway.upstreams.base) ----


@dataclass(frozen=True)
class Lending:
    """What the current request's upstream calls may do with a credential the caller did not send
    (``own``: SHA-256 of those it did): ``writes`` or only reads."""

    own: frozenset[str] = frozenset()
    writes: bool = False


_LENDING: ContextVar[Lending | None] = ContextVar("staffgraph_lending", default=None)


def lend(lending: Lending | None) -> None:
    """Set what the current task (and every task it starts) may do with the gateway's credentials."""
    _LENDING.set(lending)


def check_write(upstream: str, where: str, credential: str | None) -> None:
    """Before a write goes out (a request that is neither a safe method nor marked idempotent): refuse
    it, before any call, when its credential (``credential``: its SHA-256) is not one the caller sent
    and the caller's writes may not use the gateway's own. A mutation's reads are not writes: its
    read-back after the write still uses the gateway's credentials like any read."""
    lending = _LENDING.get()
    if lending is None or lending.writes or credential is None or credential in lending.own:
        return
    header = header_name(OVERRIDE_HEADERS.get(upstream, "authorization"))
    raise HeldCredentialForbidden(
        f"{where} was not sent: the gateway's own {upstream} credential is not lent to anonymous "
        f"writes (STAFFGRAPH_ANONYMOUS_WRITES is off); send your own '{header}: Bearer <token>'",
        upstream=upstream,
    )


def _token(value: str | None) -> tuple[Secret | None, str | None]:
    """A header's bearer token, or what is wrong with it (a token that cannot go in a header)."""
    token = bearer(value)
    if token is None:
        return None, None
    problem = credential_problem(token)
    if problem is not None:
        return None, problem
    return Secret(token), None
