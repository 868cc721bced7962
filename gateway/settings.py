"""Gateway settings: read once from ``STAFFGRAPH_*`` environment variables, then frozen.

``Settings.from_env(os.environ)`` is called at start-up and the result is passed
explicitly into the app; nothing reads the environment at import time. Every
credential may instead be given as ``<NAME>_FILE`` naming a file that holds it (as
Docker and Kubernetes mount secrets); credentials are ``Secret``s, so ``repr`` of the
settings never shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from datetime import date
from pathlib import Path

from gateway.exceptions import ConfigError
from gateway.names import Upstream
from gateway.secrets import Secret

PREFIX = "STAFFGRAPH_"
UPSTREAMS = tuple(Upstream)


@dataclass(frozen=True)
class UpstreamTimeouts:
    connect: float = 2.0
    read: float = 8.0


DEFAULT_TIMEOUTS = UpstreamTimeouts()

# The whole GraphQL request, from when it starts: upstream calls (and their retries) share it.
DEFAULT_REQUEST_DEADLINE = 10.0


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of idempotent upstream calls (GET and the Informat token fetch), within the deadline."""

    attempts: int = 3  # tries in all, the first included; 1 = no retries
    backoff: float = 0.1  # ceiling of the first wait (full jitter); doubles with every retry
    max_backoff: float = 2.0  # ceiling of any one wait; a longer Retry-After is honoured if time is left


@dataclass(frozen=True)
class BreakerPolicy:
    """A circuit per upstream: open after ``failures`` in a row, one probe after ``cooldown`` seconds."""

    failures: int = 5
    cooldown: float = 30.0


@dataclass(frozen=True)
class BudgetPolicy:
    """A client-side request budget per account: ``requests`` in any ``window`` seconds."""

    requests: int = 200
    window: float = 60.0
    # The most one caller (gateway.auth's caller identity) may spend of an account's budget that is
    # not its own: one caller's scans cannot rate-limit everyone (gateway.resilience.budget).
    caller_share: float = 0.25


DEFAULT_RETRY = RetryPolicy()
DEFAULT_BREAKER = BreakerPolicy()
# ICTerGezocht documents 200 requests per 60 s per account (and answers 429 beyond).
DEFAULT_ICTERGEZOCHT_BUDGET = BudgetPolicy()
DEFAULT_CACHE_TTL = 60.0
DEFAULT_CACHE_SIZE = 256


@dataclass(frozen=True)
class RequestLimits:
    """Bounds on one GraphQL request (gateway.limits, gateway.http); each is a STAFFGRAPH_MAX_* variable."""

    max_depth: int = 15  # nested field levels (GraphiQL's introspection query needs exactly 15)
    max_aliases: int = 30  # aliased fields written in the document
    max_tokens: int = 2000  # lexical tokens, comments included (the largest example has 86)
    max_root_fields: int = 20  # top-level fields of one operation, __typename aside
    max_cost: int = 5000  # estimated upstream fetches before batching (formula: gateway.limits.shape)
    max_body_bytes: int = 2 * 1024 * 1024  # request body; 413 before it is parsed (base64 attachments)
    max_in_flight: int = 100  # concurrent GraphQL requests; beyond: 503 with Retry-After, not a queue
    max_first: int = 200  # items one connection field may ask for (`first`); more is BAD_USER_INPUT
    # Caller-sized input, checked before validation (gateway.limits.inputs); over: BAD_USER_INPUT.
    max_in_values: int = 500  # values of one `in` filter
    max_list_length: int = 100  # items of any other list argument (orderBy, and/or, mutation lists)
    max_entities: int = 100  # `_entities` representations in one request
    max_input_values: int = 5000  # argument values of an operation, each once per run of its field
    # issue 10, gateway.http: JSON nesting in a request (body, GET variables) before it is parsed, and
    # the request line and headers together (431); httptools alone caps only the URL (64 KiB).
    max_json_depth: int = 64
    max_header_bytes: int = 128 * 1024
    # live applications (gateway.live): open subscriptions per caller (and per WebSocket), and per process
    max_subscriptions: int = 10
    max_subscribers: int = 1000


DEFAULT_LIMITS = RequestLimits()


# ---- inbound authentication: who may use the gateway-held credentials (gateway.auth, gateway.callers) ----

