"""The request id: the caller's if sane, else a new one; never the caller's raw bytes."""

from __future__ import annotations

import re

import pytest

from gateway.telemetry.requests import accepted_id, request_id

NEW = re.compile(r"[0-9a-f]{32}")


@pytest.mark.parametrize(
    "sent", ["0b1e0f6c-2d55-4e83-9c41-7a1d2b3c4d5e", "01HZX3K9Q8W7", "web:checkout.42", "a" * 128]
)
def test_a_sane_caller_id_is_kept(sent: str) -> None:
    assert accepted_id([(b"x-request-id", sent.encode())]) == sent


@pytest.mark.parametrize(
    "sent",
    [b"", b"a" * 129, b"has space", b"<script>", b"caf\xc3\xa9", b"line\r\nbreak", b"semi;colon", b"%0a"],
)
def test_an_insane_caller_id_is_replaced(sent: bytes) -> None:
    made = accepted_id([(b"x-request-id", sent)])
    assert NEW.fullmatch(made) and made.encode() != sent


def test_an_id_sent_twice_or_not_at_all_is_replaced() -> None:
    twice = accepted_id([(b"x-request-id", b"one"), (b"x-request-id", b"two")])
    assert NEW.fullmatch(twice)
    assert NEW.fullmatch(accepted_id([(b"accept", b"*/*")]))
    assert accepted_id([]) != accepted_id([])


def test_outside_a_request_there_is_a_fresh_id() -> None:
    assert NEW.fullmatch(request_id()) and request_id() != request_id()
