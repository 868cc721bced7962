"""Property: random Directus filters select exactly what a plain Python reading selects.

Hypothesis builds filters from the whole operator set, ``_and``/``_or`` nesting, ``_some``/
``_none`` and relation paths (many-to-one, one-to-many, many-to-many through the
junction) over the seeded rows. They run through the simulator's query pipeline
(parameter parsing, validation, compilation, evaluation) for both access policies, as
JSON and in bracket form; the oracle below evaluates the same condition row by row with
SQL NULL semantics and the policy's visibility, sharing no code with the simulator.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import orjson
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from simulators.config import SimConfig
from simulators.onderwijsloket import Onderwijsloket
from simulators.onderwijsloket.auth import ACCOUNTS
from simulators.onderwijsloket.filters import FilterContext
from simulators.onderwijsloket.items import read_many
from simulators.onderwijsloket.query import read_query
from simulators.onderwijsloket.querystring import DEPTH as QS_DEPTH
from simulators.onderwijsloket.querystring import parse_query_string

Row = dict[str, Any]
RESTRICTED = {"programs", "program_forms", "educational_institutions", "locations"}
# (collection, relational field) -> ("m2o", target) | ("o2m", child collection, child's foreign key)
RELATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("programs", "program_forms"): ("o2m", "program_forms", "program"),
    ("programs", "educational_institutions"): ("o2m", "educational_institutions_programs", "programs_id"),
    ("programs", "locations"): ("o2m", "programs_locations", "programs_id"),
    ("educational_institutions_programs", "educational_institutions_id"): ("m2o", "educational_institutions"),
    ("programs_locations", "locations_id"): ("m2o", "locations"),
    ("program_forms", "program"): ("m2o", "programs"),
    ("program_forms", "track"): ("m2o", "tracks"),
}
STRING_OPS = [
    "_eq",
    "_neq",
    "_lt",
    "_lte",
    "_gt",
    "_gte",
    "_in",
    "_nin",
    "_null",
    "_nnull",
    "_empty",
    "_nempty",
    "_contains",
    "_ncontains",
    "_icontains",
    "_nicontains",
    "_starts_with",
    "_nstarts_with",
    "_istarts_with",
    "_nistarts_with",
    "_ends_with",
    "_nends_with",
    "_iends_with",
    "_niends_with",
    "_between",
    "_nbetween",
]
ORDERED_OPS = [
    "_eq",
    "_neq",
    "_lt",
    "_lte",
    "_gt",
    "_gte",
    "_in",
    "_nin",
    "_null",
    "_nnull",
    "_between",
    "_nbetween",
]
OPS = {
    "string": STRING_OPS,
    "integer": ORDERED_OPS,
    "float": ORDERED_OPS,
    "timestamp": ORDERED_OPS,
    "uuid": ["_eq", "_neq", "_in", "_nin", "_null", "_nnull"],
    "boolean": ["_eq", "_neq", "_null", "_nnull"],
}
# the scalar fields filters are drawn over, per collection
FIELDS: dict[str, dict[str, str]] = {
    "programs": {
        "id": "uuid",
        "title": "string",
        "type": "string",
        "level": "string",
        "degree": "string",
        "croho": "string",
        "vendor": "string",
        "credits": "integer",
        "date_created": "timestamp",
        "date_updated": "timestamp",
    },
    "program_forms": {
        "product_form": "string",
        "url": "string",
        "vendor": "string",
    },
    "educational_institutions": {
        "title": "string",
        "type": "string",
        "vendor": "string",
        "is_tio_partner": "boolean",
    },
    "locations": {"location_address": "string", "vendor": "string", "title": "string"},
    "tracks": {"name": "string"},
    "educational_institutions_programs": {},
    "programs_locations": {},
}


class Oracle:
    def __init__(self, rows: dict[str, list[Row]], vendors: set[str] | None) -> None:
        def visible(collection: str, row: Row) -> bool:
            return vendors is None or collection not in RESTRICTED or row["vendor"] in vendors

        self.rows = {name: [r for r in items if visible(name, r)] for name, items in rows.items()}
        self.index = {name: {r["id"]: r for r in items} for name, items in self.rows.items()}
        self.children: dict[tuple[str, str], dict[Any, list[Row]]] = {}
        for relation in RELATIONS.values():
            if relation[0] == "o2m":
                groups = self.children.setdefault((relation[1], relation[2]), {})
                for child in self.rows[relation[1]]:
                    groups.setdefault(child[relation[2]], []).append(child)

    def holds(self, rule: dict[str, Any], collection: str, row: Row | None) -> bool:
        ((key, value),) = rule.items()
        if key == "_and":
            return all(self.holds(part, collection, row) for part in value)
        if key == "_or":
            return any(self.holds(part, collection, row) for part in value)
        lifted = _lift(key, value)
        if lifted is not None:
            return self.holds(lifted, collection, row)
        relation = RELATIONS.get((collection, key))
        ((inner, argument),) = value.items()
        if relation is None:
            return _leaf(inner, None if row is None else row[key], argument)
        if relation[0] == "m2o":
            target = None if row is None or row[key] is None else self.index[relation[1]].get(row[key])
            return self.holds(value, relation[1], target)
        children = [] if row is None else self.children[(relation[1], relation[2])].get(row["id"], [])
        if inner == "_none":
            return not any(self.holds(argument, relation[1], c) for c in children)
        nested = argument if inner == "_some" else value
        return any(self.holds(nested, relation[1], c) for c in children)

    def select(self, rule: dict[str, Any], collection: str) -> list[Any]:
        return sorted(r["id"] for r in self.rows[collection] if self.holds(rule, collection, r))


def _lift(key: str, value: dict[str, Any]) -> dict[str, Any] | None:
    """A logical operator at the end of a field path applies to the whole path:
    ``{a: {b: {"_or": [X, Y]}}}`` means ``{"_or": [{a: {b: X}}, {a: {b: Y}}]}``."""
    path, node = [key], value
    while len(node) == 1 and not next(iter(node)).startswith("_"):
        path.append(next(iter(node)))
        node = node[path[-1]]
    ((inner, parts),) = node.items()
    if inner not in ("_and", "_or"):
        return None
    branches = []
    for part in parts:
        for name in reversed(path):
            part = {name: part}
        branches.append(part)
    return {inner: branches}


def _leaf(op: str, x: Any, v: Any) -> bool:
    if op == "_null":
        return x is None
    if op == "_nnull":
        return x is not None
    if op == "_empty":
        return x is None or x == ""
    if op == "_nempty":
        return x is not None and x != ""
    if x is None:
        return False
    negated = op.startswith("_n") and op not in ("_nnull", "_nempty")
    base = "_" + op[2:] if negated else op
    if base == "_eq" or base == "_e":
        result = x == v
    elif op == "_neq":
        return x != v
    elif base == "_in":
        result = x in v
    elif base == "_between":
        result = v[0] <= x <= v[1]
    elif base in ("_contains", "_icontains"):
        result = v.lower() in x.lower() if base == "_icontains" else v in x
    elif base in ("_starts_with", "_istarts_with"):
        result = x.lower().startswith(v.lower()) if base == "_istarts_with" else x.startswith(v)
    elif base in ("_ends_with", "_iends_with"):
        result = x.lower().endswith(v.lower()) if base == "_iends_with" else x.endswith(v)
    else:
        result = {"_lt": x < v, "_lte": x <= v, "_gt": x > v, "_gte": x >= v}[op]
    return not result if negated else result


COERCED = frozenset({"null", "true", "false"})


def _values(rows: dict[str, list[Row]], collection: str, field: str, kind: str) -> st.SearchStrategy[Any]:
    seen = sorted({r[field] for r in rows[collection] if r[field] is not None and r[field] != ""}, key=str)
    if kind == "string":
        words = sorted({w for value in seen for w in value.replace("(", " ").split()} or {"a"})
        clean = [value for value in seen if not any(c in value for c in "%_\\")] or ["x"]
        return (
            st.sampled_from(clean)
            | st.sampled_from(words)
            # Directus reads the words "null", "true" and "false" as values, not text (tested on their
            # own in test_filters.py); the oracle compares text, so they are not drawn here
            | st.text(alphabet="aeilnorstuvwDLMPZ -", min_size=1, max_size=4).filter(
                lambda text: text.lower() not in COERCED
            )
        )
    if kind == "timestamp":
        moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 1, 1))
        return moments.map(lambda d: d.strftime("%Y-%m-%dT%H:%M:%S.000Z")) | st.sampled_from(seen)
    if kind in ("integer", "float"):
        return st.sampled_from(seen) | st.integers(0, 10000)
    if kind == "boolean":
        return st.booleans()
    return st.sampled_from(seen)


def _condition(rows: dict[str, list[Row]], collection: str) -> st.SearchStrategy[dict[str, Any]]:
    fields = FIELDS[collection]

    @st.composite
    def leaf(draw: Callable) -> dict[str, Any]:
        name = draw(st.sampled_from(sorted(fields)))
        kind = fields[name]
        op = draw(st.sampled_from(OPS[kind]))
        values = _values(rows, collection, name, kind)
        if op in ("_null", "_nnull", "_empty", "_nempty"):
            argument: Any = True
        elif op in ("_in", "_nin"):
            argument = draw(st.lists(values, min_size=1, max_size=3))
        elif op in ("_between", "_nbetween"):
            argument = sorted(draw(st.lists(values, min_size=2, max_size=2)))
        else:
            argument = draw(values)
        return {name: {op: argument}}

    return leaf()


def _filters(
    rows: dict[str, list[Row]], collection: str, depth: int = 2
) -> st.SearchStrategy[dict[str, Any]]:
    options = [_condition(rows, collection)] if FIELDS[collection] else []
    if depth > 0:
        for (owner, name), relation in RELATIONS.items():
            if owner != collection:
                continue
            inner = _filters(rows, relation[1], depth - 1)
            options.append(inner.map(lambda rule, name=name: {name: rule}))
            if relation[0] == "o2m":
                quantifier = st.sampled_from(["_some", "_none"])
                options.append(st.tuples(quantifier, inner).map(lambda q, name=name: {name: {q[0]: q[1]}}))
    single = st.one_of(options)
    return st.recursive(
        single,
        lambda inner: st.tuples(
            st.sampled_from(["_and", "_or"]), st.lists(inner, min_size=1, max_size=3)
        ).map(lambda pair: {pair[0]: pair[1]}),
        max_leaves=6,
    )


def _run(simulator: Onderwijsloket, policy: int, collection: str, raw: dict[str, Any]) -> list[Any]:
    account = ACCOUNTS[policy]
    context = FilterContext(datetime.now(UTC), account.id, account.role)
    query = read_query({**raw, "fields": "id", "limit": "-1"}, context)
    return sorted(item["id"] for item in read_many(simulator.view(account), collection, query)["data"])


def _brackets(prefix: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _brackets(f"{prefix}[{key}]", item)]
    if isinstance(value, list):
        return [pair for index, item in enumerate(value) for pair in _brackets(f"{prefix}[{index}]", item)]
    return [(prefix, orjson.dumps(value).decode() if isinstance(value, bool) else str(value))]


class World:
    """The simulator, the rows and both oracles (short ``repr``: hypothesis prints arguments)."""

    def __init__(self, simulator: Onderwijsloket, rows: dict[str, list[Row]]) -> None:
        self.simulator = simulator
        self.rows = rows
        self.oracles = [Oracle(rows, None), Oracle(rows, {"onderwijsloket"})]
        self.filters = {name: _filters(rows, name) for name in ("programs", "program_forms")}

    def __repr__(self) -> str:
        return "World()"


@pytest.fixture(scope="module")
def world(sim_config: SimConfig, rows: dict) -> World:
    return World(Onderwijsloket.build(sim_config), rows)


def _draw(data: st.DataObject, world: World) -> tuple[str, int, dict[str, Any]]:
    collection = data.draw(st.sampled_from(["programs", "program_forms"]), label="collection")
    policy = data.draw(st.sampled_from([0, 1]), label="policy (0 full, 1 navigator)")
    return collection, policy, data.draw(world.filters[collection], label="filter")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_json_filters_match_the_oracle(data: st.DataObject, world: World) -> None:
    collection, policy, rule = _draw(data, world)
    expected = world.oracles[policy].select(rule, collection)
    assert _run(world.simulator, policy, collection, {"filter": orjson.dumps(rule).decode()}) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_bracket_filters_match_the_oracle(data: st.DataObject, world: World) -> None:
    collection, policy, rule = _draw(data, world)
    pairs = _brackets("filter", rule)
    assume(all(key.count("[") <= QS_DEPTH for key, _ in pairs))  # deeper keys stop being nested (qs depth 10)
    raw = parse_query_string(urlencode(pairs))
    assert _run(world.simulator, policy, collection, raw) == world.oracles[policy].select(rule, collection)
