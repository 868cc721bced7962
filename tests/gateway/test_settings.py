"""Settings from the environment: URLs, secrets (direct or _FILE), numbers, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.exceptions import ConfigError
from gateway.settings import Settings


def test_defaults_point_at_the_real_upstreams() -> None:
    settings = Settings.from_env({})
    assert settings.loket_url == "https://api.loket.nl/v2"
    assert settings.passthrough == ("loket",)
    assert settings.onderwijsloket_token is None


def test_urls_secrets_and_numbers_are_read_and_secrets_stay_hidden(tmp_path: Path) -> None:
    secret_file = tmp_path / "secret"
    secret_file.write_text("s3cr3t-value\n")
    settings = Settings.from_env(
        {
            "STAFFGRAPH_LOKET_URL": "http://127.0.0.1:9100/loket/v2/",
            "STAFFGRAPH_INFORMAT_CLIENT_ID": "staffgraph-demo",
            "STAFFGRAPH_INFORMAT_CLIENT_SECRET_FILE": str(secret_file),
            "STAFFGRAPH_ONDERWIJSLOKET_TOKEN": "tok-123",
            "STAFFGRAPH_READ_TIMEOUT": "2.5",
            "STAFFGRAPH_PASSTHROUGH": "loket, informat",
        }
    )
    assert settings.loket_url == "http://127.0.0.1:9100/loket/v2"
    assert settings.informat_client_secret is not None
    assert settings.informat_client_secret.reveal() == "s3cr3t-value"
    assert settings.onderwijsloket_token is not None and settings.onderwijsloket_token.reveal() == "tok-123"
    assert settings.timeouts.read == 2.5
    assert settings.passthrough == ("loket", "informat")
    assert "s3cr3t-value" not in repr(settings) and "tok-123" not in repr(settings)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STAFFGRAPH_LOKET_URL": "ftp://x"}, "STAFFGRAPH_LOKET_URL must be an http"),
        ({"STAFFGRAPH_READ_TIMEOUT": "soon"}, "STAFFGRAPH_READ_TIMEOUT must be a number of seconds"),
        ({"STAFFGRAPH_LOADER_BATCH_SIZE": "2.5"}, "STAFFGRAPH_LOADER_BATCH_SIZE must be a whole number"),
        ({"STAFFGRAPH_LOADER_BATCH_SIZE": "0"}, "STAFFGRAPH_LOADER_BATCH_SIZE must be positive"),
        ({"STAFFGRAPH_TODAY": "tomorrow"}, "STAFFGRAPH_TODAY"),
        ({"STAFFGRAPH_CONNECT_TIMEOUT": "-1"}, "STAFFGRAPH_CONNECT_TIMEOUT must be positive"),
        ({"STAFFGRAPH_PASSTHROUGH": "loket,payroll"}, "unknown upstream"),
        ({"STAFFGRAPH_ONDERWIJSLOKET_TOKEN_FILE": "/nonexistent/token"}, "cannot read /nonexistent/token"),
        (
            {"STAFFGRAPH_ONDERWIJSLOKET_TOKEN": "a", "STAFFGRAPH_ONDERWIJSLOKET_TOKEN_FILE": "/x"},
            "not both",
        ),
    ],
)
def test_bad_settings_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)
