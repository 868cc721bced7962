"""The example operations GraphiQL offers as tabs in demo mode (``gateway/examples/*.graphql``).

Each file holds one operation; its first line is ``# title: <what it shows>`` and an
optional second line ``# variables: {...}`` holds the variables as a JSON object. The
files ship inside the package, so ``staffgraph demo`` finds them from a wheel as well
as from a checkout, and a test validates every one against the schema.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

EXAMPLES_DIR = Path(__file__).with_name("examples")
TITLE_PREFIX = "# title:"
VARIABLES_PREFIX = "# variables:"


@dataclass(frozen=True)
class Example:
    name: str  # the file name without .graphql, e.g. "core-employers"
    title: str
    query: str  # the operation, starting with its "# title:" line
    variables: str | None  # pretty-printed JSON, as GraphiQL's variables editor shows it


def parse_example(name: str, text: str) -> Example:
    """One example file; a missing title or variables that are not a JSON object is a ``ValueError``."""
    lines = text.strip().splitlines()
    if not lines or not lines[0].startswith(TITLE_PREFIX):
        raise ValueError(f"example {name}: the first line must be '{TITLE_PREFIX} ...'")
    title = lines[0][len(TITLE_PREFIX) :].strip()
    variables = None
    body = lines[1:]
    if body and body[0].startswith(VARIABLES_PREFIX):
        raw = body.pop(0)[len(VARIABLES_PREFIX) :].strip()
        try:
            parsed = json.loads(raw)
        except ValueError as exc:
            raise ValueError(f"example {name}: '{VARIABLES_PREFIX}' is not JSON ({exc})") from None
        if not isinstance(parsed, dict):
            raise ValueError(f"example {name}: '{VARIABLES_PREFIX}' must be a JSON object")
        variables = json.dumps(parsed, indent=2)
    if not title or not "".join(body).strip():
        raise ValueError(f"example {name}: needs a title and an operation")
    query = "\n".join([lines[0], *body]).strip() + "\n"
    return Example(name=name, title=title, query=query, variables=variables)


def load_examples(directory: Path = EXAMPLES_DIR) -> list[Example]:
    """Every ``*.graphql`` example in ``directory``, ordered by file name."""
    return [
        parse_example(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(directory.glob("*.graphql"))
    ]


__all__ = ["EXAMPLES_DIR", "Example", "load_examples", "parse_example"]
