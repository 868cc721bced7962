"""``python -m bench.peers_setup``: install the peer gateways for ``make bench-peers``.

GraphQL Mesh and Hive Gateway come from the npm registry into a folder outside the tracked
tree (``STAFFGRAPH_BENCH_PEERS_DIR``, default ``bench/.peers/``, ignored by git);
``bench.peers.mesh`` does the work and is imported only here and under ``--peers``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peers_folder() -> Path:
    return Path(os.environ.get("STAFFGRAPH_BENCH_PEERS_DIR") or ROOT / "bench" / ".peers")


def main() -> int:
    from bench.peers import mesh
    from bench.processes import running_simulators

    folder = peers_folder()
    folder.mkdir(parents=True, exist_ok=True)
    print(f"installing the peers into {folder}", flush=True)
    mesh.install(folder)
    with running_simulators(1) as simulators:
        composed = mesh.compose(folder, simulators.url)
    print(f"Mesh composed: {composed}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
