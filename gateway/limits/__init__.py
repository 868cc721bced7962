"""Request limits on GraphQL documents: depth, aliases, tokens, root fields, cost, introspection,
and the size of the input (lists, ``in`` values, ``_entities`` representations, all values).

``QueryLimiter`` (the schema extension) enforces them per request from ``Settings.limits``;
``measure`` and ``input_errors`` are the document analyses it uses; ``gateway.limits.errors``
lists the codes.
The limits on the HTTP request itself (body size, in-flight requests) are in ``gateway.http``.
"""

from __future__ import annotations

from gateway.limits.extension import QueryLimiter
from gateway.limits.inputs import input_errors
from gateway.limits.shape import Shape, measure

__all__ = ["QueryLimiter", "Shape", "input_errors", "measure"]