AUTH_MODES = ("anonymous", "jwt", "api-key")
# Asymmetric algorithms only: the gateway holds public keys, and an HS* token "verified" with a public
# key's text as its HMAC secret is the classic algorithm confusion; "none" is never accepted.
JWT_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")


@dataclass(frozen=True)
class InboundAuth:
    """``STAFFGRAPH_AUTH`` and what its mode needs. Loket (pass-through) and every credential a
    caller sends itself are unaffected: this decides only who may use the gateway's own."""

    mode: str = "anonymous"  # anonymous | jwt | api-key
    # anonymous mode: may callers write (mutations) with the gateway's credentials? `staffgraph demo` does.
    anonymous_writes: bool = False
    # jwt mode: the signing keys, from a JWKS URL (fetched, cached) or a key file read at start
    # (a PEM public key or a JWK set), and the claims every token must carry.
    jwt_jwks_url: str | None = None
    jwt_keys: str | None = dataclass_field(default=None, repr=False)
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_algorithms: tuple[str, ...] = ("RS256", "ES256")
    jwt_leeway: float = 30.0  # seconds of clock skew allowed on exp/nbf/iat
    # api-key mode: SHA-256 hex digests of the accepted keys (STAFFGRAPH_API_KEYS_FILE); never the keys.
    api_key_hashes: frozenset[str] = dataclass_field(default=frozenset(), repr=False)


DEFAULT_AUTH = InboundAuth()


@dataclass(frozen=True)
class ClientTimeouts:
    """How long a client may take to send a request (gateway.http): ``header`` seconds from the
    connection opening (or the previous response on it) to the end of the headers, then ``body``
    seconds for the whole body; past either the answer is 408 and the connection is closed."""

    header: float = 10.0
    body: float = 10.0


DEFAULT_CLIENT_TIMEOUTS = ClientTimeouts()


# ---- trusted documents: APQ and the safelist (gateway.documents) ----

TRUSTED_DOCUMENTS_MODES = ("off", "only")


@dataclass(frozen=True)
class TrustedDocuments:
    """``STAFFGRAPH_TRUSTED_DOCUMENTS`` and its bounds. ``off``: any document runs, APQ registers
    documents by hash; ``only``: only the manifest's documents run (by hash, id or exact text)."""

    mode: str = "off"
    # The manifest (Apollo's persisted-query manifest or Hive's hash -> document object); read at
    # start when present; ``only`` requires it.
    file: str = "trusted-documents.json"
    max_document_bytes: int = 64 * 1024  # a larger document still runs, but is never stored (APQ)
    apq_max_entries: int = 1000  # APQ documents held in the process (least recently used go first)
    apq_ttl: float = 24 * 3600.0  # seconds an APQ document lives in Redis (bounds what Redis holds)
    get_max_age: int = 0  # GET answers: 0 = "no-store"; N = "private, max-age=N" (gateway.documents.caching)


