"""Credential routing per upstream: pass-through, per-upstream overrides, nothing else."""

from __future__ import annotations

import pytest

from gateway.auth import RequestCredentials, bearer_token
from gateway.settings import Settings


@pytest.mark.parametrize(
    ("value", "token"),
    [
        ("Bearer abc", "abc"),
        ("bearer  abc ", "abc"),
        ("Basic abc", None),
        ("Bearer", None),
        ("", None),
        (None, None),
    ],
)
def test_bearer_token(value: str | None, token: str | None) -> None:
    found = bearer_token(value)
    assert (found.reveal() if found else None) == token


def test_authorization_goes_only_to_passthrough_upstreams() -> None:
    credentials = RequestCredentials.from_headers({"Authorization": "Bearer demo-loket-alice"}, Settings())
    assert credentials.for_upstream("loket").reveal() == "demo-loket-alice"  # type: ignore[union-attr]
    assert credentials.for_upstream("informat") is None
    assert credentials.for_upstream("ictergezocht") is None


def test_per_upstream_headers_override_and_extend() -> None:
    credentials = RequestCredentials.from_headers(
        {
            "Authorization": "Bearer demo-loket-alice",
            "X-Loket-Authorization": "Bearer demo-loket-bob",
            "x-ictergezocht-authorization": "Bearer other-key",
        },
        Settings(passthrough=("loket", "onderwijsloket")),
    )
    assert credentials.for_upstream("loket").reveal() == "demo-loket-bob"  # type: ignore[union-attr]
    assert credentials.for_upstream("ictergezocht").reveal() == "other-key"  # type: ignore[union-attr]
    assert credentials.for_upstream("onderwijsloket").reveal() == "demo-loket-alice"  # type: ignore[union-attr]
    assert "demo-loket" not in repr(credentials)
