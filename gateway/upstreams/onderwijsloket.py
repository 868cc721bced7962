"""The Onderwijsloket (Directus) client (teacher-training programs, institutions, locations)."""

from __future__ import annotations

from gateway.upstreams.base import UpstreamClient


class OnderwijsloketClient(UpstreamClient):
    name = "onderwijsloket"