DEFAULT_TRUSTED_DOCUMENTS = TrustedDocuments()


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
    # The key ICTerGezocht sends as 'Authorization: Bearer' on application webhooks (gateway.live.webhook);
    # None: the webhook endpoint answers 404.
    ictergezocht_webhook_key: Secret | None = None
    # Informat schools the gateway asks scopes for, each "number" or "number=name" (comma list in
    # the env); empty means every scope the client may have, as the identity server decides.
    informat_institutes: tuple[tuple[str, str | None], ...] = ()
    # Most keys one DataLoader batch sends upstream at once (ids in one Loket filter, ...).
    loader_batch_size: int = 50
    # The day the gateway calls "today" (default periods, the current school year); None = the real
    # date. STAFFGRAPH_TODAY=YYYY-MM-DD pins it, e.g. to the simulators' --today.
    today: date | None = None

    # Upstreams that receive the caller's own `Authorization: Bearer` (comma list in the env).
    passthrough: tuple[str, ...] = (Upstream.LOKET,)
    timeouts: UpstreamTimeouts = DEFAULT_TIMEOUTS
    # Resilience (gateway.resilience): every upstream call of a GraphQL request is bounded by the time
    # left of ``request_deadline``; idempotent calls are retried; a circuit per upstream fails fast.
    request_deadline: float = DEFAULT_REQUEST_DEADLINE
    retry: RetryPolicy = DEFAULT_RETRY
    breaker: BreakerPolicy = DEFAULT_BREAKER
    ictergezocht_budget: BudgetPolicy = DEFAULT_ICTERGEZOCHT_BUDGET
    # Cross-request caches of reference data (gateway.caches), keyed by a SHA-256 of the credential:
    # seconds an answer is reused (0 = no caching) and entries per cache.
    cache_ttl: float = DEFAULT_CACHE_TTL
    cache_size: int = DEFAULT_CACHE_SIZE

    # Request limits, and the switches production turns off: introspection (also `_service` and
    # "Did you mean" suggestions) and the GraphiQL page.
    limits: RequestLimits = DEFAULT_LIMITS
    introspection: bool = True
    graphiql: bool = True
    # Slow clients (issue 10): STAFFGRAPH_HEADER_TIMEOUT, STAFFGRAPH_BODY_TIMEOUT.
    client_timeouts: ClientTimeouts = DEFAULT_CLIENT_TIMEOUTS

    # Who may use the gateway-held credentials (STAFFGRAPH_AUTH and its settings; gateway.auth).
    auth: InboundAuth = DEFAULT_AUTH

    # Shared state for replicas (issue 11): caches, budgets, documents and subscriptions live in this
    # Redis (STAFFGRAPH_REDIS_URL, redis:// or rediss:// or unix://) when set, in the process otherwise.
    redis_url: str | None = None
    # The connection pool under the upstream clients (gateway.upstreams.transport): "aiohttp" (measured
    # four times less CPU per call) or "httpx" (httpx's own pool), STAFFGRAPH_HTTP_TRANSPORT.
    http_transport: str = "aiohttp"
    # Automatic persisted queries and the safelist (STAFFGRAPH_TRUSTED_DOCUMENTS...; gateway.documents).
    trusted_documents: TrustedDocuments = DEFAULT_TRUSTED_DOCUMENTS

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
            if field.name.endswith("_url") and field.name != "redis_url":  # a redis:// URL, below
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
            limits=RequestLimits(
                **{
                    limit.name: int(
                        number(limit.name.upper(), getattr(DEFAULT_LIMITS, limit.name), "a whole number")
                    )
                    for limit in fields(RequestLimits)
                }
            ),
            introspection=_switch("INTROSPECTION", text("INTROSPECTION"), cls.introspection),
            graphiql=_switch("GRAPHIQL", text("GRAPHIQL"), cls.graphiql),
            informat_client_id=text("INFORMAT_CLIENT_ID"),
            informat_client_secret=secret("INFORMAT_CLIENT_SECRET"),
            ictergezocht_api_key=secret("ICTERGEZOCHT_API_KEY"),
            ictergezocht_partner_key=secret("ICTERGEZOCHT_PARTNER_KEY"),
            onderwijsloket_token=secret("ONDERWIJSLOKET_TOKEN"),
            ictergezocht_webhook_key=secret("ICTERGEZOCHT_WEBHOOK_KEY"),
            informat_institutes=_institutes(text("INFORMAT_INSTITUTES")),
            loader_batch_size=int(number("LOADER_BATCH_SIZE", cls.loader_batch_size, "a whole number")),
            today=_day(text("TODAY")),
            passthrough=passthrough,
            cache_ttl=_cache_ttl(text("CACHE_TTL")),
            cache_size=int(number("CACHE_SIZE", cls.cache_size, "a whole number")),
            timeouts=UpstreamTimeouts(
                connect=number("CONNECT_TIMEOUT", DEFAULT_TIMEOUTS.connect),
                read=number("READ_TIMEOUT", DEFAULT_TIMEOUTS.read),
            ),
            request_deadline=number("REQUEST_DEADLINE", DEFAULT_REQUEST_DEADLINE),
            retry=RetryPolicy(
                attempts=int(number("RETRY_ATTEMPTS", DEFAULT_RETRY.attempts, "a whole number")),
                backoff=number("RETRY_BACKOFF", DEFAULT_RETRY.backoff),
                max_backoff=number("RETRY_MAX_BACKOFF", DEFAULT_RETRY.max_backoff),
            ),
            breaker=BreakerPolicy(
                failures=int(number("BREAKER_FAILURES", DEFAULT_BREAKER.failures, "a whole number")),
                cooldown=number("BREAKER_COOLDOWN", DEFAULT_BREAKER.cooldown),
            ),
            ictergezocht_budget=BudgetPolicy(
                requests=int(
                    number("ICTERGEZOCHT_BUDGET", DEFAULT_ICTERGEZOCHT_BUDGET.requests, "a whole number")
                ),
                window=number("ICTERGEZOCHT_BUDGET_WINDOW", DEFAULT_ICTERGEZOCHT_BUDGET.window),
                caller_share=_share("ICTERGEZOCHT_CALLER_SHARE", text("ICTERGEZOCHT_CALLER_SHARE")),
            ),
            auth=_inbound_auth(text),
            redis_url=_redis_url(text("REDIS_URL")),
            http_transport=_choice(
                "HTTP_TRANSPORT", text("HTTP_TRANSPORT"), HTTP_TRANSPORTS, cls.http_transport
            ),
            trusted_documents=_trusted_documents(text, number),
            client_timeouts=ClientTimeouts(
                header=number("HEADER_TIMEOUT", DEFAULT_CLIENT_TIMEOUTS.header),
                body=number("BODY_TIMEOUT", DEFAULT_CLIENT_TIMEOUTS.body),
            ),
        )


