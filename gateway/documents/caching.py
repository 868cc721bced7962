"""``Cache-Control`` and ``Vary`` for answers to GET requests on ``/graphql``.

GET exists so that a query named by its hash (APQ) is a plain URL a cache could keep. But
every answer of this gateway depends on who asks: the caller's ``Authorization`` goes to Loket,
the ``X-…-Authorization`` headers to the other upstreams, ``X-Staffgraph-Authorization`` decides
who may use the gateway's own credentials, and a caller who sends none is one "anonymous"
caller among many. So no answer may sit in a shared cache (a CDN, a proxy): alice's employers
would be served to bob.

- By default (``STAFFGRAPH_GET_MAX_AGE=0``) every GET answer is ``Cache-Control: no-store``:
  data that may have changed upstream a second ago is never reused without asking.
- ``STAFFGRAPH_GET_MAX_AGE=N`` lets the caller's own browser reuse a successful answer (no
  ``errors``) for N seconds: ``private, max-age=N``. ``private`` keeps it out of shared caches,
  and ``Vary`` on ``Accept`` and every credential header keeps one browser from answering a
  token with what another token was given. Errors (partial data, an upstream down, a refused
  token, ``PersistedQueryNotFound``) are always ``no-store``: retrying must ask again.

POST answers get no such headers: HTTP caches do not store them.
"""

from __future__ import annotations

from gateway.auth import CREDENTIAL_HEADERS

VARY = ", ".join(["Accept", *CREDENTIAL_HEADERS])


def get_cache_headers(*, max_age: int, cacheable: bool) -> dict[str, str]:
    """The headers of one GET answer; ``cacheable`` when it is a 200 without ``errors``."""
    control = f"private, max-age={max_age}" if cacheable and max_age > 0 else "no-store"
    return {"Cache-Control": control, "Vary": VARY}


__all__ = ["VARY", "get_cache_headers"]
