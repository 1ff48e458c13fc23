"""A description of the machine a benchmark ran on (for bench/results/)."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib.metadata import version
from pathlib import Path
from typing import Any


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git() -> str | None:
    """The commit the run measured, with "+dirty" when the tree has changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True, cwd=Path(__file__).parent).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", ":/src"],
                               capture_output=True, text=True, check=True,
                               cwd=Path(__file__).parent).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return head + ("+dirty src" if dirty else "")


def describe() -> dict[str, Any]:
    """nproc, memory, CPU model, load, and the versions that matter."""
    def ver(pkg: str) -> str | None:
        try:
            return version(pkg)
        except Exception:  # noqa: BLE001 (absent package)
            return None

    return {
        "nproc": len(os.sched_getaffinity(0)),
        "mem_gib": _mem_gib(),
        "cpu": _cpu_model(),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "os": platform.platform(),
        "git": _git(),
        "python": platform.python_version(),
        "duckdb": ver("duckdb"),
        "ibis": ver("ibis-framework"),
        "pandas": ver("pandas"),
        "pyarrow": ver("pyarrow"),
    }
