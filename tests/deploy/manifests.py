"""Reading the deployment files the way their tools do, for the static tests of deploy/."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
KUBERNETES = ROOT / "deploy" / "kubernetes"
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "docker-compose.yml"


def yaml_documents(path: Path) -> list[dict[str, Any]]:
    return [document for document in yaml.safe_load_all(path.read_text(encoding="utf-8")) if document]


def kubernetes_resources() -> dict[str, dict[str, Any]]:
    """Every resource under deploy/kubernetes by kind (one of each), the kustomization aside."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(KUBERNETES.glob("*.yaml")):
        for document in yaml_documents(path):
            if document["kind"] != "Kustomization":
                assert document["kind"] not in found, f"two {document['kind']}s"
                found[document["kind"]] = document
    return found


def option(command: list[str], name: str) -> str:
    """The value after ``--name`` in a command line."""
    return command[command.index(name) + 1]


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str

    def exec_form(self) -> list[str]:
        """A JSON-array argument (``CMD ["a", "b"]``) as a list, after any ``--flag=...`` options."""
        words = self.arguments
        while words.startswith("--"):
            words = words.split(maxsplit=1)[1]
        if words.startswith("CMD "):
            words = words[4:]
        value = json.loads(words)
        assert isinstance(value, list)
        return [str(word) for word in value]


@dataclass(frozen=True)
class Stage:
    image: str
    name: str | None
    instructions: tuple[Instruction, ...]

    def all(self, keyword: str) -> list[Instruction]:
        return [instruction for instruction in self.instructions if instruction.keyword == keyword]

    def last(self, keyword: str) -> Instruction:
        found = self.all(keyword)
        assert found, f"stage {self.name or self.image} has no {keyword}"
        return found[-1]


def dockerfile_stages(path: Path = DOCKERFILE) -> list[Stage]:
    """The Dockerfile's build stages: comments dropped, continuation lines joined."""
    logical: list[str] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    stages: list[Stage] = []
    for line in logical:
        keyword, _, arguments = line.partition(" ")
        if keyword.upper() == "FROM":
            words = shlex.split(arguments)
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stages.append(Stage(image=words[0], name=name, instructions=()))
        else:
            assert stages, "an instruction before FROM"
            last = stages[-1]
            instruction = Instruction(keyword.upper(), arguments.strip())
            stages[-1] = Stage(last.image, last.name, (*last.instructions, instruction))
    return stages
