"""docker-compose.yml: Redis, the simulators and two gateway replicas sharing Redis, wired the way
``staffgraph demo`` wires one process."""

from __future__ import annotations

import dataclasses
from typing import Any
from urllib.parse import urlsplit

import yaml

from gateway.config_check import known_names
from gateway.demo import DEMO_TODAY, demo_settings
from gateway.settings import Settings
from tests.deploy.manifests import COMPOSE, dockerfile_stages, option

GATEWAYS = ("gateway-1", "gateway-2")


def services() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]  # type: ignore[no-any-return]


def gateway_env(name: str) -> dict[str, str]:
    return {key: str(value) for key, value in services()[name]["environment"].items()}


def test_the_services_are_redis_the_simulators_and_two_gateways() -> None:
    assert set(services()) == {"redis", "simulators", *GATEWAYS}


def test_each_gateway_reads_every_setting_it_is_given() -> None:
    for name in GATEWAYS:
        env = gateway_env(name)
        Settings.from_env(env)
        unknown = {key for key in env if key.startswith("STAFFGRAPH_")} - known_names(env)
        assert not unknown, f"{name}: settings staffgraph does not read: {sorted(unknown)}"


def test_the_gateways_are_the_demo_over_the_simulators_service_plus_redis() -> None:
    simulators = services()["simulators"]["command"]
    base = f"http://simulators:{option(simulators, '--port')}"

    for name in GATEWAYS:
        settings = Settings.from_env(gateway_env(name))
        # the same upstream URLs, demo credentials, institutes and day as `staffgraph demo`
        assert dataclasses.replace(settings, redis_url=None) == demo_settings(base, today=DEMO_TODAY)
        assert option(simulators, "--today") == DEMO_TODAY.isoformat()


def test_both_gateways_share_the_redis_service() -> None:
    urls = {Settings.from_env(gateway_env(name)).redis_url for name in GATEWAYS}

    (url,) = urls
    assert url is not None and urlsplit(url).hostname == "redis"
    assert all("redis" in services()[name]["depends_on"] for name in GATEWAYS)


def test_servers_listen_on_all_interfaces_and_publish_on_loopback_only() -> None:
    exposed = dockerfile_stages()[-1].last("EXPOSE").arguments
    published = []
    for name in ("simulators", *GATEWAYS):
        service = services()[name]
        command = service["command"]
        assert option(command, "--host") == "0.0.0.0"
        (mapping,) = service["ports"]
        host, host_port, container_port = mapping.split(":")
        assert host == "127.0.0.1" and container_port == option(command, "--port")
        published.append(host_port)
    assert len(set(published)) == len(published)
    assert all(option(services()[name]["command"], "--port") == exposed for name in GATEWAYS)
