"""Run every GraphiQL example against a fresh demo stack and print its upstream calls and bytes.

The figures in the README's example table come from here (``python scripts/measure_examples.py``);
each example runs on freshly seeded simulators with cold shared caches, as a first visitor meets it.
"""

from __future__ import annotations

import json
import sys

import httpx

from gateway.demo import DEMO_TODAY
from gateway.examples import load_examples
from gateway.graphiql import DEMO_HEADERS
from simulators.config import DEFAULT_SEED, SimConfig
from tests.support.stack import running_stack


def main() -> None:
    scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    print("| example | calls | upstream bytes |")
    print("|---|---|---|")
    for example in sorted(load_examples(), key=lambda e: e.name):
        with running_stack(SimConfig(seed=DEFAULT_SEED, today=DEMO_TODAY, scale=scale), demo=True) as stack:
            variables = json.loads(example.variables) if example.variables else None
            stack.reset_calls()
            answer = httpx.post(
                f"{stack.gateway_url}/graphql",
                json={"query": example.query, "variables": variables},
                headers=DEMO_HEADERS,
                timeout=60,
            ).json()
            calls = stack.calls()
            parts = [
                f"{calls[name]['total']} {label}"
                for name, label in (
                    ("loket", "Loket"),
                    ("informat", "Informat"),
                    ("identity", "token"),
                    ("ictergezocht", "ICTerGezocht"),
                    ("onderwijsloket", "Onderwijsloket"),
                )
                if calls.get(name, {}).get("total")
            ]
            errors = " (errors!)" if "errors" in answer else ""
            print(f"| `{example.name}` | {' + '.join(parts) or '0'}{errors} | {calls['bytes']:,} |")


if __name__ == "__main__":
    main()