HTTP_TRANSPORTS = ("aiohttp", "httpx")


def _choice(name: str, raw: str | None, choices: tuple[str, ...], default: str) -> str:
    """One of ``choices`` (case-insensitive), or ``default`` when unset."""
    if raw is None:
        return default
    if raw.lower() not in choices:
        raise ConfigError(f"{PREFIX}{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw.lower()


def _redis_url(raw: str | None) -> str | None:
    """``STAFFGRAPH_REDIS_URL`` as given, once its scheme is one the ``redis`` client speaks."""
    if raw is None:
        return None
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        scheme = raw.split(":")[0]  # never the rest: it may hold a password
        raise ConfigError(f"{PREFIX}REDIS_URL must be a redis://, rediss:// or unix:// URL, not {scheme!r}")
    return raw


def _trusted_documents(
    text: Callable[[str], str | None], number: Callable[[str, float, str], float]
) -> TrustedDocuments:
    """``STAFFGRAPH_TRUSTED_DOCUMENTS`` (off | only), its manifest file and bounds."""
    defaults = DEFAULT_TRUSTED_DOCUMENTS
    mode = (text("TRUSTED_DOCUMENTS") or defaults.mode).lower()
    if mode not in TRUSTED_DOCUMENTS_MODES:
        raise ConfigError(f"{PREFIX}TRUSTED_DOCUMENTS must be one of {TRUSTED_DOCUMENTS_MODES}, got {mode!r}")
    whole = "a whole number"
    max_age = text("GET_MAX_AGE")
    return TrustedDocuments(
        mode=mode,
        file=text("TRUSTED_DOCUMENTS_FILE") or defaults.file,
        max_document_bytes=int(number("MAX_DOCUMENT_BYTES", defaults.max_document_bytes, whole)),
        apq_max_entries=int(number("APQ_MAX_ENTRIES", defaults.apq_max_entries, whole)),
        apq_ttl=number("APQ_TTL", defaults.apq_ttl, "a number of seconds"),
        # 0 is allowed here (the default: answers over GET are not stored anywhere)
        get_max_age=0 if max_age == "0" else int(number("GET_MAX_AGE", defaults.get_max_age, whole)),
    )


def _share(name: str, raw: str | None) -> float:
    """A fraction in (0, 1]; 1 lets one caller spend a whole budget."""
    if raw is None:
        return DEFAULT_ICTERGEZOCHT_BUDGET.caller_share
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}{name} must be a fraction such as 0.25, got {raw!r}") from None
    if not 0 < value <= 1:
        raise ConfigError(f"{PREFIX}{name} must be more than 0 and at most 1, got {raw!r}")
    return value


def _inbound_auth(text: Callable[[str], str | None]) -> InboundAuth:
    from gateway.callers import inbound_auth  # reads key files and parses keys (PyJWT); settings need not

    return inbound_auth(text)


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


def _cache_ttl(raw: str | None) -> float:
    """Seconds, where 0 (unlike the timeouts) is allowed: it switches the shared caches off."""
    if raw is None:
        return DEFAULT_CACHE_TTL
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}CACHE_TTL must be a number of seconds, got {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{PREFIX}CACHE_TTL must be 0 (off) or more, got {raw!r}")
    return value


def _switch(name: str, raw: str | None, default: bool) -> bool:
    if raw is None:
        return default
    value = raw.lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{PREFIX}{name} must be true or false, got {raw!r}")


def _day(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{PREFIX}TODAY must be a date (YYYY-MM-DD), got {raw!r}") from None
