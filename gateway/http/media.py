"""Media types of GraphQL over HTTP: which response type a client accepts, which request type we read.

The GraphQL-over-HTTP specification defines ``application/graphql-response+json``, whose
status codes tell request errors (400, no ``data``) from field errors (200), beside the
legacy ``application/json``, which answers 200 to every well-formed request. The
response type follows the ``Accept`` header (RFC 9110 content negotiation):

- no ``Accept`` (or an empty one): ``application/json``, as before the specification;
- the acceptable type with the highest ``q`` wins; on a tie the one named by the more
  specific range, then the one listed first, and for ``*/*`` or ``application/*`` alone
  ``application/json`` (what such clients have always been given);
- nothing acceptable: ``None``, which the view answers with 406.

Requests with a body must be ``application/json`` in UTF-8 (the only encoding JSON allows
on the wire); anything else is 415.
"""

from __future__ import annotations

from dataclasses import dataclass

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"
# In the order a tie leaves them: the legacy type first, so a bare */* keeps getting it.
RESPONSE_TYPES = (JSON, GRAPHQL_RESPONSE_JSON)


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float
    position: int

    def specificity(self, media_type: str) -> int:
        """2 for an exact match, 1 for ``type/*``, 0 for ``*/*``, -1 for no match."""
        main, _, sub = media_type.partition("/")
        if self.type == main and self.subtype == sub:
            return 2
        if self.type == main and self.subtype == "*":
            return 1
        if self.type == "*" and self.subtype == "*":
            return 0
        return -1


def _ranges(accept: str) -> list[_Range]:
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        ranges.append(_Range(main, sub, q, position))
    return ranges


def negotiate(accept: str | None) -> str | None:
    """The response media type for this ``Accept`` header, or ``None`` when neither is acceptable."""
    if accept is None or not accept.strip():
        return JSON
    ranges = _ranges(accept)
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for preference, media_type in enumerate(RESPONSE_TYPES):
        matching = [(r.specificity(media_type), r) for r in ranges if r.specificity(media_type) >= 0]
        if not matching:
            continue
        specificity, found = max(matching, key=lambda pair: (pair[0], -pair[1].position))
        if found.q <= 0:
            continue
        # higher q, then more specific, then listed earlier, then the legacy type
        key = (found.q, specificity, -found.position, -preference)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen


def body_type_problem(content_type: str | None) -> str | None:
    """Why a POST body of this ``Content-Type`` cannot be read, or ``None`` when it can."""
    if content_type is None or not content_type.strip():
        return "a POST request needs 'Content-Type: application/json'"
    media, *params = (part.strip() for part in content_type.split(";"))
    if media.lower() != JSON:
        return f"'{media}' is not supported: send the request as 'Content-Type: application/json'"
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return f"charset '{value.strip()}' is not supported: send UTF-8 JSON"
    return None


__all__ = ["GRAPHQL_RESPONSE_JSON", "JSON", "body_type_problem", "negotiate"]
