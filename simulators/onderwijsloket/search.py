"""``search``: Directus's free-text search over a collection.

As Directus does it: a row matches when one of its text fields contains the term
(case-insensitive SQL ``LIKE '%term%'``, so ``%`` and ``_`` in the term are wildcards), a
numeric field equals the term when the term is a number, or the primary key equals it
when it is a UUID.

Choice: the search also looks one relation deep, through junctions (Directus 11 searches
related collections, and the Onderwijsloket document lists ``educational_institutions.title``
among the searchable fields of ``programs``): programmes are found by their forms'
texts and by the names, types and addresses of their institutions and locations. A
junction row's own integer id is not searched, only the rows it links.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from simulators.onderwijsloket.jsvalues import js_number, js_string
from simulators.onderwijsloket.like import Like
from simulators.onderwijsloket.store import View

Row = dict[str, Any]
SEARCH_DEPTH = 1
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_INT32 = 2**31


def _numeric(term: str) -> float | None:
    number = js_number(term)
    if math.isnan(number) or math.isinf(number) or js_string(number) != term:
        return None
    return number


class _Search:
    def __init__(self, term: str, view: View) -> None:
        self.view = view
        lowered = term.lower()
        if any(char in lowered for char in "%_\\"):
            self.matches_text: Callable[[str], bool] = Like(f"%{lowered}%").matches
        else:
            self.matches_text = lambda text: lowered in text
        self.number = _numeric(term)
        self.uuid = lowered if _UUID.fullmatch(lowered) else None
        self.texts: dict[tuple[str, Any], tuple[str, ...]] = view.memo.setdefault("search-texts", {})

    def _own(self, collection: str, row: Row) -> bool:
        schema = self.view.schema[collection]
        key = (collection, row[schema.primary])
        texts = self.texts.get(key)
        if texts is None:
            texts = tuple(
                row[name].lower()
                for name in schema.searchable
                if schema.fields[name].type in ("string", "text") and row[name] is not None
            )
            self.texts[key] = texts
        if any(self.matches_text(text) for text in texts):
            return True
        number, uuid = self.number, self.uuid
        for name in schema.searchable:
            kind, value = schema.fields[name].type, row[name]
            fits = kind == "float" or (number is not None and number.is_integer() and abs(number) < _INT32)
            if number is not None and kind in ("integer", "float") and value == number and fits:
                return True
            if uuid is not None and kind == "uuid" and value == uuid:
                return True
        return False

    def row(self, collection: str, row: Row, depth: int) -> bool:
        schema = self.view.schema[collection]
        if not schema.junction and self._own(collection, row):
            return True
        if depth <= 0:
            return False
        for name, field in schema.fields.items():
            if field.m2o is not None:
                target = self.view.related(collection, name, row)
                if target is not None and self.row(field.m2o, target, depth - 1):
                    return True
            elif field.o2m is not None:
                child = field.o2m[0]
                through = self.view.schema[child].junction
                for item in self.view.children(collection, name, row):
                    if through:
                        if self._through(child, field.o2m[1], item, depth):
                            return True
                    elif self.row(child, item, depth - 1):
                        return True
        return False

    def _through(self, junction: str, back: str, link: Row, depth: int) -> bool:
        for name, field in self.view.schema[junction].fields.items():
            if field.m2o is not None and name != back:
                target = self.view.related(junction, name, link)
                if target is not None and self.row(field.m2o, target, depth - 1):
                    return True
        return False


def compile_search(term: str, view: View, collection: str) -> Callable[[Row], bool]:
    search = _Search(term, view)
    return lambda row: search.row(collection, row, SEARCH_DEPTH)
