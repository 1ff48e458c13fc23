"""Import throughput: a dataset folder into a fresh store, with the time of each phase.

Run in a fresh process (run.py does) so that peak memory is the import's own.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from baselines.common import peak_mib

from supportlens.api import Workspace
from supportlens.importing.loader import ImportProgress
from supportlens.importing.readers import TableFile


class PhaseTimer(ImportProgress):
    """Seconds per imported file (read, check, upsert) and per fact-derivation step."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._name: str | None = None
        self._t0 = time.perf_counter()

    def _switch(self, name: str | None) -> None:
        now = time.perf_counter()
        if self._name is not None:
            self.phases[self._name] = self.phases.get(self._name, 0.0) + now - self._t0
        self._name, self._t0 = name, now

    def file_started(self, tf: TableFile, size: int) -> None:
        self._switch(f"file {tf.path.name}")

    def file_done(self, tf: TableFile, rows: int) -> None:
        self._switch(None)

    def step(self, text: str) -> None:
        self._switch(f"step {text}")

    def finish(self) -> dict[str, float]:
        self._switch(None)
        return self.phases


def run(db: str, folder: str) -> dict[str, Any]:
    """Import `folder` into a new store at `db`; rows/s, seconds, peak MiB, phases."""
    path = Path(db)
    path.unlink(missing_ok=True)
    timer = PhaseTimer()
    t0 = time.perf_counter()
    summary = Workspace.open(path).import_folder(folder, progress=timer)
    secs = time.perf_counter() - t0
    rows = sum(summary.rows.values())
    return {"rows": rows, "seconds": secs, "rows_per_s": rows / secs, "peak_mib": peak_mib(),
            "bytes": sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file()),
            "phases": timer.finish()}
