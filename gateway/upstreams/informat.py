"""The Informat Personeel client (school staff, assignments, interruptions)."""

from __future__ import annotations

from gateway.upstreams.base import UpstreamClient


class InformatClient(UpstreamClient):
    name = "informat"
