"""Resolver of ``Subscription.applicationReceived``: applications from the broker, for one caller.

The applications come to the gateway's own ICTerGezocht.nl webhook, so they are the gateway
account's data, lent like its ICTerGezocht key (``gateway.auth``): to anyone with
``STAFFGRAPH_AUTH=anonymous``, else only to a caller whose ``X-Staffgraph-Authorization``
verified. The subscription holds one of its caller's places (``STAFFGRAPH_MAX_SUBSCRIPTIONS``)
until it ends.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from gateway.callers import CALLER_HEADER
from gateway.context import Context
from gateway.exceptions import GatewayError, InputError
from gateway.live import ApplicationRecord, SubscriptionForbidden

MAX_REFERENCE_NUMBER = 255  # the webhook's own limit: a longer one can never match


def _check_access(context: Context) -> None:
    credentials = context.credentials
    if credentials.policy.mode == "anonymous" or credentials.inbound.authenticated:
        return
    if credentials.inbound.refused is not None:
        reason = f"'{CALLER_HEADER}' was not accepted: the token {credentials.inbound.refused}"
    else:
        reason = f"send '{CALLER_HEADER}: Bearer <token>'"
    raise SubscriptionForbidden(
        f"applications are only for verified callers (STAFFGRAPH_AUTH={credentials.policy.mode}): {reason}"
    )


async def applications_received(
    context: Context, reference_number: str | None
) -> AsyncIterator[ApplicationRecord]:
    """Every application from now on (for ``reference_number``'s vacancy when given), until the
    subscriber leaves or falls too far behind (``SUBSCRIBER_TOO_SLOW``)."""
    if reference_number is not None and len(reference_number) > MAX_REFERENCE_NUMBER:
        raise InputError(
            f"'referenceNumber' is longer than {MAX_REFERENCE_NUMBER} characters", argument="referenceNumber"
        )
    _check_access(context)
    broker = context.live
    if broker is None:
        raise GatewayError("live applications are not available in this context")
    async with broker.subscribe(reference_number, caller=context.credentials.inbound.identity) as subscriber:
        async for record in subscriber:
            yield record
