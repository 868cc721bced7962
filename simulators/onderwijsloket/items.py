"""Reading items: ``GET /items/{collection}`` and ``GET /items/{collection}/{id}`` without HTTP.

A list answers ``{"data": [...]}``, with ``"meta"`` first when asked for:
``total_count`` counts every item the role may read, ``filter_count`` those matching
``filter`` and ``search``. A single item is Directus's ``readOne``: the list query with
the primary key ANDed into the filter, and 403 FORBIDDEN when nothing is left, whether
the item does not exist, may not be read or is filtered out (the document: "all actions
on non-existing items return a FORBIDDEN error rather than NOT_FOUND").
"""

from __future__ import annotations

import re
from typing import Any

from simulators.onderwijsloket.errors import forbidden
from simulators.onderwijsloket.fields import Projector, select
from simulators.onderwijsloket.listing import compile_plan
from simulators.onderwijsloket.query import Query
from simulators.onderwijsloket.store import View

Row = dict[str, Any]
_INTEGER_KEY = re.compile(r"[0-9]{1,18}")


def read_many(view: View, collection: str, query: Query) -> dict[str, Any]:
    selection = select(query.fields, view, collection)
    plan = compile_plan(query, view, collection)
    rows = view.rows[collection]
    matching = plan.matching(rows)
    projector = Projector(view)
    data = [projector.item(row, selection, query.deep) for row in plan.page(matching)]
    if not query.meta:
        return {"data": data}
    meta = {}
    for name in dict.fromkeys(query.meta):
        meta[name] = len(rows) if name == "total_count" else len(matching)
    return {"meta": meta, "data": data}


def _key(view: View, collection: str, raw: str) -> Any:
    """The primary key from the path; one that cannot be a key of this collection reads nothing."""
    if view.schema[collection].primary_type == "integer":
        return int(raw) if _INTEGER_KEY.fullmatch(raw) else None
    return raw.lower()


def read_one(view: View, collection: str, raw_key: str, query: Query) -> dict[str, Any]:
    key = _key(view, collection, raw_key)
    if key is None:
        raise forbidden()
    selection = select(query.fields, view, collection)
    primary = view.schema[collection].primary
    plan = compile_plan(query, view, collection, extra={primary: {"_eq": key}})
    row = view.get(collection, key)
    found = plan.page(plan.matching([row])) if row is not None else []
    if not found:
        raise forbidden()
    return {"data": Projector(view).item(found[0], selection, query.deep)}
