"""``staffgraph check-config``: the environment as ``serve`` reads it, checked before a deployment."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner, Result

from gateway.cli import app as cli
from gateway.config_check import check, known_names

SECRET = "s3cret-value-never-printed"
PRODUCTION = {
    "STAFFGRAPH_LOKET_URL": "https://api.loket.nl/v2",
    "STAFFGRAPH_INFORMAT_CLIENT_ID": "staffgraph-prod",
    "STAFFGRAPH_INFORMAT_CLIENT_SECRET": SECRET,
    "STAFFGRAPH_ICTERGEZOCHT_API_KEY": SECRET,
    "STAFFGRAPH_REDIS_URL": f"redis://:{SECRET}@redis:6379/0",
    "STAFFGRAPH_INTROSPECTION": "false",
}


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the variables a test gives: none from the machine running the tests."""
    for name in list(os.environ):
        if name.startswith("STAFFGRAPH_"):
            monkeypatch.delenv(name)


def check_config(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(cli, ["check-config", *args], env=env)


def test_a_good_environment_is_ok_with_a_summary_and_no_secret() -> None:
    result = check_config(PRODUCTION)

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "staffgraph check-config: OK"
    assert "https://api.loket.nl/v2" in result.stdout
    assert "Informat client set, ICTerGezocht key set, Onderwijsloket token not set" in result.stdout
    assert "redis:         set" in result.stdout
    assert "introspection: off" in result.stdout
    assert SECRET not in result.output
    assert result.stderr == ""


def test_a_url_with_a_password_is_shown_without_it() -> None:
    result = check_config({"STAFFGRAPH_ONDERWIJSLOKET_URL": f"https://user:{SECRET}@content.example/"})

    assert result.exit_code == 0, result.output
    assert "https://content.example" in result.stdout
    assert SECRET not in result.output


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("STAFFGRAPH_READ_TIMEOUT", "soon", "STAFFGRAPH_READ_TIMEOUT must be a number of seconds"),
        ("STAFFGRAPH_LOKET_URL", "ftp://nowhere", "STAFFGRAPH_LOKET_URL must be an http(s) URL"),
        ("STAFFGRAPH_AUTH", "jwt", "STAFFGRAPH_AUTH=jwt needs STAFFGRAPH_JWT_JWKS_URL"),
        ("STAFFGRAPH_REDIS_URL", f"http://:{SECRET}@redis", "STAFFGRAPH_REDIS_URL must be a redis://"),
    ],
)
def test_a_wrong_variable_is_named_and_exits_2(name: str, value: str, message: str) -> None:
    result = check_config({name: value})

    assert result.exit_code == 2
    assert message in result.stderr
    assert "OK" not in result.stdout
    assert SECRET not in result.output


def test_a_misspelt_name_is_warned_about_with_the_name_it_resembles() -> None:
    result = check_config({**PRODUCTION, "STAFFGRAPH_LOKET_UR": "https://api.loket.nl/v2"})

    assert result.exit_code == 0
    assert result.stderr == (
        "warning: STAFFGRAPH_LOKET_UR is not a setting staffgraph reads; it is ignored "
        "(did you mean STAFFGRAPH_LOKET_URL?)\n"
    )
    assert check_config({"STAFFGRAPH_LOKET_UR": "x"}, "--strict").exit_code == 2


def test_names_read_only_in_some_configurations_are_known_there() -> None:
    # the JWT settings are read only with STAFFGRAPH_AUTH=jwt; a secret's _FILE form is always read
    env = {
        "STAFFGRAPH_AUTH": "jwt",
        "STAFFGRAPH_JWT_JWKS_URL": "https://login.example/.well-known/jwks.json",
        "STAFFGRAPH_JWT_ISSUER": "https://login.example/",
        "STAFFGRAPH_JWT_AUDIENCE": "staffgraph",
        "STAFFGRAPH_JWT_LEEWAY": "10",
        "STAFFGRAPH_ONDERWIJSLOKET_TOKEN_FILE": __file__,
    }

    result = check(env)

    assert result.error is None and result.unknown == ()
    assert result.settings is not None and result.settings.auth.jwt_leeway == 10


def test_other_variables_are_not_the_gateways_business() -> None:
    result = check({"PATH": "/usr/bin", "OTEL_SERVICE_NAME": "staffgraph", "STAFFGRAPHX": "1"})

    assert result.unknown == ()


def test_known_names_are_what_from_env_reads() -> None:
    names = known_names()

    assert {
        "STAFFGRAPH_LOKET_URL",
        "STAFFGRAPH_INFORMAT_CLIENT_SECRET_FILE",
        "STAFFGRAPH_MAX_DEPTH",
        "STAFFGRAPH_REDIS_URL",
        "STAFFGRAPH_API_KEYS_FILE",
    } <= names
    assert "STAFFGRAPH_LOKET_UR" not in names
