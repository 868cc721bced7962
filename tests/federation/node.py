"""The Node packages of the federation test (``package.json`` + ``package-lock.json`` here).

``npm ci`` installs them into ``tests/federation/node_modules`` (git-ignored) when it is
missing or older than the lock file; about 15 s and 61 MB on a cold npm cache. Without
Node 20+ or npm, or when the registry cannot be reached, the test is skipped on a
developer's machine and fails in CI (``CI`` set), where it must run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
NODE_MODULES = HERE / "node_modules"
LOCK = HERE / "package-lock.json"
# What npm ci writes last; its age tells whether node_modules follows the current lock file.
INSTALLED = NODE_MODULES / ".package-lock.json"
MIN_NODE = 20
INSTALL_TIMEOUT = 600.0


def unavailable(reason: str) -> None:
    """Fail in CI, where the federation test must run; skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"federation test cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def node_binary() -> str:
    """The ``node`` to run the router with, once it is new enough."""
    node = shutil.which("node")
    if node is None:
        unavailable("node is not installed (Node 20+ with npm)")
        raise AssertionError  # unreachable: unavailable() raises
    version = subprocess.run([node, "--version"], capture_output=True, text=True, check=True).stdout
    major = int(version.strip().lstrip("v").split(".")[0])
    if major < MIN_NODE:
        unavailable(f"node {version.strip()} is too old; the router needs Node {MIN_NODE}+")
    return node


def installed_packages() -> Path:
    """``node_modules`` as the lock file says, installed with ``npm ci`` when missing or stale."""
    if INSTALLED.exists() and INSTALLED.stat().st_mtime >= LOCK.stat().st_mtime:
        return NODE_MODULES
    npm = shutil.which("npm")
    if npm is None:
        unavailable("npm is not installed")
        raise AssertionError
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )
    if result.returncode != 0:
        unavailable(f"npm ci failed in {HERE}:\n{result.stdout}{result.stderr}")
    return NODE_MODULES
