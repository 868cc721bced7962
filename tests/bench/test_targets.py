"""A peer's requests become a target whose answers are checked where the peer says its rows are."""

from __future__ import annotations

import orjson
import pytest

from bench.peers.mesh_requests import PeerRequest
from bench.processes import Running
from bench.scenarios import BY_ID, AnswerError
from bench.targets import peer_target


def test_a_peer_target_posts_each_variant_and_checks_its_rows() -> None:
    request = PeerRequest(
        "client joins",
        {"query": "{ persons { _embedded { id } } }"},
        {"Authorization": "Bearer demo-loket-alice"},
        "the client joins",
        ("persons", "_embedded"),
        2,
    )
    target = peer_target(Running("mesh", "http://127.0.0.1:1/graphql", 42), {"persons-50": [request]})
    assert target.pid == 42
    assert target.for_scenario("employers") == ()
    (variant,) = target.for_scenario("persons-50")
    assert variant.variant == "client joins"
    assert variant.http.url == "http://127.0.0.1:1/graphql"
    assert variant.http.body is not None and orjson.loads(variant.http.body) == request.body
    assert variant.http.headers == {
        "Content-Type": "application/json",
        "Authorization": "Bearer demo-loket-alice",
    }
    scenario = BY_ID["persons-50"]
    assert variant.check(scenario, {"data": {"persons": {"_embedded": [{"id": 1}, {"id": 2}]}}}) == 2
    with pytest.raises(AnswerError, match="expected 2 rows"):
        variant.check(scenario, {"data": {"persons": {"_embedded": [{"id": 1}]}}})
    with pytest.raises(AnswerError, match="the peer answered"):
        variant.check(scenario, {"data": None, "errors": [{"message": "boom"}]})
