"""Settings of live applications: the webhook key (direct or _FILE, a Secret), the subscription limits."""

from __future__ import annotations

from pathlib import Path

import httpx

from gateway.app import create_app
from gateway.settings import Settings
from tests.support.clients import asgi_client


def test_webhook_key_from_env_or_file_is_a_secret(tmp_path: Path) -> None:
    key_file = tmp_path / "webhook-key"
    key_file.write_text("from-a-file\n")
    direct = Settings.from_env({"STAFFGRAPH_ICTERGEZOCHT_WEBHOOK_KEY": "s3cret"})
    from_file = Settings.from_env({"STAFFGRAPH_ICTERGEZOCHT_WEBHOOK_KEY_FILE": str(key_file)})
    assert (
        direct.ictergezocht_webhook_key is not None and direct.ictergezocht_webhook_key.reveal() == "s3cret"
    )
    assert from_file.ictergezocht_webhook_key is not None
    assert from_file.ictergezocht_webhook_key.reveal() == "from-a-file"
    assert "s3cret" not in repr(direct)


def test_subscription_limits_from_env() -> None:
    settings = Settings.from_env({"STAFFGRAPH_MAX_SUBSCRIPTIONS": "3", "STAFFGRAPH_MAX_SUBSCRIBERS": "50"})
    assert (settings.limits.max_subscriptions, settings.limits.max_subscribers) == (3, 50)


async def test_without_a_key_the_webhook_is_404() -> None:
    async with asgi_client(create_app(Settings()), base_url="http://gateway") as client:
        answer = await client.post(
            "/webhooks/ictergezocht/applications", json={}, headers={"Authorization": "Bearer anything"}
        )
    assert answer.status_code == httpx.codes.NOT_FOUND
