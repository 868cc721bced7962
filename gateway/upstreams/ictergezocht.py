"""The ICTerGezocht.nl client (vacancies, insights, clicks)."""

from __future__ import annotations

from gateway.upstreams.base import UpstreamClient


class ICTerGezochtClient(UpstreamClient):
    name = "ictergezocht"
