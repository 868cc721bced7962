"""CPU and memory of a process tree from /proc: a child's work is counted with its parent's."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest

from bench import procstat

# The parent starts a child that burns CPU, then both wait for stdin to close, so the tree is
# alive (and the child not yet reaped) while it is sampled.
PARENT = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, stdin=subprocess.PIPE)
print(child.pid, child.stdout.readline().decode().strip(), flush=True)
sys.stdin.read()
child.stdin.close()
child.wait()
"""
CHILD = """
import sys
total = 0
for i in range(3_000_000):
    total += i * i
print("worked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def tree_with_a_busy_child() -> Iterator[tuple[int, int]]:
    process = subprocess.Popen(
        [sys.executable, "-c", f"CHILD = {CHILD!r}\n{PARENT}"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stdin is not None
    child_pid, word = process.stdout.readline().decode().split()
    assert word == "worked"
    try:
        yield process.pid, int(child_pid)
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def test_a_tree_counts_its_childrens_cpu_and_memory(tree_with_a_busy_child: tuple[int, int]) -> None:
    parent, child = tree_with_a_busy_child
    assert child in procstat.children(parent)
    assert procstat.tree(parent) == [parent, child]
    child_cpu = procstat.cpu_seconds(child)
    assert child_cpu > 0
    whole = procstat.sample(parent)
    assert whole.processes == 2
    assert whole.cpu_seconds >= procstat.cpu_seconds(parent) + child_cpu
    assert whole.rss_bytes == procstat.rss_bytes(parent) + procstat.rss_bytes(child)
    assert procstat.rss_bytes(child) > 1024 * 1024


def test_cpu_of_a_reaped_child_stays_with_the_parent() -> None:
    script = (
        "import subprocess, sys\n"
        f"subprocess.run([sys.executable, '-c', {CHILD!r}], input=b'', stdout=subprocess.DEVNULL)\n"
        "print('reaped', flush=True)\n"
        "sys.stdin.read()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdin is not None
    try:
        assert process.stdout.readline().strip() == b"reaped"
        with_children = procstat.cpu_seconds(process.pid)
        own = procstat.cpu_seconds(process.pid, include_reaped=False)
        assert with_children > own
        assert procstat.sample(process.pid).processes == 1
    finally:
        process.stdin.close()
        process.wait(timeout=30)


def test_a_process_that_is_gone_is_an_error() -> None:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    with pytest.raises(procstat.ProcessGone):
        procstat.sample(process.pid)
