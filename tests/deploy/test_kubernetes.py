"""deploy/kubernetes: valid against the Kubernetes JSON schemas (offline, the schemas the
``kubernetes-validate`` package ships) and consistent with the gateway's settings, ports and routes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest

from gateway.app import create_app
from gateway.config_check import known_names
from gateway.settings import Settings
from tests.deploy.manifests import KUBERNETES, kubernetes_resources, option, yaml_documents

# The oldest Kubernetes release the manifests must still apply to.
KUBERNETES_VERSION = "1.29"
MANIFESTS = sorted(path for path in KUBERNETES.glob("*.yaml") if path.name != "kustomization.yaml")


def container() -> dict[str, Any]:
    (found,) = kubernetes_resources()["Deployment"]["spec"]["template"]["spec"]["containers"]
    return found  # type: ignore[no-any-return]


def container_env() -> dict[str, str]:
    """The container's environment as the kubelet builds it: envFrom ConfigMap and Secret, then env."""
    resources = kubernetes_resources()
    sources = {
        ("configMapRef", resources["ConfigMap"]["metadata"]["name"]): resources["ConfigMap"]["data"],
        ("secretRef", resources["Secret"]["metadata"]["name"]): resources["Secret"]["stringData"],
    }
    env: dict[str, str] = {}
    for source in container()["envFrom"]:
        ((kind, reference),) = source.items()
        env.update(sources[(kind, reference["name"])])  # a KeyError: a reference to nothing here
    env.update({item["name"]: item["value"] for item in container().get("env", [])})
    return env


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda path: path.name)
def test_every_manifest_is_valid_against_the_kubernetes_schemas(path: Path) -> None:
    for document in yaml_documents(path):
        # strict: a misspelt or misplaced field is an error, not silently dropped
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_a_manifest_with_a_misplaced_field_is_refused() -> None:
    # the check above can fail: a probe path one level too high is not a Deployment
    broken = kubernetes_resources()["Deployment"]
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["path"] = "/readyz"
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_the_kustomization_applies_every_manifest() -> None:
    (kustomization,) = yaml_documents(KUBERNETES / "kustomization.yaml")

    assert sorted(kustomization["resources"]) == [path.name for path in MANIFESTS]


def test_the_environment_is_one_the_gateway_starts_with_and_reads_in_full() -> None:
    env = container_env()

    settings = Settings.from_env(env)

    unknown = {name for name in env if name.startswith("STAFFGRAPH_")} - known_names(env)
    assert not unknown, f"settings staffgraph does not read: {sorted(unknown)}"
    assert settings.redis_url is not None  # replicas share state
    assert settings.auth.mode != "anonymous"  # production lends its credentials to verified callers only
    assert not settings.introspection and not settings.graphiql


def test_credentials_live_in_the_secret_as_placeholders_only() -> None:
    resources = kubernetes_resources()
    secret = resources["Secret"]["stringData"]

    assert all("REPLACE-ME" in value for value in secret.values()), secret
    # every credential setting is in the Secret, none in the ConfigMap
    credentials = {"INFORMAT_CLIENT_SECRET", "ICTERGEZOCHT_API_KEY", "ONDERWIJSLOKET_TOKEN", "REDIS_URL"}
    assert {f"STAFFGRAPH_{name}" for name in credentials} <= set(secret)
    assert not {name for name in resources["ConfigMap"]["data"] if "SECRET" in name or "KEY" in name}


def test_ports_and_probes_match_the_gateways_routes() -> None:
    resources = kubernetes_resources()
    served = container()
    (port,) = served["ports"]
    routes = {getattr(route, "path", None) for route in create_app(Settings()).routes}

    assert port["containerPort"] == int(option(served["args"], "--port"))
    assert option(served["args"], "--host") == "0.0.0.0"
    assert served["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": port["name"]}
    assert served["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": port["name"]}
    assert {"/readyz", "/healthz"} <= routes
    (service_port,) = resources["Service"]["spec"]["ports"]
    assert service_port["targetPort"] in (port["name"], port["containerPort"])


def test_the_service_and_autoscaler_point_at_the_deployment() -> None:
    resources = kubernetes_resources()
    deployment = resources["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]

    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert resources["Service"]["spec"]["selector"].items() <= labels.items()
    target = resources["HorizontalPodAutoscaler"]["spec"]["scaleTargetRef"]
    assert (target["kind"], target["name"]) == ("Deployment", deployment["metadata"]["name"])
    assert resources["HorizontalPodAutoscaler"]["spec"]["minReplicas"] >= 2


def test_the_pod_is_locked_down_and_sized() -> None:
    pod = kubernetes_resources()["Deployment"]["spec"]["template"]["spec"]
    served = container()

    assert pod["securityContext"]["runAsNonRoot"] is True
    assert served["securityContext"]["readOnlyRootFilesystem"] is True
    assert served["securityContext"]["allowPrivilegeEscalation"] is False
    assert served["securityContext"]["capabilities"]["drop"] == ["ALL"]
    assert {"cpu", "memory"} <= set(served["resources"]["requests"])
    assert "memory" in served["resources"]["limits"]
