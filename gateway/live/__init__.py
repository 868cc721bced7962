"""Live applications: ICTerGezocht.nl's webhook in, ``Subscription.applicationReceived`` out.

``webhook`` receives and checks an application, ``broker`` fans it out to this process's
subscribers (and through ``relay``, Redis pub/sub, to the other replicas'), ``sse`` and
``websocket`` are the two transports subscribers use.
"""

from gateway.live.application import ApplicationRecord
from gateway.live.broker import Broker, Subscriber
from gateway.live.errors import SubscriberTooSlow, SubscriptionForbidden, SubscriptionRefused

__all__ = [
    "ApplicationRecord",
    "Broker",
    "Subscriber",
    "SubscriberTooSlow",
    "SubscriptionForbidden",
    "SubscriptionRefused",
]
