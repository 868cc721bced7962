"""The Dockerfile, read statically (images cannot be pulled here, so it is not built in tests)."""

from __future__ import annotations

import re
import tomllib

import typer.main

from gateway.cli import app as cli
from tests.deploy.manifests import ROOT, Stage, dockerfile_stages, kubernetes_resources, option

SECRET_WORDS = re.compile(r"SECRET|KEY|TOKEN|PASSWORD", re.IGNORECASE)


def runtime() -> Stage:
    return dockerfile_stages()[-1]


def test_a_builder_stage_makes_wheels_and_a_slim_runtime_installs_them() -> None:
    builder, final = dockerfile_stages()

    assert builder.name == "builder" and "pip wheel" in builder.last("RUN").arguments
    assert final.image.endswith("-slim")
    # the runtime takes nothing from the build context: only the builder's wheels
    assert not final.all("COPY") and not final.all("ADD")
    install = final.last("RUN").arguments
    assert "from=builder" in install and "--no-index" in install


def test_the_builder_copies_every_package_the_project_installs() -> None:
    builder = dockerfile_stages()[0]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = {
        pattern.rstrip("*") for pattern in project["tool"]["setuptools"]["packages"]["find"]["include"]
    }

    copied = {instruction.arguments.split()[0] for instruction in builder.all("COPY")}

    assert packages <= copied
    assert {"pyproject.toml", "README.md"} <= set(builder.all("COPY")[0].arguments.split())


def test_the_runtime_runs_as_the_non_root_user_kubernetes_expects() -> None:
    user = runtime().last("USER").arguments
    uid, _, gid = user.partition(":")

    assert uid.isdigit() and int(uid) != 0 and gid != "0"
    # runAsNonRoot can verify only a numeric user; the Deployment runs as the same one
    pod = kubernetes_resources()["Deployment"]["spec"]["template"]["spec"]["securityContext"]
    assert pod["runAsUser"] == int(uid)


def test_cmd_serves_the_gateway_on_the_exposed_port() -> None:
    final = runtime()
    command = final.last("CMD").exec_form()
    exposed = final.last("EXPOSE").arguments.split()

    assert command[:2] == ["staffgraph", "serve"]
    assert option(command, "--host") == "0.0.0.0"
    assert exposed == [option(command, "--port")]
    # `serve` and the `demo` the header comment offers are commands of the CLI
    commands = typer.main.get_command(cli).commands  # type: ignore[attr-defined]
    assert {"serve", "demo", "check-config"} <= set(commands)


def test_the_healthcheck_asks_healthz_on_the_served_port_with_python() -> None:
    final = runtime()
    check = final.last("HEALTHCHECK").exec_form()
    port = option(final.last("CMD").exec_form(), "--port")

    assert check[0] == "python"  # the slim image has no curl
    assert f"http://127.0.0.1:{port}/healthz" in check[-1]


def test_no_credential_is_baked_into_the_image() -> None:
    for stage in dockerfile_stages():
        for instruction in stage.all("ENV") + stage.all("ARG"):
            assert not SECRET_WORDS.search(instruction.arguments), instruction
        # every setting comes from the environment at run time, none from the image
        assert not [
            instruction for instruction in stage.instructions if "STAFFGRAPH_" in instruction.arguments
        ]


def test_the_build_context_leaves_out_what_the_image_does_not_need() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()

    assert {".git", ".venv", "tests", "**/node_modules"} <= set(ignored)
