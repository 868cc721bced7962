"""The four upstreams, as one enum instead of string literals in every registry.

A ``StrEnum``: ``Upstream.LOKET == "loket"``, so it is also the ``upstream`` in error
extensions, metric labels, settings (``STAFFGRAPH_PASSTHROUGH``) and global ids, and the
GraphQL ``Source`` enum (``schema.node``) is this enum exposed to clients.
"""

from __future__ import annotations

from enum import StrEnum


class Upstream(StrEnum):
    LOKET = "loket"
    INFORMAT = "informat"
    ICTERGEZOCHT = "ictergezocht"
    ONDERWIJSLOKET = "onderwijsloket"
