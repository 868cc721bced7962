"""Why a subscription to live applications was refused or ended (GraphQL errors with their codes).

::

    GatewayError
    ├── SubscriptionRefused     over a subscription limit (TOO_MANY_SUBSCRIPTIONS), before it starts
    ├── SubscriberTooSlow       its queue overflowed: it was dropped, not waited for (SUBSCRIBER_TOO_SLOW)
    └── SubscriptionForbidden   STAFFGRAPH_AUTH lends the gateway's ICTerGezocht account to verified
                                callers only, and this one is not (UNAUTHENTICATED)
"""

from __future__ import annotations

from typing import Any

from gateway.exceptions import GatewayError


class SubscriptionRefused(GatewayError):
    code = "TOO_MANY_SUBSCRIPTIONS"

    def __init__(self, message: str, *, setting: str, allowed: int) -> None:
        super().__init__(message)
        self.setting = setting
        self.allowed = allowed

    def extensions(self) -> dict[str, Any]:
        return {**super().extensions(), "limit": self.setting, "allowed": self.allowed}


class SubscriberTooSlow(GatewayError):
    code = "SUBSCRIBER_TOO_SLOW"


class SubscriptionForbidden(GatewayError):
    code = "UNAUTHENTICATED"


__all__ = ["SubscriberTooSlow", "SubscriptionForbidden", "SubscriptionRefused"]
