"""Secrets hide themselves everywhere but reveal()."""

from __future__ import annotations

import hashlib

from gateway.secrets import Secret


def test_secret_never_shows_its_value() -> None:
    secret = Secret("demo-loket-alice")
    assert "demo-loket-alice" not in repr(secret)
    assert "demo-loket-alice" not in str(secret)
    assert "demo-loket-alice" not in f"{secret!r} {secret}"
    assert secret.reveal() == "demo-loket-alice"
    assert secret.fingerprint() == hashlib.sha256(b"demo-loket-alice").hexdigest()
    assert secret == Secret("demo-loket-alice") and secret != Secret("other")
