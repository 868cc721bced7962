"""CPU time and resident memory of a process tree, read from /proc (Linux).

The gateway may fork workers (``staffgraph serve --workers N``), so every figure is summed
over the process and its live descendants; CPU of children that already exited and were
waited for is in the parent's ``cutime``/``cstime`` and is counted too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


class ProcessGone(RuntimeError):
    """The process whose figures were asked for no longer exists."""


@dataclass(frozen=True)
class Sample:
    """CPU seconds (user + system) and resident bytes of a process tree at one moment."""

    cpu_seconds: float
    rss_bytes: int
    processes: int


def _stat_fields(pid: int) -> list[str]:
    """``/proc/<pid>/stat`` split after the command name (which may hold spaces and parentheses);
    index 0 is the state, so field n of proc(5) is at n - 3."""
    text = (PROC / str(pid) / "stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    """The pids whose parent is ``pid`` (every thread's ``children`` file, as proc(5) advises)."""
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except FileNotFoundError:
        return found
    for task in tasks:
        try:
            found.extend(int(child) for child in (task / "children").read_text().split())
        except FileNotFoundError:
            continue
    return found


def tree(pid: int) -> list[int]:
    """``pid`` and all its live descendants."""
    pids, pending = [], [pid]
    while pending:
        current = pending.pop()
        pids.append(current)
        pending.extend(children(current))
    return pids


def cpu_seconds(pid: int, *, include_reaped: bool = True) -> float:
    """utime + stime of one process (and cutime + cstime: its children that were waited for)."""
    fields = _stat_fields(pid)
    utime, stime, cutime, cstime = (int(fields[i]) for i in (11, 12, 13, 14))
    ticks = utime + stime + (cutime + cstime if include_reaped else 0)
    return ticks / TICKS_PER_SECOND


def rss_bytes(pid: int) -> int:
    """``VmRSS`` of one process (0 for a kernel thread or a zombie, which have none)."""
    for line in (PROC / str(pid) / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def sample(pid: int) -> Sample:
    """The tree's CPU and RSS now. A descendant that exits while being read is skipped."""
    if not (PROC / str(pid)).exists():
        raise ProcessGone(f"process {pid} is gone")
    cpu, rss, count = 0.0, 0, 0
    for member in tree(pid):
        try:
            cpu += cpu_seconds(member)
            rss += rss_bytes(member)
        except (FileNotFoundError, ProcessLookupError):
            continue
        count += 1
    return Sample(cpu_seconds=cpu, rss_bytes=rss, processes=count)
