"""The Informat "Personeel" API (``/informat``) and its identity server (``/identity``).

Both apps share one token store: a token from ``POST /identity/connect/token`` opens the
API for the schools in its scopes. Demo client ``staffgraph-demo`` / ``demo-secret``
(three schools) and ``staffgraph-other`` / ``other-secret`` (the fourth); see ``auth``.
"""

from __future__ import annotations

from simulators.config import SimConfig
from simulators.informat.app import api_app, canonical_path
from simulators.informat.auth import CLIENTS, TokenStore
from simulators.informat.dataset import Dataset, build_dataset
from simulators.informat.errors import informat_fault_response
from simulators.informat.identity import identity_app
from simulators.informat.openapi import informat_openapi
from simulators.informat.state import ApiState
from simulators.informat.store import Store
from simulators.upstream import SimulatedUpstream


def create_upstream(config: SimConfig) -> SimulatedUpstream:
    dataset = build_dataset(config)
    store = Store(dataset, config.seed)
    tokens = TokenStore(config.seed, config.clock)
    state = ApiState(dataset, store, tokens)

    def reset() -> None:
        store.reset()
        tokens.reset()

    return SimulatedUpstream(
        apps={"informat": api_app(state), "identity": identity_app(tokens)},
        fault_response=informat_fault_response,
        reset=reset,
        canonical_path=canonical_path,
        openapi={"informat": informat_openapi},
    )


__all__ = ["CLIENTS", "Dataset", "build_dataset", "create_upstream"]
